import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { committees, titleLevel } from "./committees";
import { FILING_SCOPES, FILING_STATUSES, TERM_POSITIONS, TERM_STATUSES } from "./enums";
import { expertPoolMembers } from "./experts";
import { orgs } from "./orgs";
import { users } from "./users";

export const termStatus = pgEnum("term_status", TERM_STATUSES);
export const termPosition = pgEnum("term_position", TERM_POSITIONS);
export const filingStatus = pgEnum("filing_status", FILING_STATUSES);
export const filingScope = pgEnum("filing_scope", FILING_SCOPES);

/** 评委会的一届 (docs/domain.md §14): members from the forming organisation's pool, ≤ 3 years. */
export const committeeTerms = pgTable(
  "committee_terms",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    status: termStatus("status").notNull().default("draft"),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("committee_terms_committee_idx").on(t.committeeId)],
);

export const committeeTermMembers = pgTable(
  "committee_term_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    termId: uuid("term_id")
      .notNull()
      .references(() => committeeTerms.id),
    poolMemberId: uuid("pool_member_id")
      .notNull()
      .references(() => expertPoolMembers.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    position: termPosition("position").notNull(),
    /** 评议组组长 named in the term: only a default, the 主任 assigns panel leaders per round (EVALUATION §7). */
    panelLeader: boolean("panel_leader").notNull().default(false),
  },
  (t) => [uniqueIndex("committee_term_members_user_uq").on(t.termId, t.userId), index("committee_term_members_term_idx").on(t.termId)],
);

/** One member as the filing saw it (the snapshot stays when the term changes later). */
export type FilingMemberSnapshot = { userId: string; name: string; position: string; title: string; series: string; level: string; workUnit: string };

/** 评审权备案 (docs/domain.md §14): draft → submitted → dept_approved → approved, or returned to draft. */
export const committeeFilings = pgTable(
  "committee_filings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    termId: uuid("term_id")
      .notNull()
      .references(() => committeeTerms.id),
    formingOrgId: uuid("forming_org_id")
      .notNull()
      .references(() => orgs.id),
    series: text("series").notNull(),
    specialties: text("specialties").notNull(),
    levelFrom: titleLevel("level_from").notNull(),
    levelTo: titleLevel("level_to").notNull(),
    scope: filingScope("scope").notNull(),
    members: jsonb("members").$type<FilingMemberSnapshot[]>().notNull().default([]),
    /** 评审办法 (PDF, ≤ 10 MB, checked by content). */
    rulesPdf: bytea("rules_pdf"),
    rulesPdfName: text("rules_pdf_name"),
    validFrom: date("valid_from").notNull(),
    /** Inclusive last day. */
    validTo: date("valid_to").notNull(),
    status: filingStatus("status").notNull().default("draft"),
    /** The 主管部门 examiner (null: none) and the 人社部门 examiner, fixed at submission (lib/filings/routing.ts). */
    deptExaminerOrgId: uuid("dept_examiner_org_id").references(() => orgs.id),
    hrssExaminerOrgId: uuid("hrss_examiner_org_id").references(() => orgs.id),
    returnReason: text("return_reason"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    deptApprovedAt: timestamp("dept_approved_at", { withTimezone: true }),
    deptApprovedBy: uuid("dept_approved_by").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvedBy: uuid("approved_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("committee_filings_committee_idx").on(t.committeeId, t.status),
    // The filer's list (lib/filings/queries.ts listOwnFilings) and the term's filing (one per term).
    index("committee_filings_forming_org_idx").on(t.formingOrgId, t.createdAt),
    index("committee_filings_term_idx").on(t.termId),
    index("committee_filings_dept_examiner_idx").on(t.deptExaminerOrgId, t.status),
    index("committee_filings_hrss_examiner_idx").on(t.hrssExaminerOrgId, t.status),
  ],
);

export type CommitteeTerm = typeof committeeTerms.$inferSelect;
export type NewCommitteeTerm = typeof committeeTerms.$inferInsert;
export type CommitteeTermMember = typeof committeeTermMembers.$inferSelect;
export type NewCommitteeTermMember = typeof committeeTermMembers.$inferInsert;
export type CommitteeFiling = typeof committeeFilings.$inferSelect;
export type NewCommitteeFiling = typeof committeeFilings.$inferInsert;
