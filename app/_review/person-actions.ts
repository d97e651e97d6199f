"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/actions/safe-action";
import { markPersonNotificationsRead } from "@/lib/backfill/notify";
import { markNotificationsReadSchema } from "@/lib/backfill/schemas";

const markRead = protectedAction({
  name: "backfill.notifications.read_person",
  roles: ["person"],
  schema: markNotificationsReadSchema,
  handler: async ({ user, tx }) => {
    const n = await markPersonNotificationsRead(tx, user.id);
    return { data: { read: n }, audit: { targetType: "user", targetId: user.id, detail: { read: n } }, message: "已全部标为已读" };
  },
});

export async function markPersonNotificationsReadAction(raw: unknown) {
  const r = await markRead(raw);
  if (r.ok) revalidatePath("/person", "layout");
  return r;
}
