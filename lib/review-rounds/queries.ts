/**
 * Read queries of the review round for the screens (docs/domain.md §17). Each asserts access itself.
 * No ID number leaves unmasked; the 主任 sees a block's category, never the declared ID number; nobody
 * sees counts before the ballot closes; an expert never sees who else is blocked.
 */
import type { Db } from "@/db/client";
import type { BallotChoice, BlockCategory, RoundConflictStatus, RoundState, TermPosition, TitleLevel } from "@/db/schema/enums";
import type { RoundActor } from "./access";

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
/** The forming organisation's rounds, newest first, 20 a page, search by name. */
export async function listRoundsForOrg(db: Db, actor: RoundActor, opts: { page?: number; q?: string; committeeId?: string } = {}): Promise<{ rows: RoundListRow[]; total: number; page: number; pageSize: number }> {
  void db; void actor; void opts;
  throw new Error("not implemented");
}

/** The rounds of the 主任's committee term (the /committee area), newest first. */
export async function listRoundsForChair(db: Db, actor: RoundActor): Promise<RoundListRow[]> {
  void db; void actor;
  throw new Error("not implemented");
}

export type ExpertRoundRow = { id: string; name: string; committeeName: string; meetingDate: string; state: RoundState; pledgeSigned: boolean; present: boolean; voted: boolean; panelName: string | null; isLeader: boolean };
/** The rounds the actor sits in (the expert area). */
export async function listRoundsForExpert(db: Db, actor: RoundActor): Promise<ExpertRoundRow[]> {
  void db; void actor;
  throw new Error("not implemented");
}

export type PanelProgress = { panelId: string; name: string; leaderName: string | null; members: number; candidates: number; opinionsWritten: number; opinionsExpected: number; summariesWritten: number };
export type RoundDetail = {
  round: { id: string; name: string; committeeId: string; committeeName: string; termId: string; termStart: string; termEnd: string; meetingDate: string; state: RoundState; version: number; memberCount: number | null; closingHash: string | null; ballotBoxHash: string | null; cancelReason: string | null; signedAt: Date | null };
  candidates: number;
  unassigned: number;
  members: { seated: number; notSeated: number; present: number; pledged: number };
  quorumNeeded: number | null;
  panels: PanelProgress[];
  ballot: { participation: number; eligibleVoters: number } | null;
  viewer: "forming" | "chair";
};
/** Progress of one round for the forming organisation or the 主任. */
export async function getRoundDetail(db: Db, actor: RoundActor, roundId: string): Promise<RoundDetail> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
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
/** Everything the 主任's console shows (members, panels, candidates, blocks with their category). */
export async function getChairConsole(db: Db, actor: RoundActor, roundId: string): Promise<ChairConsole> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}

export type ExpertCandidate = { candidateId: string; declarationId: string; position: number; personName: string; unitName: string | null; specialty: string; targetLevel: TitleLevel; series: string; panelName: string | null; onMyPanel: boolean; myOpinion: { recommend: boolean; submittedAt: Date } | null; hasSummary: boolean };
/**
 * The candidates the member may see: their panel's during the review, every candidate during the ballot —
 * minus those they are blocked from (never said why, never who else is blocked).
 */
export async function visibleCandidatesForExpert(db: Db, actor: RoundActor, roundId: string): Promise<{ round: { id: string; name: string; state: RoundState; pledgeSigned: boolean; present: boolean; presentAtBallot: boolean | null }; candidates: ExpertCandidate[] }> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}

export type BallotSheet = { roundId: string; state: RoundState; mayVote: boolean; reason: string | null; voted: boolean; receipt: string | null; candidates: { candidateId: string; position: number; personName: string; specialty: string; targetLevel: TitleLevel; summaryRecommend: boolean | null }[] };
/** The voter's sheet: every non-blocked candidate, or why they may not vote. */
export async function getBallotSheet(db: Db, actor: RoundActor, roundId: string): Promise<BallotSheet> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}

/** The round's board of receipts (sorted, no names): members, the 主任 and the forming organisation. */
export async function getReceiptBoard(db: Db, actor: RoundActor, roundId: string): Promise<{ state: RoundState; receipts: string[]; closingHash: string | null; ballotBoxHash: string | null }> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}

export type { BallotChoice };
