import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireRolePage, type SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { assertCommitteeOwner, isUuid, type OwnedCommittee } from "@/lib/roster/access";
import type { Role } from "@/lib/roles";

/** The three areas that host the committee roster (证书补录（评委会）). */
export const ROSTER_AREAS = {
  hrss: { role: "hrss", base: "/hrss/roster" },
  dept: { role: "dept", base: "/dept/roster" },
  "self-unit": { role: "self_unit", base: "/self-unit/roster" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type RosterArea = keyof typeof ROSTER_AREAS;

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Page guard: the area's role, then the committee's ownership. Another organisation's committee
 * answers 404, so its existence is not revealed.
 */
export async function requireRosterCommittee(area: RosterArea, committeeId: string): Promise<{ user: SessionUser; committee: OwnedCommittee; base: string }> {
  const { role, base } = ROSTER_AREAS[area];
  const user = await requireRolePage([role]);
  if (!isUuid(committeeId)) notFound();
  try {
    const committee = await assertCommitteeOwner(await getDb(), user, committeeId);
    return { user, committee, base };
  } catch (err) {
    if (err instanceof ForbiddenError) notFound();
    throw err;
  }
}

export function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
