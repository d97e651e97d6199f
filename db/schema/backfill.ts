import { sql } from "drizzle-orm";
import { bigserial, check, date, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { BATCH_ITEM_RESULTS, BATCH_STATUSES, PHOTO_STATUSES } from "./enums";
import { bytea } from "./bytea";
import { committees } from "./committees";
import { declarations } from "./declarations";
import { orgs } from "./orgs";
import { rosterRecords } from "./roster";
import { users } from "./users";

/**
 * pending: uploaded, not yet submitted · submitted: awaiting the committee · approved: the one printed ·
 * rejected: sent back with a reason · replaced: superseded by a newer upload before review.
 */
export const photoStatus = pgEnum("photo_status", PHOTO_STATUSES);

/**
 * Normalised ID photos (JPEG 295×413, ≤ 60 KB), kept in the database and served only through an authorised handler:
 * the one photo store certificates read (`certificates.photo_id`). A photo belongs to exactly one back-fill record
 * (`record_id`) or one declaration (`declaration_id`, the 证件照 step, docs/domain.md §16): a declaration's current
 * photo is its one `pending` row (earlier ones become `replaced`).
 */
export const rosterPhotos = pgTable(
  "roster_photos",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    recordId: uuid("record_id").references(() => rosterRecords.id, { onDelete: "cascade" }),
    declarationId: uuid("declaration_id").references(() => declarations.id),
    uploadedBy: uuid("uploaded_by")
      .notNull()
      .references(() => users.id),
    sha256: text("sha256").notNull(),
    bytes: integer("bytes").notNull(),
    data: bytea("data").notNull(),
    status: photoStatus("status").notNull().default("pending"),
    rejectReason: text("reject_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("roster_photos_record_idx").on(t.recordId, t.createdAt),
    index("roster_photos_status_idx").on(t.status),
    index("roster_photos_declaration_idx").on(t.declarationId, t.createdAt),
    // At most one current photo per declaration (two racing uploads cannot both stay current).
    uniqueIndex("roster_photos_declaration_current_uq").on(t.declarationId).where(sql`${t.declarationId} is not null and ${t.status} = 'pending'`),
    check("roster_photos_owner_ck", sql`num_nonnulls(${t.recordId}, ${t.declarationId}) = 1`),
  ],
);

export const batchStatus = pgEnum("roster_batch_status", BATCH_STATUSES);

/** 一次性提交: one submission of a committee's approved records to the province. */
export const rosterBatches = pgTable(
  "roster_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchNo: text("batch_no").notNull().unique(),
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    status: batchStatus("status").notNull().default("submitted"),
    version: integer("version").notNull().default(1),
    recordCount: integer("record_count").notNull(),
    submittedBy: uuid("submitted_by")
      .notNull()
      .references(() => users.id),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid("confirmed_by").references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
    /** The 专技处's 确认文号 and 确认日期 of this batch — NOT the certificates' 批准文号/发证日期 (those are the roster's). */
    approvalNo: text("approval_no"),
    issueDate: date("issue_date"),
    confirmedCount: integer("confirmed_count").notNull().default(0),
    returnedCount: integer("returned_count").notNull().default(0),
  },
  (t) => [index("roster_batches_status_idx").on(t.status, t.submittedAt), index("roster_batches_committee_idx").on(t.committeeId, t.submittedAt)],
);

export const batchItemResult = pgEnum("roster_batch_item_result", BATCH_ITEM_RESULTS);

/** Which records a batch carried and what became of each (a returned record may travel in a later batch). */
export const rosterBatchItems = pgTable(
  "roster_batch_items",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => rosterBatches.id),
    recordId: uuid("record_id")
      .notNull()
      .references(() => rosterRecords.id),
    result: batchItemResult("result").notNull().default("submitted"),
    returnReason: text("return_reason"),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.recordId] }), index("roster_batch_items_record_idx").on(t.recordId)],
);

/** Records a committee left out of the one-shot submission, with the reason; removed when the record is submitted. */
export const rosterExclusions = pgTable("roster_exclusions", {
  recordId: uuid("record_id")
    .primaryKey()
    .references(() => rosterRecords.id, { onDelete: "cascade" }),
  reason: text("reason").notNull(),
  excludedBy: uuid("excluded_by")
    .notNull()
    .references(() => users.id),
  excludedAt: timestamp("excluded_at", { withTimezone: true }).notNull().defaultNow(),
});

/** In-app messages to a person (userId) or to an organisation's users (orgId). */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: uuid("user_id").references(() => users.id),
    orgId: uuid("org_id").references(() => orgs.id),
    recordId: uuid("record_id").references(() => rosterRecords.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_org_idx").on(t.orgId, t.createdAt),
    // A person's inbox is found through their records.
    index("notifications_record_idx").on(t.recordId, t.createdAt),
  ],
);

export type RosterPhoto = typeof rosterPhotos.$inferSelect;
export type RosterBatch = typeof rosterBatches.$inferSelect;
export type Notification = typeof notifications.$inferSelect;
