import { sql } from "drizzle-orm";
import { bigserial, boolean, date, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { createdAtColumn, idColumn, optionalRefColumn, refColumn } from "./columns";
import { committees, titleLevel } from "./committees";
import {
  ATTACHMENT_TYPES,
  DECLARATION_BATCH_STATUSES,
  DECLARATION_STATUSES,
  EDUCATION_LEVELS,
  OBJECTION_STATUSES,
  PUBLICITY_STATUSES,
  WITHDRAWAL_STATUSES,
  type AchievementKind,
  type EducationLevel,
  type EmploymentStatus,
} from "./enums";
import { orgs } from "./orgs";
import { idType, userRole, users } from "./users";

export const declarationStatus = pgEnum("declaration_status", DECLARATION_STATUSES);
export const declarationBatchStatus = pgEnum("declaration_batch_status", DECLARATION_BATCH_STATUSES);
export const educationLevel = pgEnum("education_level", EDUCATION_LEVELS);
export const attachmentType = pgEnum("attachment_type", ATTACHMENT_TYPES);
export const publicityStatus = pgEnum("publicity_status", PUBLICITY_STATUSES);
export const objectionStatus = pgEnum("objection_status", OBJECTION_STATUSES);
export const withdrawalStatus = pgEnum("withdrawal_status", WITHDRAWAL_STATUSES);

// ---- Section content (typed jsonb; the zod schemas of lib/declarations/schemas.ts produce these) ----

/**
 * 基本信息 beyond the account's name and ID number (those stay the account's, read-only). `employment` (人员状态)
 * is declared by the person and confirmed by the unit's 审核; absent on drafts saved before it existed.
 */
export type DeclarationBasic = { gender: string; birthDate: string; phone: string; email: string; department: string; post: string; employment?: EmploymentStatus };
export type DeclarationEducation = { id: string; level: EducationLevel; school: string; major: string; from: string; to: string; degree: string; fullTime: boolean };
export type DeclarationWork = { id: string; from: string; to: string | null; employer: string; post: string };
/** 业绩成果: a paper, project, award or patent; `attachmentId` names one of the declaration's attachments. */
export type DeclarationAchievement = { id: string; kind: AchievementKind; title: string; detail: string; date: string; attachmentId: string | null };
/** One item of a 一次性告知 notice: the section or material slot, the field's label, what to supplement. */
export type NoticeItem = { slot: string; field: string; text: string };

/** 申报批次: a committee's yearly call for declarations (EVALUATION §7 "Batches and eligibility"). */
export const declarationBatches = pgTable(
  "declaration_batches",
  {
    id: idColumn(),
    committeeId: refColumn("committee_id", () => committees.id),
    year: integer("year").notNull(),
    name: text("name").notNull(),
    series: text("series").notNull(),
    levelFrom: titleLevel("level_from").notNull(),
    levelTo: titleLevel("level_to").notNull(),
    /** Both inclusive (China dates). */
    opensOn: date("opens_on").notNull(),
    closesOn: date("closes_on").notNull(),
    status: declarationBatchStatus("status").notNull().default("draft"),
    createdBy: optionalRefColumn("created_by", () => users.id),
    createdAt: createdAtColumn(),
    /** Set when the forming organisation closed the batch before its closing day (截止申报). */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: optionalRefColumn("closed_by", () => users.id),
  },
  // One batch per committee per year (EVALUATION §7 "reviews run once a year").
  (t) => [uniqueIndex("declaration_batches_committee_year_uq").on(t.committeeId, t.year), index("declaration_batches_open_idx").on(t.status, t.opensOn, t.closesOn)],
);

/**
 * 申报 (docs/domain.md §16). The route is fixed at each submission: `routeDept` (the unit's 主管部门 examines),
 * `routeHrss` (the regional 人社部门 checks: false when it is the forming organisation, or in a self-review).
 * The `*_at` columns record when the declaration first reached each office: visibility reads them.
 */
export const declarations = pgTable(
  "declarations",
  {
    id: idColumn(),
    userId: refColumn("user_id", () => users.id),
    batchId: refColumn("batch_id", () => declarationBatches.id),
    committeeId: refColumn("committee_id", () => committees.id),
    formingOrgId: refColumn("forming_org_id", () => orgs.id),
    /** The person's unit (or the 申报点 acting as unit); null until the basic section names it. */
    unitOrgId: optionalRefColumn("unit_org_id", () => orgs.id),
    deptOrgId: optionalRefColumn("dept_org_id", () => orgs.id),
    hrssOrgId: optionalRefColumn("hrss_org_id", () => orgs.id),
    routeDept: boolean("route_dept").notNull().default(false),
    routeHrss: boolean("route_hrss").notNull().default(false),
    /** A 自主评审单位's employee declaring to its own committee: unit stages, then accepted by the unit itself. */
    selfReview: boolean("self_review").notNull().default(false),
    /** Copied from the account for search and lists (normalised; masked when shown). */
    personName: text("person_name").notNull(),
    idType: idType("id_type"),
    idNumber: text("id_number"),
    series: text("series").notNull(),
    specialty: text("specialty").notNull().default(""),
    targetLevel: titleLevel("target_level").notNull(),
    status: declarationStatus("status").notNull().default("draft"),
    /** The status a return came from (the resubmission goes back there, or to 公示 when a publicised field changed). */
    returnedFrom: declarationStatus("returned_from"),
    version: integer("version").notNull().default(1),
    basic: jsonb("basic").$type<DeclarationBasic | null>(),
    education: jsonb("education").$type<DeclarationEducation[]>().notNull().default([]),
    work: jsonb("work").$type<DeclarationWork[]>().notNull().default([]),
    currentTitle: text("current_title"),
    currentTitleLevel: titleLevel("current_title_level"),
    currentTitleDate: date("current_title_date"),
    achievements: jsonb("achievements").$type<DeclarationAchievement[]>().notNull().default([]),
    /**
     * 破格申报: the person's reason, asked for when the eligibility rule (years, one level up) is not met; null:
     * none. `exceptional` is fixed at each submission (the rule failed and a reason was given); such a
     * declaration is accepted only with the forming organisation's approval (`exceptionalApprovedAt`).
     */
    exceptionalReason: text("exceptional_reason"),
    exceptional: boolean("exceptional").notNull().default(false),
    exceptionalApprovedAt: timestamp("exceptional_approved_at", { withTimezone: true }),
    exceptionalApprovedBy: optionalRefColumn("exceptional_approved_by", () => users.id),
    /**
     * Set while the person's withdrawal request waits for the holding office's decision (declaration_withdrawals):
     * a column of the row, so every guarded UPDATE of the holder sees it under the row lock.
     */
    withdrawalRequestedAt: timestamp("withdrawal_requested_at", { withTimezone: true }),
    /** 诚信承诺 accepted (the checkbox), cleared when content changes after it. */
    pledgeAcceptedAt: timestamp("pledge_accepted_at", { withTimezone: true }),
    finalReason: text("final_reason"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    firstSubmittedAt: timestamp("first_submitted_at", { withTimezone: true }),
    unitVerifiedAt: timestamp("unit_verified_at", { withTimezone: true }),
    publicityStartedAt: timestamp("publicity_started_at", { withTimezone: true }),
    unitRecommendedAt: timestamp("unit_recommended_at", { withTimezone: true }),
    deptApprovedAt: timestamp("dept_approved_at", { withTimezone: true }),
    hrssCheckedAt: timestamp("hrss_checked_at", { withTimezone: true }),
    /** When the declaration first waited for the forming organisation's acceptance (its queue). */
    formingQueueAt: timestamp("forming_queue_at", { withTimezone: true }),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    returnedAt: timestamp("returned_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: createdAtColumn(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("declarations_active_uq")
      .on(t.userId, t.batchId)
      .where(sql`${t.status} not in ('withdrawn', 'rejected', 'abandoned')`),
    index("declarations_user_idx").on(t.userId, t.createdAt),
    index("declarations_unit_idx").on(t.unitOrgId, t.status, t.submittedAt, t.id),
    index("declarations_unit_order_idx").on(t.unitOrgId, t.submittedAt, t.id),
    index("declarations_dept_idx").on(t.deptOrgId, t.status, t.submittedAt, t.id),
    index("declarations_dept_order_idx").on(t.deptOrgId, t.submittedAt, t.id),
    index("declarations_hrss_idx").on(t.hrssOrgId, t.status, t.submittedAt, t.id),
    index("declarations_hrss_order_idx").on(t.hrssOrgId, t.submittedAt, t.id),
    // A 人社部门's list (visible from unit_recommended): ordered pages and an index-only count over its region.
    index("declarations_hrss_visible_idx").on(t.hrssOrgId, t.submittedAt, t.id).where(sql`${t.unitRecommendedAt} is not null`),
    index("declarations_forming_idx").on(t.formingOrgId, t.status, t.submittedAt, t.id),
    index("declarations_forming_order_idx").on(t.formingOrgId, t.submittedAt, t.id),
    index("declarations_committee_idx").on(t.committeeId, t.status, t.submittedAt),
    index("declarations_batch_idx").on(t.batchId, t.status),
    index("declarations_id_number_idx").on(t.idNumber),
    index("declarations_returned_idx").on(t.status, t.returnedAt),
  ],
);

/** Uploaded materials (PDF, JPEG, PNG by content; ≤ 10 MB each, ≤ 50 MB per declaration). */
export const declarationAttachments = pgTable(
  "declaration_attachments",
  {
    id: idColumn(),
    declarationId: refColumn("declaration_id", () => declarations.id),
    /** The section or material slot: `education`, `work`, `title`, `achievement:<id>`, … */
    slot: text("slot").notNull(),
    fileName: text("file_name").notNull(),
    mime: attachmentType("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    content: bytea("content").notNull(),
    uploadedBy: refColumn("uploaded_by", () => users.id),
    createdAt: createdAtColumn(),
  },
  (t) => [index("declaration_attachments_decl_idx").on(t.declarationId, t.slot)],
);

/** What each submission handed in (examiners of a resubmission compare two of these). */
export const declarationSnapshots = pgTable(
  "declaration_snapshots",
  {
    id: idColumn(),
    declarationId: refColumn("declaration_id", () => declarations.id),
    /** The declaration's version at the submission. */
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("declaration_snapshots_version_uq").on(t.declarationId, t.version)],
);

/** The timeline: every status change, who (user and organisation) and why. */
export const declarationEvents = pgTable(
  "declaration_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    declarationId: refColumn("declaration_id", () => declarations.id),
    fromStatus: declarationStatus("from_status"),
    toStatus: declarationStatus("to_status").notNull(),
    actorId: optionalRefColumn("actor_id", () => users.id),
    actorRole: userRole("actor_role"),
    actorOrgId: optionalRefColumn("actor_org_id", () => orgs.id),
    note: text("note"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("declaration_events_decl_idx").on(t.declarationId, t.at)],
);

/** 一次性告知: a return's list of everything to supplement, with its deadline (5 working days by default). */
export const declarationNotices = pgTable(
  "declaration_notices",
  {
    id: idColumn(),
    declarationId: refColumn("declaration_id", () => declarations.id),
    /** The status the declaration was returned from. */
    stage: declarationStatus("stage").notNull(),
    /** 1 or 2: a second return at the same stage covers only items of the first. */
    round: smallint("round").notNull(),
    reason: text("reason").notNull(),
    items: jsonb("items").$type<NoticeItem[]>().notNull(),
    /** Inclusive last day to resubmit; past it the declaration is abandoned. */
    deadline: date("deadline").notNull(),
    issuedBy: refColumn("issued_by", () => users.id),
    issuedByOrgId: optionalRefColumn("issued_by_org_id", () => orgs.id),
    createdAt: createdAtColumn(),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("declaration_notices_round_uq").on(t.declarationId, t.stage, t.round), index("declaration_notices_open_idx").on(t.resolvedAt, t.deadline)],
);

/**
 * 撤回申请: after unit_verified a person may only ask to withdraw; the office holding the declaration then
 * (`holder_org_id`, states.ts `withdrawalHolder`) approves (→ withdrawn) or refuses with a reason. One pending
 * request per declaration; while it is pending the holder's moves wait for its decision.
 */
export const declarationWithdrawals = pgTable(
  "declaration_withdrawals",
  {
    id: idColumn(),
    declarationId: refColumn("declaration_id", () => declarations.id),
    /** The declaration's status when asked. */
    fromStatus: declarationStatus("from_status").notNull(),
    holderOrgId: refColumn("holder_org_id", () => orgs.id),
    reason: text("reason").notNull(),
    status: withdrawalStatus("status").notNull().default("pending"),
    requestedBy: refColumn("requested_by", () => users.id),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    decidedBy: optionalRefColumn("decided_by", () => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decisionReason: text("decision_reason"),
  },
  (t) => [
    uniqueIndex("declaration_withdrawals_pending_uq").on(t.declarationId).where(sql`${t.status} = 'pending'`),
    index("declaration_withdrawals_holder_idx").on(t.holderOrgId, t.status, t.requestedAt),
  ],
);

/** 单位公示 of a list of declarations: at least 5 working days, counted from the day after posting. */
export const publicities = pgTable(
  "publicities",
  {
    id: idColumn(),
    unitOrgId: refColumn("unit_org_id", () => orgs.id),
    postedOn: date("posted_on").notNull(),
    workingDays: integer("working_days").notNull(),
    /** Inclusive last day of the 公示 (lib/declarations/publicity-dates.ts). */
    endsOn: date("ends_on").notNull(),
    status: publicityStatus("status").notNull().default("open"),
    createdBy: refColumn("created_by", () => users.id),
    createdAt: createdAtColumn(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    finishedBy: optionalRefColumn("finished_by", () => users.id),
  },
  (t) => [index("publicities_unit_idx").on(t.unitOrgId, t.status, t.postedOn)],
);

export const publicityItems = pgTable(
  "publicity_items",
  {
    id: idColumn(),
    publicityId: refColumn("publicity_id", () => publicities.id),
    declarationId: refColumn("declaration_id", () => declarations.id),
    /** False once the declaration left this 公示 (returned, rejected, or a publicised field changed). */
    current: boolean("current").notNull().default(true),
  },
  (t) => [
    uniqueIndex("publicity_items_uq").on(t.publicityId, t.declarationId),
    index("publicity_items_decl_idx").on(t.declarationId, t.current),
  ],
);

export const publicityObjections = pgTable(
  "publicity_objections",
  {
    id: idColumn(),
    publicityId: refColumn("publicity_id", () => publicities.id),
    declarationId: refColumn("declaration_id", () => declarations.id),
    text: text("text").notNull(),
    filedByName: text("filed_by_name").notNull(),
    filedByContact: text("filed_by_contact").notNull(),
    status: objectionStatus("status").notNull().default("open"),
    resolutionReason: text("resolution_reason"),
    recordedBy: refColumn("recorded_by", () => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    resolvedBy: optionalRefColumn("resolved_by", () => users.id),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
  },
  (t) => [index("publicity_objections_pub_idx").on(t.publicityId, t.status), index("publicity_objections_decl_idx").on(t.declarationId)],
);

/**
 * 申报条件: (series, target level, education) → years required since the current title (or since starting
 * work when the target needs no title below it). `series` '*' is the default row for every series.
 */
export const eligibilityRules = pgTable(
  "eligibility_rules",
  {
    id: idColumn(),
    series: text("series").notNull(),
    level: titleLevel("level").notNull(),
    education: educationLevel("education").notNull(),
    yearsRequired: integer("years_required").notNull(),
    note: text("note"),
  },
  (t) => [uniqueIndex("eligibility_rules_uq").on(t.series, t.level, t.education)],
);

export type DeclarationBatch = typeof declarationBatches.$inferSelect;
export type NewDeclarationBatch = typeof declarationBatches.$inferInsert;
export type Declaration = typeof declarations.$inferSelect;
export type NewDeclaration = typeof declarations.$inferInsert;
export type DeclarationAttachment = typeof declarationAttachments.$inferSelect;
export type NewDeclarationAttachment = typeof declarationAttachments.$inferInsert;
export type DeclarationSnapshot = typeof declarationSnapshots.$inferSelect;
export type DeclarationEvent = typeof declarationEvents.$inferSelect;
export type DeclarationNotice = typeof declarationNotices.$inferSelect;
export type DeclarationWithdrawal = typeof declarationWithdrawals.$inferSelect;
export type Publicity = typeof publicities.$inferSelect;
export type PublicityItem = typeof publicityItems.$inferSelect;
export type PublicityObjection = typeof publicityObjections.$inferSelect;
export type EligibilityRule = typeof eligibilityRules.$inferSelect;
export type NewEligibilityRule = typeof eligibilityRules.$inferInsert;
