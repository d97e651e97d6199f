import { sql } from "drizzle-orm";
import { check, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { certificates } from "./certificates";
import { orgs } from "./orgs";
import { idType, users } from "./users";

/**
 * 诚信档案 (docs/domain.md §16): a title revoked for fraud bars its holder's ID document from declaring
 * until `bar_until` (inclusive). The 专技处's 因弄虚作假撤销 writes one row per certificate, in the
 * revocation's transaction; the row belongs to the region of the person's ID number.
 */
export const integrityRecords = pgTable(
  "integrity_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    idType: idType("id_type").notNull(),
    idNumber: text("id_number").notNull(),
    name: text("name").notNull(),
    reason: text("reason").notNull(),
    revokedAt: date("revoked_at").notNull(),
    /** Inclusive last day of the bar. */
    barUntil: date("bar_until").notNull(),
    /** The revoked certificate (version); at most one record each. */
    certificateId: uuid("certificate_id").references(() => certificates.id),
    /** 撤销文号 of the revocation decision. */
    documentNo: text("document_no"),
    /** The recording authority (the 专技处). */
    recordedByOrgId: uuid("recorded_by_org_id").references(() => orgs.id),
    /** The 人社部门 whose region the record belongs to (its subtree and the province see it). */
    regionOrgId: uuid("region_org_id").references(() => orgs.id),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("integrity_records_person_idx").on(t.idType, t.idNumber, t.barUntil),
    uniqueIndex("integrity_records_certificate_uq").on(t.certificateId),
    index("integrity_records_region_idx").on(t.regionOrgId, t.createdAt),
    // A record written by a revocation carries its 文号, recorder and region.
    check(
      "integrity_records_revocation_ck",
      sql`${t.certificateId} is null or (${t.documentNo} is not null and ${t.recordedByOrgId} is not null and ${t.regionOrgId} is not null)`,
    ),
  ],
);

export type IntegrityRecord = typeof integrityRecords.$inferSelect;
export type NewIntegrityRecord = typeof integrityRecords.$inferInsert;
