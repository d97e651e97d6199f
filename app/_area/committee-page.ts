import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireRolePage, type SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import { assertCommitteeOwner, isUuid, type OwnedCommittee } from "@/lib/roster/access";

/** The three areas whose organisations form committees: each hosts the roster (名册) and the review workspace (照片审核与提交). */
export const COMMITTEE_AREAS = {
  hrss: { role: "hrss", rosterBase: "/hrss/roster", reviewBase: "/hrss/review" },
  dept: { role: "dept", rosterBase: "/dept/roster", reviewBase: "/dept/review" },
  "self-unit": { role: "self_unit", rosterBase: "/self-unit/roster", reviewBase: "/self-unit/review" },
} as const satisfies Record<string, { role: Role; rosterBase: string; reviewBase: string }>;
export type CommitteeArea = keyof typeof COMMITTEE_AREAS;

export type CommitteePage = { user: SessionUser; committee: OwnedCommittee; rosterPath: string; reviewPath: string };

/**
 * Page guard of every committee screen: the area's role, then ownership of the committee. Another
 * organisation's committee answers 404, so its existence is not revealed.
 */
export async function requireCommitteePage(area: CommitteeArea, committeeId: string): Promise<CommitteePage> {
  const { role, rosterBase, reviewBase } = COMMITTEE_AREAS[area];
  const user = await requireRolePage([role]);
  if (!isUuid(committeeId)) notFound();
  try {
    const committee = await assertCommitteeOwner(await getDb(), user, committeeId);
    return { user, committee, rosterPath: `${rosterBase}/${committee.id}`, reviewPath: `${reviewBase}/${committee.id}` };
  } catch (err) {
    if (err instanceof ForbiddenError) notFound();
    throw err;
  }
}
