import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { committees } from "./committees";
import { createdAtColumn, idColumn, optionalRefColumn, refColumn } from "./columns";
import { declarations } from "./declarations";
import {
  BALLOT_CHOICES,
  BLOCK_CATEGORIES,
  CONFLICT_SOURCES,
  ROUND_CONFLICT_STATUSES,
  ROUND_STATES,
  TALLY_CONFIRMER_KINDS,
  TALLY_RESULTS,
} from "./enums";
import { orgs } from "./orgs";
import { committeeTermMembers, committeeTerms, termPosition } from "./terms";
import { users } from "./users";

export const roundState = pgEnum("round_state", ROUND_STATES);
export const blockCategory = pgEnum("block_category", BLOCK_CATEGORIES);
export const conflictSource = pgEnum("conflict_source", CONFLICT_SOURCES);
export const roundConflictStatus = pgEnum("round_conflict_status", ROUND_CONFLICT_STATUSES);
export const ballotChoice = pgEnum("ballot_choice", BALLOT_CHOICES);
export const tallyResult = pgEnum("tally_result", TALLY_RESULTS);
export const tallyConfirmerKind = pgEnum("tally_confirmer_kind", TALLY_CONFIRMER_KINDS);

/**
 * 评审会议 (docs/domain.md §17): one meeting of one committee term. Created by the forming organisation,
 * run by the 主任. Every state change is a guarded UPDATE … WHERE state = … AND version = ….
 */
export const reviewRounds = pgTable(
  "review_rounds",
  {
    id: idColumn(),
    committeeId: refColumn("committee_id", () => committees.id),
    termId: refColumn("term_id", () => committeeTerms.id),
    formingOrgId: refColumn("forming_org_id", () => orgs.id),
    name: text("name").notNull(),
    meetingDate: date("meeting_date").notNull(),
    state: roundState("state").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    /** Seated members, frozen at distribution: the `members` of the quorum and pass arithmetic. */
    memberCount: integer("member_count"),
    cancelReason: text("cancel_reason"),
    /**
     * EVALUATION §7: "a designated 副主任 chairs when the 主任 is absent or blocked". Set by the forming
     * organisation with the reason: while set, this 副主任委员 of the term chairs the round and the 主任 does not.
     */
    actingChairUserId: optionalRefColumn("acting_chair_user_id", () => users.id),
    actingChairReason: text("acting_chair_reason"),
    createdBy: optionalRefColumn("created_by", () => users.id),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    distributedAt: timestamp("distributed_at", { withTimezone: true }),
    ballotOpenedAt: timestamp("ballot_opened_at", { withTimezone: true }),
    ballotClosedAt: timestamp("ballot_closed_at", { withTimezone: true }),
    signedAt: timestamp("signed_at", { withTimezone: true }),
    signedBy: optionalRefColumn("signed_by", () => users.id),
    /** The ballot box's last hash (ballot_votes chain) and the round's closing hash (the last tally row's). */
    ballotBoxHash: text("ballot_box_hash"),
    closingHash: text("closing_hash"),
  },
  (t) => [index("review_rounds_forming_idx").on(t.formingOrgId, t.createdAt, t.id), index("review_rounds_committee_idx").on(t.committeeId, t.state)],
);

/**
 * The members of one round, selected from the term. `seated`: false for a member with an open declaration
 * to this committee (blocked from every candidate, not counted). `present`: the attendance the 主任 records
 * or the member's check-in; `presentAtBallot`: frozen when the ballot opens.
 */
export const roundMembers = pgTable(
  "round_members",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    userId: refColumn("user_id", () => users.id),
    termMemberId: refColumn("term_member_id", () => committeeTermMembers.id),
    position: termPosition("position").notNull(),
    seated: boolean("seated").notNull().default(true),
    present: boolean("present").notNull().default(false),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }),
    presentAtBallot: boolean("present_at_ballot"),
    /** 专家纪律承诺书 signed online: no material opens before it. */
    pledgeSignedAt: timestamp("pledge_signed_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("round_members_uq").on(t.roundId, t.userId), index("round_members_user_idx").on(t.userId)],
);

/** 评议组: ≥ 3 members of the round, one of them 组长. */
export const panels = pgTable(
  "panels",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    name: text("name").notNull(),
    createdAt: createdAtColumn(),
  },
  (t) => [uniqueIndex("panels_name_uq").on(t.roundId, t.name)],
);

export const panelMembers = pgTable(
  "panel_members",
  {
    id: idColumn(),
    panelId: refColumn("panel_id", () => panels.id),
    roundId: refColumn("round_id", () => reviewRounds.id),
    userId: refColumn("user_id", () => users.id),
    isLeader: boolean("is_leader").notNull().default(false),
  },
  (t) => [
    // A member sits on one panel of a round; a panel has one 组长.
    uniqueIndex("panel_members_round_user_uq").on(t.roundId, t.userId),
    uniqueIndex("panel_members_leader_uq").on(t.panelId).where(sql`${t.isLeader}`),
    index("panel_members_panel_idx").on(t.panelId),
  ],
);

/** A declaration reviewed in the round; `panelId` once distributed (分发材料). */
export const roundCandidates = pgTable(
  "round_candidates",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    declarationId: refColumn("declaration_id", () => declarations.id),
    panelId: optionalRefColumn("panel_id", () => panels.id),
    /** Order on the ballot sheet, the 统票表 and the minutes. */
    position: integer("position").notNull(),
    /** Set at signing (a copy of the tally row's result). */
    result: tallyResult("result"),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("round_candidates_uq").on(t.roundId, t.declarationId),
    index("round_candidates_round_idx").on(t.roundId, t.position),
    index("round_candidates_panel_idx").on(t.panelId),
    index("round_candidates_decl_idx").on(t.declarationId),
  ],
);

/**
 * Who is blocked from which candidate and why (EVALUATION §4.3, §7). `rule` rows are recomputed from the
 * data until the ballot opens and then frozen; `suggestion` rows wait for the 主任 (pinned blocks,
 * dismissed needs a reason). `evidence` never holds an ID number.
 */
export const roundConflicts = pgTable(
  "round_conflicts",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    userId: refColumn("user_id", () => users.id),
    candidateId: refColumn("candidate_id", () => roundCandidates.id),
    category: blockCategory("category").notNull(),
    source: conflictSource("source").notNull(),
    status: roundConflictStatus("status").notNull(),
    evidence: text("evidence"),
    reason: text("reason"),
    decidedBy: optionalRefColumn("decided_by", () => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
  },
  (t) => [
    uniqueIndex("round_conflicts_uq").on(t.roundId, t.userId, t.candidateId, t.category),
    index("round_conflicts_candidate_idx").on(t.candidateId, t.userId),
    index("round_conflicts_user_idx").on(t.roundId, t.userId),
  ],
);

/** A panel member's opinion on a candidate (text + 建议通过 / 不建议通过). */
export const opinions = pgTable(
  "opinions",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    candidateId: refColumn("candidate_id", () => roundCandidates.id),
    userId: refColumn("user_id", () => users.id),
    text: text("text").notNull(),
    recommend: boolean("recommend").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("opinions_uq").on(t.candidateId, t.userId), index("opinions_round_idx").on(t.roundId)],
);

/** The 组长's summary opinion of the panel on one candidate. */
export const panelSummaries = pgTable(
  "panel_summaries",
  {
    candidateId: uuid("candidate_id")
      .primaryKey()
      .references(() => roundCandidates.id),
    roundId: refColumn("round_id", () => reviewRounds.id),
    panelId: refColumn("panel_id", () => panels.id),
    text: text("text").notNull(),
    recommend: boolean("recommend").notNull(),
    writtenBy: refColumn("written_by", () => users.id),
    writtenAt: timestamp("written_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("panel_summaries_round_idx").on(t.roundId)],
);

/**
 * Who has voted (not what): one row per voter and round, written in the same transaction as the sheet's
 * ballot rows, so a second sheet fails on the unique index. `receipt`: the 8-character prefix of the
 * sheet's hash (with a random nonce never stored), shown on the round's board. No timestamp.
 */
export const ballotParticipation = pgTable(
  "ballot_participation",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    userId: refColumn("user_id", () => users.id),
    receipt: text("receipt").notNull(),
  },
  (t) => [uniqueIndex("ballot_participation_uq").on(t.roundId, t.userId), index("ballot_participation_receipt_idx").on(t.roundId, t.receipt)],
);

/**
 * The open ballot box. Secrecy (EVALUATION §7): a random UUIDv4 id, no voter column, no voter-derived key,
 * no timestamp. At signing the rows are copied in shuffled order into ballot_votes and deleted here.
 */
export const ballotStaging = pgTable(
  "ballot_staging",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    candidateId: refColumn("candidate_id", () => roundCandidates.id),
    choice: ballotChoice("choice").notNull(),
  },
  (t) => [index("ballot_staging_round_idx").on(t.roundId, t.candidateId)],
);

/**
 * The signed ballot box: insert-only (db/sql/review-immutability.sql refuses UPDATE, DELETE and TRUNCATE),
 * in shuffled order, hash-chained per round: hash = sha256(previous row's hash || canonical row) (the previous
 * hash is the row before in seq order, so it is not stored twice).
 * No foreign keys: the rows are copied by signTally, in its one transaction, from ballot_staging rows whose
 * keys were checked when they were cast; a per-row check of 25,000 votes would cost more than the whole
 * signature (tests/bench/review-rounds.bench.ts), and `npm run verify:tallies` recounts the box anyway.
 */
export const ballotVotes = pgTable(
  "ballot_votes",
  {
    /** A fresh random UUIDv4 (not the staging row's), part of the hashed row; unindexed: nothing looks a vote up by it. */
    id: uuid("id").notNull().defaultRandom(),
    roundId: uuid("round_id").notNull(),
    candidateId: uuid("candidate_id").notNull(),
    choice: ballotChoice("choice").notNull(),
    seq: integer("seq").notNull(),
    hash: text("hash").notNull(),
  },
  // One index: the chain's order (verification and recount read a round by seq).
  (t) => [primaryKey({ name: "ballot_votes_pk", columns: [t.roundId, t.seq] })],
);

/**
 * 统票 of one candidate, written when the 主任 signs; immutable afterwards (trigger). Chained per round:
 * the first row's prev_hash is the ballot box's last hash; the round's closing hash is the last row's.
 */
export const tallies = pgTable(
  "tallies",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    candidateId: refColumn("candidate_id", () => roundCandidates.id),
    seq: integer("seq").notNull(),
    members: integer("members").notNull(),
    present: integer("present").notNull(),
    eligiblePresent: integer("eligible_present").notNull(),
    yes: integer("yes").notNull(),
    no: integer("no").notNull(),
    abstain: integer("abstain").notNull(),
    result: tallyResult("result").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    uniqueIndex("tallies_candidate_uq").on(t.roundId, t.candidateId),
    uniqueIndex("tallies_seq_uq").on(t.roundId, t.seq),
    check("tallies_counts_ck", sql`${t.yes} >= 0 and ${t.no} >= 0 and ${t.abstain} >= 0 and ${t.yes} + ${t.no} + ${t.abstain} <= ${t.eligiblePresent}`),
  ],
);

/** Two staff members of the forming organisation and one expert 监票人 confirm the tally (its digest) before signing. */
export const tallyConfirmations = pgTable(
  "tally_confirmations",
  {
    id: idColumn(),
    roundId: refColumn("round_id", () => reviewRounds.id),
    userId: refColumn("user_id", () => users.id),
    kind: tallyConfirmerKind("kind").notNull(),
    /** The digest of the counts confirmed (lib/review-rounds/tally.ts tallyDigest). */
    digest: text("digest").notNull(),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("tally_confirmations_uq").on(t.roundId, t.userId)],
);

export type ReviewRound = typeof reviewRounds.$inferSelect;
export type NewReviewRound = typeof reviewRounds.$inferInsert;
export type RoundMember = typeof roundMembers.$inferSelect;
export type NewRoundMember = typeof roundMembers.$inferInsert;
export type Panel = typeof panels.$inferSelect;
export type NewPanel = typeof panels.$inferInsert;
export type PanelMember = typeof panelMembers.$inferSelect;
export type NewPanelMember = typeof panelMembers.$inferInsert;
export type RoundCandidate = typeof roundCandidates.$inferSelect;
export type NewRoundCandidate = typeof roundCandidates.$inferInsert;
export type RoundConflict = typeof roundConflicts.$inferSelect;
export type NewRoundConflict = typeof roundConflicts.$inferInsert;
export type Opinion = typeof opinions.$inferSelect;
export type NewOpinion = typeof opinions.$inferInsert;
export type PanelSummary = typeof panelSummaries.$inferSelect;
export type NewPanelSummary = typeof panelSummaries.$inferInsert;
export type BallotParticipation = typeof ballotParticipation.$inferSelect;
export type BallotStagingRow = typeof ballotStaging.$inferSelect;
export type BallotVote = typeof ballotVotes.$inferSelect;
export type Tally = typeof tallies.$inferSelect;
export type TallyConfirmation = typeof tallyConfirmations.$inferSelect;
