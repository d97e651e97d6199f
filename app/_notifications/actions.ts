"use server";

import { revalidatePath } from "next/cache";
import { withBackfillRefresh } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { UserError } from "@/lib/errors";
import { markOrgNotificationsRead, markPersonNotificationsRead } from "@/lib/notifications/notify";
import { markNotificationsReadSchema } from "@/lib/notifications/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

const markPersonRead = protectedAction({
  name: "backfill.notifications.read_person",
  roles: ["person"],
  schema: markNotificationsReadSchema,
  handler: async ({ user, tx }) => {
    const n = await markPersonNotificationsRead(tx, user.id);
    return { data: { read: n }, audit: { targetType: "user", targetId: user.id, detail: { read: n } }, message: "已全部标为已读" };
  },
});

export async function markPersonNotificationsReadAction(raw: unknown) {
  const r = await markPersonRead(raw);
  if (r.ok) revalidatePath("/person", "layout");
  return r;
}

const markOrgRead = protectedAction({
  name: "backfill.notifications.read_org",
  roles: COMMITTEE_FORMING_ROLES,
  schema: markNotificationsReadSchema,
  handler: async ({ user, tx }) => {
    if (!user.orgId) throw new UserError("账号未关联单位");
    const n = await markOrgNotificationsRead(tx, user.orgId);
    return { data: { read: n }, audit: { targetType: "org", targetId: user.orgId, detail: { read: n } }, message: "已全部标为已读" };
  },
});

export async function markOrgNotificationsReadAction(raw: unknown) {
  return withBackfillRefresh(markOrgRead(raw));
}
