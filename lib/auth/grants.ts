import { z } from "zod";
import { ROLE_INFO, type Role } from "@/lib/roles";

/**
 * Role grants (docs/domain.md §1 "Accounts"): one person is one user; what they may do comes from
 * the grant the session acts under (the active grant). Pure rules here; the query is grant-queries.ts.
 */

/** One grant as the session and the switcher see it. */
export type GrantOption = {
  id: string;
  role: Role;
  orgId: string | null;
  orgName: string | null;
  orgIsCertDivision: boolean;
  committeeId: string | null;
  committeeName: string | null;
  termId: string | null;
  roundId: string | null;
  position: string | null;
};

/** A grant row of the user, with whether it may be acted under now (computed in SQL, see grant-queries.ts). */
export type GrantRow = GrantOption & { usable: boolean };

export type ActiveGrantPick =
  | { ok: true; active: GrantOption; usable: GrantOption[] }
  /** `foreign`: the requested grant is not one of this user's (a forged or stale token); `none`: no usable grant. */
  | { ok: false; reason: "foreign" | "none" };

/**
 * The grant a session acts under. `requestedId` (from the JWT) wins when it is one of the user's
 * usable grants; a revoked, expired or not-yet-valid one falls back to the default grant — the usable
 * grant equal to users.role / users.org_id, else the oldest usable one (rows come oldest first). An id
 * that is not the user's at all is refused: the caller ends the session.
 */
export function pickActiveGrant(
  rows: readonly GrantRow[],
  primary: { role: Role; orgId: string | null },
  requestedId: string | null | undefined,
): ActiveGrantPick {
  if (requestedId && !rows.some((r) => r.id === requestedId)) return { ok: false, reason: "foreign" };
  const usable = rows.filter((r) => r.usable).map(({ usable: _u, ...g }) => g);
  if (usable.length === 0) return { ok: false, reason: "none" };
  const requested = requestedId ? usable.find((g) => g.id === requestedId) : undefined;
  const isPrimary = (g: GrantOption) => g.role === primary.role && g.orgId === primary.orgId && g.committeeId === null;
  const active = requested ?? usable.find(isPrimary) ?? usable[0];
  // The default grant first, then by age: the switcher's order.
  const ordered = [...usable.filter(isPrimary), ...usable.filter((g) => !isPrimary(g))];
  return { ok: true, active, usable: ordered };
}

/** “评审专家 · 贵州大学 · 主任委员”: role, then organisation or committee, then position. */
export function grantLabel(g: Pick<GrantOption, "role" | "orgName" | "committeeName" | "position">): string {
  return [ROLE_INFO[g.role].label, g.committeeName ?? g.orgName, g.position].filter(Boolean).join(" · ");
}

/**
 * Whether the user holds a usable grant of `role` (optionally on one organisation or committee),
 * active or not. Authorization reads the ACTIVE grant (`user.role`); this is for rules that look at
 * the person's other grants, e.g. a 评委会成员 must also be an expert (docs/domain.md §1).
 */
export function hasGrant(
  user: { grants: readonly GrantOption[] },
  role: Role,
  opts: { orgId?: string; committeeId?: string } = {},
): boolean {
  return user.grants.some(
    (g) =>
      g.role === role &&
      (opts.orgId === undefined || g.orgId === opts.orgId) &&
      (opts.committeeId === undefined || g.committeeId === opts.committeeId),
  );
}

export const switchGrantSchema = z.object({ grantId: z.uuid({ message: "请选择要切换的身份" }) });
