import { bigserial, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { CERTIFICATE_STATUSES, LOOKUP_CHANNELS, LOOKUP_OUTCOMES } from "./enums";
import { certificateSubjectColumns, rosterRecords } from "./roster";

/** 有效 / 已撤销 / 已更正 (superseded by a newer version). */
export const certificateStatus = pgEnum("certificate_status", CERTIFICATE_STATUSES);

/**
 * An issued certificate: an immutable snapshot of the confirmed record. A correction issues a new
 * version (same number, version + 1) and marks the old one superseded; nothing is ever deleted.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    certNo: text("cert_no").notNull(),
    version: integer("version").notNull().default(1),
    status: certificateStatus("status").notNull().default("valid"),
    rosterRecordId: uuid("roster_record_id").references(() => rosterRecords.id),
    // No foreign keys on committee_id (the record's, which has one) nor on the actor columns (like
    // audit_log.actor_id: users are never deleted): each per-row FK trigger cost ≈ 100 ms of a
    // 10,000-certificate confirmation (tests/bench/batch.bench.ts).
    committeeId: uuid("committee_id").notNull(),
    committeeName: text("committee_name").notNull(),
    // The record's subject as it was at issue (no nationality: see certificateSubjectColumns).
    ...certificateSubjectColumns(),
    // No foreign key: the insert picks the photo from roster_photos in the same statement, and photos
    // are never deleted (a record with photos is past draft and cannot be deleted either).
    photoId: uuid("photo_id"),
    /** Opaque random token in the QR code; never derived from the certificate number. */
    verifyToken: text("verify_token").notNull(),
    /** HMAC over the signed fields at issue time: a changed row or a forged token fails verification. */
    signature: text("signature").notNull(),
    issuedAt: timestamp("issued_at", { withTimezone: true }).notNull().defaultNow(),
    issuedBy: uuid("issued_by"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by"),
    revokeReason: text("revoke_reason"),
    supersededById: uuid("superseded_by_id").references((): AnyPgColumn => certificates.id),
    correctionReason: text("correction_reason"),
  },
  (t) => [
    uniqueIndex("certificates_no_version_uq").on(t.certNo, t.version),
    uniqueIndex("certificates_verify_token_uq").on(t.verifyToken),
    // No b-tree on name alone: the public query always pairs the name with an ID or certificate
    // number (both indexed). The office's substring search (证书管理) uses the trigram indexes below.
    index("certificates_id_number_idx").on(t.idNumber),
    index("certificates_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("certificates_id_number_trgm_idx").using("gin", t.idNumber.op("gin_trgm_ops")),
    index("certificates_record_idx").on(t.rosterRecordId),
    // 证书管理's order (issued_at desc, cert_no asc): its keyset pages seek here (lib/certificates/admin-queries.ts).
    index("certificates_list_idx").on(t.issuedAt.desc().nullsFirst(), t.certNo.asc()),
  ],
);

export const lookupChannel = pgEnum("lookup_channel", LOOKUP_CHANNELS);
export const lookupOutcome = pgEnum("lookup_outcome", LOOKUP_OUTCOMES);

/** Every certificate lookup, with hashes of the key and the client address (never the raw key). */
export const certificateLookups = pgTable(
  "certificate_lookups",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    certificateId: uuid("certificate_id").references(() => certificates.id),
    channel: lookupChannel("channel").notNull(),
    outcome: lookupOutcome("outcome").notNull(),
    keyHash: text("key_hash"),
    ipHash: text("ip_hash"),
  },
  (t) => [index("certificate_lookups_cert_idx").on(t.certificateId, t.at), index("certificate_lookups_at_idx").on(t.at)],
);

export type Certificate = typeof certificates.$inferSelect;
export type NewCertificate = typeof certificates.$inferInsert;
