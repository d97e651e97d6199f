import { index, integer, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./bytea";
import { DISPUTE_PROOF_TYPES, ID_DISPUTE_STATUSES } from "./enums";
import { orgs } from "./orgs";
import { idType, users } from "./users";

export const idDisputeStatus = pgEnum("id_dispute_status", ID_DISPUTE_STATUSES);
export const disputeProofType = pgEnum("dispute_proof_type", DISPUTE_PROOF_TYPES);

/**
 * 证件号码被占用申诉 (docs/domain.md §11). The filer's account holds no ID while the dispute is open
 * (users has a unique index on the ID); the dispute holds the claimed one. The regional 人社部门
 * (regionOrgId) decides; upholding moves the ID from the occupant to the filer.
 */
export const idDisputes = pgTable(
  "id_disputes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    status: idDisputeStatus("status").notNull().default("pending"),
    filerId: uuid("filer_id").notNull().references(() => users.id),
    /** The account holding the ID when the dispute was filed. */
    occupantId: uuid("occupant_id").notNull().references(() => users.id),
    claimedName: text("claimed_name").notNull(),
    claimedIdType: idType("claimed_id_type").notNull(),
    claimedIdNumber: text("claimed_id_number").notNull(),
    regionOrgId: uuid("region_org_id").notNull().references(() => orgs.id),
    statement: text("statement").notNull(),
    proofType: disputeProofType("proof_type").notNull(),
    proofData: bytea("proof_data").notNull(),
    proofBytes: integer("proof_bytes").notNull(),
    proofSha256: text("proof_sha256").notNull(),
    decisionReason: text("decision_reason"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("id_disputes_region_idx").on(t.regionOrgId, t.status, t.createdAt), index("id_disputes_filer_idx").on(t.filerId)],
);

export type IdDispute = typeof idDisputes.$inferSelect;
export type NewIdDispute = typeof idDisputes.$inferInsert;
