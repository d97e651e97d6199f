import { and, asc, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, committeeTermMembers, committeeTerms, expertPoolMembers, orgs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { TERM_POSITION_LABELS } from "./rules";

type Actor = Pick<SessionUser, "id" | "role" | "orgId">;

/** The members of one term, 主任 first (names, positions, titles; no ID numbers). */
export async function listTermMembers(db: Db, termId: string) {
  const rows = await db
    .select({
      poolMemberId: committeeTermMembers.poolMemberId,
      userId: committeeTermMembers.userId,
      position: committeeTermMembers.position,
      panelLeader: committeeTermMembers.panelLeader,
      name: expertPoolMembers.invitedName,
      title: expertPoolMembers.title,
      series: expertPoolMembers.series,
      specialty: expertPoolMembers.specialty,
      level: expertPoolMembers.level,
      workUnit: expertPoolMembers.workUnit,
    })
    .from(committeeTermMembers)
    .innerJoin(expertPoolMembers, eq(expertPoolMembers.id, committeeTermMembers.poolMemberId))
    .where(eq(committeeTermMembers.termId, termId))
    .orderBy(asc(committeeTermMembers.position), asc(expertPoolMembers.invitedName));
  return rows.map((r) => ({ ...r, positionLabel: TERM_POSITION_LABELS[r.position], levelLabel: r.level ? TITLE_LEVEL_LABELS[r.level] : "—" }));
}
export type TermMemberRow = Awaited<ReturnType<typeof listTermMembers>>[number];

/** The terms of one of the actor's committees, newest first. */
export async function listCommitteeTerms(db: Db, user: Actor, committeeId: string) {
  const committee = await assertCommitteeOwner(db, user, committeeId);
  const terms = await db.select().from(committeeTerms).where(eq(committeeTerms.committeeId, committeeId)).orderBy(desc(committeeTerms.startDate));
  return { committee, terms };
}

/** The active experts of the committee's pool the term form chooses from (the pool row's title data). */
export async function listTermCandidates(db: Db, orgId: string) {
  const rows = await db
    .select({
      id: expertPoolMembers.id,
      userId: expertPoolMembers.userId,
      name: expertPoolMembers.invitedName,
      title: expertPoolMembers.title,
      series: expertPoolMembers.series,
      specialty: expertPoolMembers.specialty,
      level: expertPoolMembers.level,
      workUnit: expertPoolMembers.workUnit,
    })
    .from(expertPoolMembers)
    .where(and(eq(expertPoolMembers.orgId, orgId), eq(expertPoolMembers.status, "active")))
    .orderBy(asc(expertPoolMembers.series), asc(expertPoolMembers.invitedName));
  return rows.filter((r) => r.userId !== null);
}
export type TermCandidateRow = Awaited<ReturnType<typeof listTermCandidates>>[number];

/**
 * The /committee area: the committee, term and members of the active 评委会成员 grant (its committee and
 * term). Null when the grant names none.
 */
export async function getCommitteeMemberView(db: Db, user: Pick<SessionUser, "grantId" | "grants">) {
  const grant = user.grants.find((g) => g.id === user.grantId);
  if (!grant?.committeeId) return null;
  const [committee] = await db
    .select({ id: committees.id, name: committees.name, code: committees.code, series: committees.series, formingOrgName: orgs.name })
    .from(committees)
    .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
    .where(eq(committees.id, grant.committeeId));
  if (!committee) return null;
  const termWhere = grant.termId ? eq(committeeTerms.id, grant.termId) : eq(committeeTerms.committeeId, committee.id);
  const [term] = await db.select().from(committeeTerms).where(and(termWhere, eq(committeeTerms.committeeId, committee.id))).orderBy(desc(committeeTerms.startDate)).limit(1);
  return { committee, position: grant.position, term: term ?? null, members: term ? await listTermMembers(db, term.id) : [] };
}
