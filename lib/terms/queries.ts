import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings, committees, committeeTermMembers, committeeTerms, expertPoolMembers, orgs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { listOwnedCommittees, type OwnedCommittee } from "@/lib/roster/access";
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

/**
 * The actor's committees, each with its terms, newest first (the 评审权备案 home). `hasFiling`: the term
 * already has its filing (index committee_filings(term_id)). Two queries whatever the number of
 * committees; another organisation's committees never appear (listOwnedCommittees: forming roles only).
 */
export async function listOwnCommitteeTerms(db: Db, user: Actor) {
  const owned = await listOwnedCommittees(db, user);
  if (owned.length === 0 || !user.orgId) return [];
  const t = committeeTerms;
  const rows = await db
    .select({
      id: t.id,
      committeeId: t.committeeId,
      startDate: t.startDate,
      endDate: t.endDate,
      status: t.status,
      version: t.version,
      hasFiling: sql<boolean>`exists (select 1 from ${committeeFilings} where ${committeeFilings.termId} = ${t.id})`,
    })
    .from(t)
    .innerJoin(committees, eq(committees.id, t.committeeId))
    .where(eq(committees.formingOrgId, user.orgId))
    .orderBy(desc(t.startDate), desc(t.id));
  const byCommittee = new Map<string, typeof rows>(owned.map((c) => [c.id, []]));
  for (const r of rows) byCommittee.get(r.committeeId)?.push(r);
  return owned.map((committee: OwnedCommittee) => ({ committee, terms: byCommittee.get(committee.id) ?? [] }));
}
export type OwnCommitteeTerms = Awaited<ReturnType<typeof listOwnCommitteeTerms>>[number];

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
