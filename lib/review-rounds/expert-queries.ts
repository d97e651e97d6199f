/**
 * What a member sees in the expert area (docs/domain.md §17): their rounds, the candidates they may see
 * (their panel during the review, every candidate during the ballot, minus the blocked ones — never said
 * why and never who else is blocked), their ballot sheet and the round's board of receipts.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { ballotParticipation, roundMembers } from "@/db/schema";
import type { RoundState, TitleLevel } from "@/db/schema/enums";
import { NotFoundError } from "@/lib/errors";
import { actsAsMember, assertMember, isChair, isFormingOrg, loadRound, type RoundActor } from "./access";
import { blockedCandidateIds } from "./conflicts";
import { ROUND_NOT_FOUND } from "./constants";
import { MATERIAL_STATES } from "./review";

export type ExpertRoundRow = { id: string; name: string; committeeName: string; meetingDate: string; state: RoundState; seated: boolean; pledgeSigned: boolean; present: boolean; voted: boolean; panelName: string | null; isLeader: boolean };

/** The rounds the actor sits in and may act in under the active grant (the expert area), newest first. */
export async function listRoundsForExpert(db: Db, actor: RoundActor): Promise<ExpertRoundRow[]> {
  const rows = await executeRows<{ id: string; committee_id: string; forming_org_id: string; name: string; committee_name: string; meeting_date: string; state: RoundState; seated: boolean; pledge: boolean; present: boolean; voted: boolean; panel_name: string | null; is_leader: boolean | null }>(
    db,
    sql`select r.id, r.committee_id, r.forming_org_id, r.name, c.name as committee_name, to_char(r.meeting_date, 'YYYY-MM-DD') as meeting_date, r.state, rm.seated,
               rm.pledge_signed_at is not null as pledge, rm.present,
               exists (select 1 from ballot_participation bp where bp.round_id = r.id and bp.user_id = rm.user_id) as voted,
               p.name as panel_name, pm.is_leader
        from round_members rm join review_rounds r on r.id = rm.round_id join committees c on c.id = r.committee_id
        left join panel_members pm on pm.round_id = r.id and pm.user_id = rm.user_id left join panels p on p.id = pm.panel_id
        where rm.user_id = ${actor.id}::uuid and r.state <> 'draft' and r.state <> 'cancelled'
        order by r.meeting_date desc, r.created_at desc`,
  );
  return rows
    .filter((r) => actsAsMember(actor, { id: r.id, committeeId: r.committee_id, formingOrgId: r.forming_org_id }))
    .map((r) => ({
      id: r.id,
      name: r.name,
      committeeName: r.committee_name,
      meetingDate: r.meeting_date,
      state: r.state,
      seated: r.seated,
      pledgeSigned: r.pledge,
      present: r.present,
      voted: r.voted,
      panelName: r.panel_name,
      isLeader: !!r.is_leader,
    }));
}

export type ExpertCandidate = {
  candidateId: string;
  declarationId: string;
  position: number;
  personName: string;
  unitName: string | null;
  specialty: string;
  targetLevel: TitleLevel;
  series: string;
  panelName: string | null;
  onMyPanel: boolean;
  myOpinion: { recommend: boolean; submittedAt: Date } | null;
  hasSummary: boolean;
};

/**
 * The candidates the member may see: their panel's from distribution, every candidate during the ballot —
 * minus those they are blocked from. Before the 承诺书 the list is empty (nothing opens before it).
 */
export async function visibleCandidatesForExpert(
  db: Db,
  actor: RoundActor,
  roundId: string,
): Promise<{ round: { id: string; name: string; state: RoundState; pledgeSigned: boolean; present: boolean; presentAtBallot: boolean | null }; candidates: ExpertCandidate[] }> {
  const { round, member } = await assertMember(db, actor, roundId);
  const head = { id: round.id, name: round.name, state: round.state, pledgeSigned: !!member.pledgeSignedAt, present: member.present, presentAtBallot: member.presentAtBallot };
  if (!MATERIAL_STATES.includes(round.state) || !member.pledgeSignedAt) return { round: head, candidates: [] };
  const allPanels = round.state === "ballot_open";
  const rows = await executeRows<{ candidate_id: string; declaration_id: string; position: number; person_name: string; unit_name: string | null; specialty: string; target_level: TitleLevel; series: string; panel_name: string | null; on_my_panel: boolean; recommend: boolean | null; submitted_at: Date | null; has_summary: boolean }>(
    db,
    sql`select rc.id as candidate_id, rc.declaration_id, rc.position, d.person_name, o.name as unit_name, d.specialty, d.target_level, d.series,
               p.name as panel_name, (mine.id is not null) as on_my_panel, op.recommend, op.submitted_at,
               exists (select 1 from panel_summaries s where s.candidate_id = rc.id) as has_summary
        from round_candidates rc join declarations d on d.id = rc.declaration_id left join orgs o on o.id = d.unit_org_id
        left join panels p on p.id = rc.panel_id
        left join panel_members mine on mine.panel_id = rc.panel_id and mine.user_id = ${actor.id}::uuid
        left join opinions op on op.candidate_id = rc.id and op.user_id = ${actor.id}::uuid
        where rc.round_id = ${round.id}::uuid ${allPanels ? sql`` : sql`and mine.id is not null`}
        order by rc.position`,
  );
  const blocked = await blockedCandidateIds(db, round.id, actor.id, round.state);
  return {
    round: head,
    candidates: rows
      .filter((r) => !blocked.has(r.candidate_id))
      .map((r) => ({
        candidateId: r.candidate_id,
        declarationId: r.declaration_id,
        position: Number(r.position),
        personName: r.person_name,
        unitName: r.unit_name,
        specialty: r.specialty,
        targetLevel: r.target_level,
        series: r.series,
        panelName: r.panel_name,
        onMyPanel: r.on_my_panel,
        myOpinion: r.recommend === null ? null : { recommend: r.recommend, submittedAt: new Date(r.submitted_at!) },
        hasSummary: r.has_summary,
      })),
  };
}

export type BallotSheet = {
  roundId: string;
  state: RoundState;
  mayVote: boolean;
  reason: string | null;
  voted: boolean;
  receipt: string | null;
  candidates: { candidateId: string; position: number; personName: string; specialty: string; targetLevel: TitleLevel; summaryRecommend: boolean | null }[];
};

/** The voter's sheet: every candidate they are not blocked from, or why they may not vote. */
export async function getBallotSheet(db: Db, actor: RoundActor, roundId: string): Promise<BallotSheet> {
  const { round, member } = await assertMember(db, actor, roundId);
  const [p] = await db.select({ receipt: ballotParticipation.receipt }).from(ballotParticipation).where(and(eq(ballotParticipation.roundId, round.id), eq(ballotParticipation.userId, actor.id)));
  const base = { roundId: round.id, state: round.state, voted: !!p, receipt: p?.receipt ?? null };
  const refuse = (reason: string): BallotSheet => ({ ...base, mayVote: false, reason, candidates: [] });
  if (round.state !== "ballot_open") return refuse(round.state === "closed" || round.ballotClosedAt ? "投票已结束" : "投票尚未开始");
  if (!member.presentAtBallot) return refuse("您未出席本次会议，不能投票");
  if (!member.pledgeSignedAt) return refuse("请先签署专家纪律承诺书");
  if (p) return refuse("您已提交表决票");
  const rows = await executeRows<{ candidate_id: string; position: number; person_name: string; specialty: string; target_level: TitleLevel; summary: boolean | null }>(
    db,
    sql`select rc.id as candidate_id, rc.position, d.person_name, d.specialty, d.target_level, s.recommend as summary
        from round_candidates rc join declarations d on d.id = rc.declaration_id left join panel_summaries s on s.candidate_id = rc.id
        where rc.round_id = ${round.id}::uuid order by rc.position`,
  );
  const blocked = await blockedCandidateIds(db, round.id, actor.id, round.state);
  return {
    ...base,
    mayVote: true,
    reason: null,
    candidates: rows
      .filter((r) => !blocked.has(r.candidate_id))
      .map((r) => ({ candidateId: r.candidate_id, position: Number(r.position), personName: r.person_name, specialty: r.specialty, targetLevel: r.target_level, summaryRecommend: r.summary })),
  };
}

/**
 * The round's board of receipts, sorted (never by voter, never with names), for its members, the 主任 and
 * the forming organisation, from the ballot's opening on; with the hashes once signed.
 */
export async function getReceiptBoard(db: Db, actor: RoundActor, roundId: string): Promise<{ state: RoundState; receipts: string[]; closingHash: string | null; ballotBoxHash: string | null }> {
  const round = await loadRound(db, roundId);
  let allowed = isFormingOrg(actor, round) || isChair(actor, round);
  if (!allowed && actsAsMember(actor, round)) {
    const [m] = await db.select({ id: roundMembers.id }).from(roundMembers).where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.userId, actor.id)));
    allowed = !!m;
  }
  if (!allowed) throw new NotFoundError(ROUND_NOT_FOUND);
  const rows = await executeRows<{ receipt: string }>(db, sql`select receipt from ballot_participation where round_id = ${round.id}::uuid order by receipt`);
  return { state: round.state, receipts: rows.map((r) => r.receipt), closingHash: round.closingHash, ballotBoxHash: round.ballotBoxHash };
}
