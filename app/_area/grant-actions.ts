"use server";

import { eq, sql } from "drizzle-orm";
import { redirect } from "next/navigation";
import { auth, unstable_update } from "@/auth";
import { sessionGrants } from "@/db/schema";
import { protectedAction, type ActionResult } from "@/lib/actions/safe-action";
import { loadUserGrants } from "@/lib/auth/grant-queries";
import { signGrantSwitch } from "@/lib/auth/grant-switch";
import { switchGrantSchema } from "@/lib/auth/grants";
import { ForbiddenError } from "@/lib/errors";
import { areaForRole, ROLES } from "@/lib/roles";

/** Checks that the grant is the user's own and usable now, audits the switch and signs its ticket. */
const checkGrantSwitch = protectedAction({
  name: "auth.switch_grant",
  roles: ROLES,
  schema: switchGrantSchema,
  handler: async ({ input, user, tx }) => {
    const grant = (await loadUserGrants(tx, user.id)).find((g) => g.id === input.grantId);
    if (!grant || !grant.usable) throw new ForbiddenError("该身份不可用或已失效，请刷新页面后重试");
    // The session's row makes the switch stick even when a stale cookie comes back (db/schema/grants.ts).
    const sid = (await auth())?.user?.sid;
    if (sid) {
      await tx
        .insert(sessionGrants)
        .values({ sid, userId: user.id, grantId: grant.id })
        .onConflictDoUpdate({ target: sessionGrants.sid, set: { grantId: grant.id, switchedAt: sql`now()` }, setWhere: eq(sessionGrants.userId, user.id) });
    }
    return {
      data: { ticket: await signGrantSwitch(user.id, grant.id), area: areaForRole(grant.role) },
      audit: { targetType: "role_grant", targetId: grant.id, detail: { fromGrant: user.grantId, fromRole: user.role, toRole: grant.role } },
    };
  },
});

/**
 * 切换身份 (docs/domain.md §1 "Accounts"): the new active grant goes into the JWT, and the person lands
 * in that grant's area. The form posts here (it works before hydration too); errors come back as the
 * form state.
 */
export async function switchGrantAction(_prev: ActionResult | null, formData: FormData): Promise<ActionResult> {
  const checked = await checkGrantSwitch({ grantId: formData.get("grantId") });
  if (!checked.ok) return checked;
  await unstable_update({ grantSwitch: checked.data.ticket });
  redirect(checked.data.area);
}
