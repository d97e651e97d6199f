"use server";

import { BACKFILL_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { UserError } from "@/lib/errors";
import { markOrgNotificationsRead, markPersonNotificationsRead } from "@/lib/notifications/notify";
import { markNotificationsReadSchema } from "@/lib/notifications/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

export const markPersonNotificationsReadAction = protectedAction({
  name: "backfill.notifications.read_person",
  roles: ["person"],
  schema: markNotificationsReadSchema,
  revalidate: [{ path: "/person", type: "layout" }],
  handler: async ({ user, tx }) => {
    const n = await markPersonNotificationsRead(tx, user.id);
    return { data: { read: n }, audit: { targetType: "user", targetId: user.id, detail: { read: n } }, message: "已全部标为已读" };
  },
});

export const markOrgNotificationsReadAction = protectedAction({
  name: "backfill.notifications.read_org",
  roles: COMMITTEE_FORMING_ROLES,
  schema: markNotificationsReadSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ user, tx }) => {
    if (!user.orgId) throw new UserError("账号未关联单位");
    const n = await markOrgNotificationsRead(tx, user.orgId);
    return { data: { read: n }, audit: { targetType: "org", targetId: user.orgId, detail: { read: n } }, message: "已全部标为已读" };
  },
});
