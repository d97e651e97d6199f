import { sql } from "drizzle-orm";
import { boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { certificates } from "./certificates";
import { declarations, objectionStatus } from "./declarations";
import { ROUND_RESULT_KINDS } from "./enums";
import { orgs } from "./orgs";
import { reviewRounds } from "./review-rounds";
import { committeeFilings } from "./terms";
import { users } from "./users";

export const roundResultKind = pgEnum("round_result_kind", ROUND_RESULT_KINDS);

/**
 * 结果公示 of a signed round (docs/domain.md §18): posted by the forming organisation, ≥ 5 working days
 * counted from the day after `posted_on` to the close of `ends_on` (lib/calendar, with the override table).
 */
export const roundResultPublicities = pgTable("round_result_publicities", {
  roundId: uuid("round_id")
    .primaryKey()
    .references(() => reviewRounds.id),
  postedOn: date("posted_on").notNull(),
  /** Inclusive last day. */
  endsOn: date("ends_on").notNull(),
  /** False when a year of the window had no published holiday arrangement when it was posted. */
  calendarKnown: boolean("calendar_known").notNull(),
  postedBy: uuid("posted_by").references(() => users.id),
  postedAt: timestamp("posted_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An objection to a candidate's result during the 结果公示: open, then kept (result stands) or upheld (withheld). */
export const roundResultObjections = pgTable(
  "round_result_objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => reviewRounds.id),
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id),
    content: text("content").notNull(),
    status: objectionStatus("status").notNull().default("open"),
    resolution: text("resolution"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid("resolved_by").references(() => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("round_result_objections_round_idx").on(t.roundId, t.status), index("round_result_objections_decl_idx").on(t.declarationId)],
);

/** The 确认 / 备案 of a round's results by the authority that approved the filing, then the 专技处's 发证: one row per round. */
export const roundResults = pgTable(
  "round_results",
  {
  roundId: uuid("round_id")
    .primaryKey()
    .references(() => reviewRounds.id),
  kind: roundResultKind("kind").notNull(),
  filingId: uuid("filing_id").references(() => committeeFilings.id),
  authorityOrgId: uuid("authority_org_id")
    .notNull()
    .references(() => orgs.id),
  /** 文号 and issue date: printed on the certificates as 批准文号 and 发证日期. */
  approvalNo: text("approval_no").notNull(),
  issueDate: date("issue_date").notNull(),
  confirmedCount: integer("confirmed_count").notNull(),
  withheldCount: integer("withheld_count").notNull(),
  confirmedBy: uuid("confirmed_by").references(() => users.id),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * 发证 by the provincial 专技处 through its confirmation queue (EVALUATION §7 "Who examines"): null while
   * the confirmed results wait in the queue; set once by a guarded UPDATE … WHERE issued_at IS NULL.
   */
  issuedAt: timestamp("issued_at", { withTimezone: true }),
  issuedBy: uuid("issued_by").references(() => users.id),
  certificateCount: integer("certificate_count"),
  },
  (t) => [index("round_results_to_issue_idx").on(t.confirmedAt).where(sql`${t.issuedAt} is null`)],
);

/**
 * Provenance of a certificate issued from a review (no roster record): the declaration, the round, its
 * closing hash and the 公示 period, for the verification page. Keyed by the certificate number (a
 * correction keeps the number); one per declaration.
 */
export const reviewCertificates = pgTable(
  "review_certificates",
  {
    certNo: text("cert_no").primaryKey(),
    /** Version 1 as issued. */
    certificateId: uuid("certificate_id")
      .notNull()
      .references(() => certificates.id),
    declarationId: uuid("declaration_id")
      .notNull()
      .references(() => declarations.id),
    roundId: uuid("round_id")
      .notNull()
      .references(() => reviewRounds.id),
    filingId: uuid("filing_id").references(() => committeeFilings.id),
    closingHash: text("closing_hash").notNull(),
    publicityFrom: date("publicity_from").notNull(),
    publicityTo: date("publicity_to").notNull(),
  },
  (t) => [uniqueIndex("review_certificates_declaration_uq").on(t.declarationId), index("review_certificates_round_idx").on(t.roundId)],
);

export type RoundResultPublicity = typeof roundResultPublicities.$inferSelect;
export type RoundResultObjection = typeof roundResultObjections.$inferSelect;
export type RoundResult = typeof roundResults.$inferSelect;
export type ReviewCertificate = typeof reviewCertificates.$inferSelect;
