/**
 * Read queries of the review round for the managing screens (docs/domain.md §17): the forming
 * organisation's list and the candidates it may add, the round's progress, the 主任's console. Each
 * asserts access itself. ID numbers leave masked; the 主任 sees a block's category, never the declared ID
 * number; nobody sees counts before the ballot closes (tally.ts computeTally answers after).
 */
import { and, asc, desc, eq, ilike, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { committees, committeeTermMembers, committeeTerms, declarations, expertPoolMembers, orgs, reviewRounds, users } from "@/db/schema";
import type { BlockCategory, RoundConflictStatus, RoundState, TermPosition, TitleLevel } from "@/db/schema/enums";
import { NotFoundError } from "@/lib/errors";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { maskIdNumber } from "@/lib/validation/id-number";
import { quorumNeeded } from "./arithmetic";
import { activeGrant, isChair, isFormingOrg, loadRound, type RoundActor } from "./access";
import { ROUND_NOT_FOUND, ROUND_PAGE_SIZE } from "./constants";
import { reviewerCounts } from "./panels";

export type RoundListRow = {
  id: string;
  name: string;
  committeeName: string;
  meetingDate: string;
  state: RoundState;
  version: number;
  candidates: number;
  members: number;
  createdAt: Date;
};

const listColumns = {
  id: reviewRounds.id,
  name: reviewRounds.name,
  committeeName: committees.name,
  meetingDate: reviewRounds.meetingDate,
  state: reviewRounds.state,
  version: reviewRounds.version,
  candidates: sql<number>`(select count(*)::int from round_candidates rc where rc.round_id = ${reviewRounds.id})`,
  members: sql<number>`(select count(*)::int from round_members rm where rm.round_id = ${reviewRounds.id} and rm.seated)`,
  createdAt: reviewRounds.createdAt,
};

/** `%` and `_` typed by the user are literal. */
function likeText(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The forming organisation's rounds, newest first, 20 a page, search by name (contains). */
export async function listRoundsForOrg(
  db: Db,
  actor: RoundActor,
  opts: { page?: number; q?: string; committeeId?: string } = {},
): Promise<{ rows: RoundListRow[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  if (!COMMITTEE_FORMING_ROLES.includes(actor.role) || !actor.orgId) return { rows: [], total: 0, page, pageSize: ROUND_PAGE_SIZE };
  const conds: SQL[] = [eq(reviewRounds.formingOrgId, actor.orgId)];
  if (opts.q?.trim()) conds.push(ilike(reviewRounds.name, likeText(opts.q.trim())));
  if (opts.committeeId) conds.push(eq(reviewRounds.committeeId, opts.committeeId));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(reviewRounds)
      .innerJoin(committees, eq(committees.id, reviewRounds.committeeId))
      .where(where)
      .orderBy(desc(reviewRounds.createdAt), desc(reviewRounds.id))
      .limit(ROUND_PAGE_SIZE)
      .offset((page - 1) * ROUND_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(reviewRounds).where(where),
  ]);
  return { rows, total, page, pageSize: ROUND_PAGE_SIZE };
}

/** The rounds of the 主任's committee term (the /committee area), newest first. */
export async function listRoundsForChair(db: Db, actor: RoundActor): Promise<RoundListRow[]> {
  const g = activeGrant(actor);
  if (actor.role !== "committee_member" || !g?.committeeId) return [];
  const rows = await db
    .select({ ...listColumns, termId: reviewRounds.termId, actingChairUserId: reviewRounds.actingChairUserId })
    .from(reviewRounds)
    .innerJoin(committees, eq(committees.id, reviewRounds.committeeId))
    .where(and(eq(reviewRounds.committeeId, g.committeeId), g.termId ? eq(reviewRounds.termId, g.termId) : undefined))
    .orderBy(desc(reviewRounds.meetingDate), desc(reviewRounds.createdAt))
    .limit(100);
  return rows
    .filter((r) => isChair(actor, { committeeId: g.committeeId!, termId: r.termId, actingChairUserId: r.actingChairUserId }))
    .map(({ termId: _t, actingChairUserId: _a, ...r }) => r);
}

export type AddableDeclaration = { id: string; personName: string; maskedIdNumber: string; unitName: string | null; specialty: string; targetLevel: TitleLevel; acceptedAt: Date | null };

/** Accepted declarations of the round's committee that the forming organisation may add (paged, search by name). */
export async function listAddableDeclarations(db: Db, actor: RoundActor, roundId: string, opts: { page?: number; q?: string } = {}): Promise<{ rows: AddableDeclaration[]; total: number; page: number; pageSize: number }> {
  const round = await loadRound(db, roundId);
  if (!isFormingOrg(actor, round)) throw new NotFoundError(ROUND_NOT_FOUND);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const conds: SQL[] = [eq(declarations.committeeId, round.committeeId), eq(declarations.formingOrgId, round.formingOrgId), eq(declarations.status, "accepted")];
  if (opts.q?.trim()) conds.push(ilike(declarations.personName, likeText(opts.q.trim())));
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ id: declarations.id, personName: declarations.personName, idNumber: declarations.idNumber, unitName: orgs.name, specialty: declarations.specialty, targetLevel: declarations.targetLevel, acceptedAt: declarations.acceptedAt })
      .from(declarations)
      .leftJoin(orgs, eq(orgs.id, declarations.unitOrgId))
      .where(where)
      .orderBy(asc(declarations.acceptedAt), asc(declarations.id))
      .limit(ROUND_PAGE_SIZE)
      .offset((page - 1) * ROUND_PAGE_SIZE),
    db.select({ total: sql<number>`count(*)::int` }).from(declarations).where(where),
  ]);
  return { rows: rows.map(({ idNumber, ...r }) => ({ ...r, maskedIdNumber: maskIdNumber(idNumber) })), total, page, pageSize: ROUND_PAGE_SIZE };
}

export type PanelProgress = { panelId: string; name: string; leaderName: string | null; members: number; candidates: number; opinionsWritten: number; opinionsExpected: number; summariesWritten: number };
export type RoundDetail = {
  round: { id: string; name: string; committeeId: string; committeeName: string; termId: string; termStart: string; termEnd: string; meetingDate: string; state: RoundState; version: number; memberCount: number | null; closingHash: string | null; ballotBoxHash: string | null; cancelReason: string | null; signedAt: Date | null };
  candidates: number;
  unassigned: number;
  members: { seated: number; notSeated: number; present: number; pledged: number };
  quorumNeeded: number | null;
  panels: PanelProgress[];
  /** Sheets received (never what they say) once the ballot has opened. */
  ballot: { participation: number; eligibleVoters: number } | null;
  viewer: "forming" | "chair";
  /** Who chairs: the 主任, or the 副主任 the forming organisation designated (with the reason); the term's 副主任委员 to choose from. */
  chair: { actingUserId: string | null; actingName: string | null; reason: string | null; chairName: string | null; viceChairs: { userId: string; name: string }[] };
};

/** Progress of one round for the forming organisation or the 主任. */
export async function getRoundDetail(db: Db, actor: RoundActor, roundId: string): Promise<RoundDetail> {
  const r = await loadRound(db, roundId);
  const viewer = isFormingOrg(actor, r) ? "forming" : isChair(actor, r) ? "chair" : null;
  if (!viewer) throw new NotFoundError(ROUND_NOT_FOUND);
  const [head] = await db
    .select({ committeeName: committees.name, termStart: committeeTerms.startDate, termEnd: committeeTerms.endDate })
    .from(committees)
    .innerJoin(committeeTerms, eq(committeeTerms.id, r.termId))
    .where(eq(committees.id, r.committeeId));
  const [m] = await executeRows<{ seated: number; not_seated: number; present: number; pledged: number; voters: number }>(
    db,
    sql`select count(*) filter (where seated)::int as seated, count(*) filter (where not seated)::int as not_seated,
               count(*) filter (where seated and present)::int as present, count(*) filter (where seated and pledge_signed_at is not null)::int as pledged,
               count(*) filter (where present_at_ballot)::int as voters
        from round_members where round_id = ${r.id}::uuid`,
  );
  const [c] = await executeRows<{ total: number; unassigned: number }>(
    db,
    sql`select count(*)::int as total, count(*) filter (where panel_id is null)::int as unassigned from round_candidates where round_id = ${r.id}::uuid`,
  );
  const panelRows = await executeRows<{ panel_id: string; name: string; leader_name: string | null; members: number; candidates: number; opinions: number; expected: number; summaries: number }>(
    db,
    sql`select p.id as panel_id, p.name,
               (select u.name from panel_members pm join users u on u.id = pm.user_id where pm.panel_id = p.id and pm.is_leader) as leader_name,
               (select count(*)::int from panel_members pm where pm.panel_id = p.id) as members,
               (select count(*)::int from round_candidates rc where rc.panel_id = p.id) as candidates,
               (select count(*)::int from opinions o join round_candidates rc on rc.id = o.candidate_id where rc.panel_id = p.id) as opinions,
               (select count(*)::int from round_candidates rc join panel_members pm on pm.panel_id = rc.panel_id
                 where rc.panel_id = p.id and not exists (select 1 from round_conflicts x where x.candidate_id = rc.id and x.user_id = pm.user_id and x.status in ('blocking', 'pinned'))) as expected,
               (select count(*)::int from panel_summaries s where s.panel_id = p.id) as summaries
        from panels p where p.round_id = ${r.id}::uuid order by p.created_at, p.name`,
  );
  const leaders = await db
    .select({ userId: committeeTermMembers.userId, position: committeeTermMembers.position, name: users.name })
    .from(committeeTermMembers)
    .innerJoin(users, eq(users.id, committeeTermMembers.userId))
    .where(and(eq(committeeTermMembers.termId, r.termId), inArray(committeeTermMembers.position, ["chair", "vice_chair"])))
    .orderBy(asc(users.name));
  const ballotStarted = ["ballot_open", "closed", "signed", "publicity", "confirmed"].includes(r.state);
  const [{ n: sheets }] = ballotStarted
    ? await executeRows<{ n: number }>(db, sql`select count(*)::int as n from ballot_participation where round_id = ${r.id}::uuid`)
    : [{ n: 0 }];
  return {
    round: {
      id: r.id,
      name: r.name,
      committeeId: r.committeeId,
      committeeName: head.committeeName,
      termId: r.termId,
      termStart: head.termStart,
      termEnd: head.termEnd,
      meetingDate: r.meetingDate,
      state: r.state,
      version: r.version,
      memberCount: r.memberCount,
      closingHash: r.closingHash,
      ballotBoxHash: r.ballotBoxHash,
      cancelReason: r.cancelReason,
      signedAt: r.signedAt,
    },
    candidates: Number(c.total),
    unassigned: Number(c.unassigned),
    members: { seated: Number(m.seated), notSeated: Number(m.not_seated), present: Number(m.present), pledged: Number(m.pledged) },
    quorumNeeded: r.memberCount ? quorumNeeded(r.memberCount) : Number(m.seated) > 0 ? quorumNeeded(Number(m.seated)) : null,
    panels: panelRows.map((p) => ({
      panelId: p.panel_id,
      name: p.name,
      leaderName: p.leader_name,
      members: Number(p.members),
      candidates: Number(p.candidates),
      opinionsWritten: Number(p.opinions),
      opinionsExpected: Number(p.expected),
      summariesWritten: Number(p.summaries),
    })),
    ballot: ballotStarted ? { participation: Number(sheets), eligibleVoters: Number(m.voters) } : null,
    viewer,
    chair: {
      actingUserId: r.actingChairUserId,
      actingName: leaders.find((l) => l.userId === r.actingChairUserId)?.name ?? null,
      reason: r.actingChairReason,
      chairName: leaders.find((l) => l.position === "chair")?.name ?? null,
      viceChairs: leaders.filter((l) => l.position === "vice_chair").map((l) => ({ userId: l.userId, name: l.name })),
    },
  };
}

export type ConsoleMember = { userId: string; termMemberId: string; name: string; position: TermPosition; title: string | null; level: TitleLevel | null; workUnit: string | null; seated: boolean; present: boolean; presentAtBallot: boolean | null; pledgeSigned: boolean; panelId: string | null; isLeader: boolean };
export type ConsoleCandidate = { candidateId: string; declarationId: string; position: number; personName: string; maskedIdNumber: string; unitName: string | null; specialty: string; targetLevel: TitleLevel; panelId: string | null; unblockedReviewers: number; opinions: number; hasSummary: boolean };
export type ConsoleBlock = { conflictId: string; userId: string; memberName: string; candidateId: string; personName: string; category: BlockCategory; status: RoundConflictStatus; evidence: string | null; reason: string | null };
export type ChairConsole = {
  detail: RoundDetail;
  members: ConsoleMember[];
  panels: { panelId: string; name: string; memberUserIds: string[]; leaderUserId: string | null }[];
  candidates: ConsoleCandidate[];
  blocks: ConsoleBlock[];
  termMembers: { termMemberId: string; userId: string; name: string; position: TermPosition; selected: boolean }[];
};

/**
 * Everything the 主任's console shows (also to the forming organisation): members, panels, candidates with
 * their unblocked reviewers, opinions and summary, and who is blocked from whom by category — never the
 * declared ID number.
 */
export async function getChairConsole(db: Db, actor: RoundActor, roundId: string): Promise<ChairConsole> {
  const detail = await getRoundDetail(db, actor, roundId);
  const id = detail.round.id;
  const members = await executeRows<{ user_id: string; term_member_id: string; name: string; position: TermPosition; title: string | null; level: TitleLevel | null; work_unit: string | null; seated: boolean; present: boolean; present_at_ballot: boolean | null; pledge: boolean; panel_id: string | null; is_leader: boolean | null }>(
    db,
    sql`select rm.user_id, rm.term_member_id, u.name, rm.position, pm.title, pm.level, pm.work_unit, rm.seated, rm.present, rm.present_at_ballot,
               rm.pledge_signed_at is not null as pledge, p.panel_id, p.is_leader
        from round_members rm join users u on u.id = rm.user_id
        join committee_term_members tm on tm.id = rm.term_member_id join expert_pool_members pm on pm.id = tm.pool_member_id
        left join panel_members p on p.round_id = rm.round_id and p.user_id = rm.user_id
        where rm.round_id = ${id}::uuid order by rm.position, u.name`,
  );
  const panelRows = await executeRows<{ id: string; name: string; user_id: string | null; is_leader: boolean | null }>(
    db,
    sql`select p.id, p.name, pm.user_id, pm.is_leader from panels p left join panel_members pm on pm.panel_id = p.id where p.round_id = ${id}::uuid order by p.created_at, p.name`,
  );
  const panelMap = new Map<string, { panelId: string; name: string; memberUserIds: string[]; leaderUserId: string | null }>();
  for (const p of panelRows) {
    const e = panelMap.get(p.id) ?? { panelId: p.id, name: p.name, memberUserIds: [], leaderUserId: null };
    if (p.user_id) e.memberUserIds.push(p.user_id);
    if (p.is_leader) e.leaderUserId = p.user_id;
    panelMap.set(p.id, e);
  }
  const cands = await executeRows<{ candidate_id: string; declaration_id: string; position: number; person_name: string; id_number: string | null; unit_name: string | null; specialty: string; target_level: TitleLevel; panel_id: string | null; opinions: number; has_summary: boolean }>(
    db,
    sql`select rc.id as candidate_id, rc.declaration_id, rc.position, d.person_name, d.id_number, o.name as unit_name, d.specialty, d.target_level, rc.panel_id,
               (select count(*)::int from opinions op where op.candidate_id = rc.id) as opinions,
               exists (select 1 from panel_summaries s where s.candidate_id = rc.id) as has_summary
        from round_candidates rc join declarations d on d.id = rc.declaration_id left join orgs o on o.id = d.unit_org_id
        where rc.round_id = ${id}::uuid order by rc.position`,
  );
  const reviewers = new Map((await reviewerCounts(db, id)).map((r) => [r.candidateId, r.reviewers]));
  const blocks = await executeRows<{ id: string; user_id: string; member_name: string; candidate_id: string; person_name: string; category: BlockCategory; status: RoundConflictStatus; evidence: string | null; reason: string | null }>(
    db,
    sql`select x.id, x.user_id, u.name as member_name, x.candidate_id, d.person_name, x.category, x.status, x.evidence, x.reason
        from round_conflicts x join users u on u.id = x.user_id join round_candidates rc on rc.id = x.candidate_id join declarations d on d.id = rc.declaration_id
        where x.round_id = ${id}::uuid order by rc.position, u.name, x.category`,
  );
  const selected = new Set(members.map((m) => m.term_member_id));
  const term = await db
    .select({ termMemberId: committeeTermMembers.id, userId: committeeTermMembers.userId, name: expertPoolMembers.invitedName, position: committeeTermMembers.position })
    .from(committeeTermMembers)
    .innerJoin(expertPoolMembers, eq(expertPoolMembers.id, committeeTermMembers.poolMemberId))
    .where(eq(committeeTermMembers.termId, detail.round.termId))
    .orderBy(asc(committeeTermMembers.position), asc(expertPoolMembers.invitedName));
  return {
    detail,
    members: members.map((m) => ({
      userId: m.user_id,
      termMemberId: m.term_member_id,
      name: m.name,
      position: m.position,
      title: m.title,
      level: m.level,
      workUnit: m.work_unit,
      seated: m.seated,
      present: m.present,
      presentAtBallot: m.present_at_ballot,
      pledgeSigned: m.pledge,
      panelId: m.panel_id,
      isLeader: !!m.is_leader,
    })),
    panels: [...panelMap.values()],
    candidates: cands.map((c) => ({
      candidateId: c.candidate_id,
      declarationId: c.declaration_id,
      position: Number(c.position),
      personName: c.person_name,
      maskedIdNumber: maskIdNumber(c.id_number),
      unitName: c.unit_name,
      specialty: c.specialty,
      targetLevel: c.target_level,
      panelId: c.panel_id,
      unblockedReviewers: reviewers.get(c.candidate_id) ?? 0,
      opinions: Number(c.opinions),
      hasSummary: c.has_summary,
    })),
    blocks: blocks.map((b) => ({ conflictId: b.id, userId: b.user_id, memberName: b.member_name, candidateId: b.candidate_id, personName: b.person_name, category: b.category, status: b.status, evidence: b.evidence, reason: b.reason })),
    termMembers: term.map((t) => ({ ...t, selected: selected.has(t.termMemberId) })),
  };
}

/** The term options of the forming organisation's 新建评审会议 form: its committees' terms. */
export async function listTermsForNewRound(db: Db, actor: RoundActor): Promise<{ termId: string; committeeName: string; startDate: string; endDate: string }[]> {
  if (!COMMITTEE_FORMING_ROLES.includes(actor.role) || !actor.orgId) return [];
  return db
    .select({ termId: committeeTerms.id, committeeName: committees.name, startDate: committeeTerms.startDate, endDate: committeeTerms.endDate })
    .from(committeeTerms)
    .innerJoin(committees, eq(committees.id, committeeTerms.committeeId))
    .where(and(eq(committees.formingOrgId, actor.orgId), sql`${committeeTerms.status} in ('filed', 'active')`))
    .orderBy(asc(committees.code), desc(committeeTerms.startDate));
}


// The member-facing reads live in expert-queries.ts; re-exported so the screens have one import.
export { getBallotSheet, getReceiptBoard, listRoundsForExpert, visibleCandidatesForExpert, type BallotSheet, type ExpertCandidate, type ExpertRoundRow } from "./expert-queries";
