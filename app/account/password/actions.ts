"use server";

import { signOut } from "@/auth";
import { changeOwnPassword } from "@/lib/accounts/admin";
import { changePasswordSchema } from "@/lib/accounts/schemas";
import { protectedAction } from "@/lib/actions/safe-action";
import { ROLES } from "@/lib/roles";

const change = protectedAction({
  name: "account.change_password",
  roles: ROLES,
  schema: changePasswordSchema,
  async handler({ input, user, tx }) {
    await changeOwnPassword(tx, user.id, input.oldPassword, input.newPassword);
    return { data: undefined, audit: { targetType: "user", targetId: user.id } };
  },
});

export async function changePasswordAction(raw: unknown) {
  const result = await change(raw);
  // The session version moved on: every session, this one included, must sign in again.
  if (result.ok) await signOut({ redirectTo: "/login?changed=1" });
  return result;
}
