import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { OBTAIN_METHODS, ROSTER_IMPORT_STATUSES, ROSTER_SOURCES, ROSTER_STATUSES, type IdType, type ObtainMethod, type TitleLevel } from "./enums";
import { committees, titleLevel } from "./committees";
import { idType, users } from "./users";

/** Record states and who moves them: docs/domain.md §3 (`superseded` is not used for records). */
export const rosterStatus = pgEnum("roster_status", ROSTER_STATUSES);
/** 取得方式: 评审 / 考试 / 认定. */
export const obtainMethod = pgEnum("obtain_method", OBTAIN_METHODS);
export const rosterSource = pgEnum("roster_source", ROSTER_SOURCES);
export const rosterImportStatus = pgEnum("roster_import_status", ROSTER_IMPORT_STATUSES);

/**
 * The certificate subject (docs/domain.md §7): the person, the qualification and how it was obtained, as a
 * roster record holds it, an import row stages it and a certificate snapshots it. Declared once and
 * spread into the three tables (a function: column builders belong to one table each).
 *
 * Not in here, on purpose:
 * - nationality: roster_records and roster_import_rows have it (nullable); certificates do not
 *   snapshot it (it is not printed nor verified), so each of the two tables adds it itself.
 * - committee_name: only certificates snapshot the committee's name (records point to the committee).
 * Overridden: roster_import_rows stages issuing_authority and issue_date as nullable (a blank cell
 * stays blank until the commit fills in the committee's forming organisation / the pass date).
 */
export function certificateSubjectColumns() {
  return {
    name: text("name").notNull(),
    gender: text("gender").notNull(),
    birthDate: date("birth_date").notNull(),
    idType: idType("id_type").notNull(),
    /** Normalised; never sent to the browser unmasked except in the owner's export. */
    idNumber: text("id_number").notNull(),
    workUnit: text("work_unit").notNull(),
    series: text("series").notNull(),
    specialty: text("specialty").notNull(),
    qualificationName: text("qualification_name").notNull(),
    level: titleLevel("level").notNull(),
    obtainMethod: obtainMethod("obtain_method").notNull(),
    /** 评审通过时间: its year is the 取得年度 and the certificate number's year. */
    passDate: date("pass_date").notNull(),
    passYear: integer("pass_year").notNull(),
    approvalNo: text("approval_no").notNull(),
    issuingAuthority: text("issuing_authority").notNull(),
    issueDate: date("issue_date").notNull(),
  };
}

/** One valid row of an import, as parsed (staged in roster_import_rows until commit). */
export type RosterImportRow = {
  row: number;
  name: string;
  gender: "male" | "female";
  birthDate: string;
  idType: IdType;
  idNumber: string;
  nationality: string | null;
  workUnit: string;
  series: string;
  specialty: string;
  qualificationName: string;
  level: TitleLevel;
  obtainMethod: ObtainMethod;
  passDate: string;
  passYear: number;
  approvalNo: string;
  issuingAuthority: string | null;
  issueDate: string | null;
};

/** A rejected row: its cells as read (for the error report) and every reason, by column. */
export type RosterImportRejectedRow = {
  row: number;
  values: Record<string, string>;
  issues: { column: string; reason: string }[];
};

/** An uploaded workbook: parsed (with progress), previewed, then committed or cancelled. */
export const rosterImports = pgTable(
  "roster_imports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    fileName: text("file_name").notNull(),
    fileSize: integer("file_size").notNull(),
    fileSha256: text("file_sha256").notNull(),
    status: rosterImportStatus("status").notNull().default("parsing"),
    /** Data rows read so far: polled by the browser while a large file is parsed. */
    rowsRead: integer("rows_read").notNull().default(0),
    addCount: integer("add_count").notNull().default(0),
    existingCount: integer("existing_count").notNull().default(0),
    rejectedCount: integer("rejected_count").notNull().default(0),
    exampleCount: integer("example_count").notNull().default(0),
    /** File-level failure (bad format, missing columns, too many rows). */
    message: text("message"),
    /** Rejected rows with every reason (the error report); valid rows are staged in roster_import_rows. */
    rejected: jsonb("rejected").$type<RosterImportRejectedRow[]>(),
    headerRow: integer("header_row"),
    addedCount: integer("added_count"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    parsedAt: timestamp("parsed_at", { withTimezone: true }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: uuid("decided_by").references(() => users.id),
  },
  (t) => [index("roster_imports_committee_idx").on(t.committeeId, t.createdAt)],
);

/** 证书补录名册: one record per professional and certificate (fields of docs/domain.md §7). */
export const rosterRecords = pgTable(
  "roster_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    // No foreign key: records are only written after the committee row was read (and locked) for the
    // ownership check, committees are never deleted, and the per-row FK trigger was ≈ 20 % of a
    // 50,000-row import commit (tests/bench/import.bench.ts).
    committeeId: uuid("committee_id").notNull(),
    status: rosterStatus("status").notNull().default("draft"),
    /** Optimistic concurrency: every update checks and bumps it. */
    version: integer("version").notNull().default(1),
    certNo: text("cert_no").notNull(),
    ...certificateSubjectColumns(),
    nationality: text("nationality"),
    source: rosterSource("source").notNull(),
    // No foreign keys on these three, like audit_log.actor_id: users and imports are never deleted, and
    // a per-row FK trigger each cost ≈ 8 % of a 50,000-row import (tests/bench/import.bench.ts).
    importId: uuid("import_id"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    // The import's idempotency key (docs/domain.md §4): committee + 证件类型 + 证件号码 + 资格名称 + 取得年度,
    // led by the ID number so that the same index finds a person's records (by number, or number and
    // type) across committees: one index fewer to maintain on every insert and bulk move.
    uniqueIndex("roster_records_person_key_uq").on(t.idNumber, t.idType, t.committeeId, t.qualificationName, t.passYear),
    uniqueIndex("roster_records_cert_no_uq").on(t.certNo),
    index("roster_records_committee_status_idx").on(t.committeeId, t.status),
    // The roster list's default order (created_at desc, cert_no asc): its keyset pages seek here.
    index("roster_records_committee_created_idx").on(t.committeeId, t.createdAt.desc().nullsFirst(), t.certNo.asc()),
    // The list's substring search (ilike '%…%' on name, like '%…%' on the ID number) at province scale:
    // trigram GIN indexes (pg_trgm, db/sql/extensions.sql). A two-character name has no trigram and
    // still scans the committee's rows; the certificate-number prefix uses roster_records_cert_no_uq.
    index("roster_records_name_trgm_idx").using("gin", t.name.op("gin_trgm_ops")),
    index("roster_records_id_number_trgm_idx").using("gin", t.idNumber.op("gin_trgm_ops")),
  ],
);

/**
 * The valid rows of an import between preview and commit: written in batches while the workbook is
 * still being parsed (PostgreSQL works on them on the other core), copied into roster_records by the
 * commit and deleted by commit or cancel. The browser never holds them, so commit trusts nothing it sends.
 */
export const rosterImportRows = pgTable(
  "roster_import_rows",
  {
    // No foreign key: commit, cancel and expiry delete the rows explicitly, and a per-row FK check
    // would slow the staging writes that run alongside the parse.
    importId: uuid("import_id").notNull(),
    rowNo: integer("row_no").notNull(),
    ...certificateSubjectColumns(),
    nationality: text("nationality"),
    // Nullable here, unlike the record and the certificate: a blank cell is staged as blank and the
    // commit fills in the committee's forming organisation / the pass date (see certificateSubjectColumns).
    issuingAuthority: text("issuing_authority"),
    issueDate: date("issue_date"),
    /** 52 + year + title code + committee code, and its weighted digit sum: the commit finishes the number on the server. */
    certPrefix: text("cert_prefix").notNull(),
    certPrefixSum: integer("cert_prefix_sum").notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.rowNo] })],
);

/** Per committee and year: the last certificate sequence handed out (allocated inside transactions). */
export const rosterCertCounters = pgTable(
  "roster_cert_counters",
  {
    committeeId: uuid("committee_id")
      .notNull()
      .references(() => committees.id),
    year: integer("year").notNull(),
    lastSeq: integer("last_seq").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.year] })],
);

/**
 * How many records each committee holds per status and year, kept by statement-level triggers on
 * roster_records (db/sql/roster-counts.sql): the roster list's counts, years and unfiltered total
 * without counting hundreds of thousands of rows per page (tests/bench/lists.bench.ts). A row may
 * reach n = 0; readers skip those.
 */
export const rosterRecordCounts = pgTable(
  "roster_record_counts",
  {
    committeeId: uuid("committee_id").notNull(),
    status: rosterStatus("status").notNull(),
    passYear: integer("pass_year").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.committeeId, t.status, t.passYear] })],
);

/** Every status transition of a record: who, when, from, to, why. */
export const rosterRecordEvents = pgTable(
  "roster_record_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => rosterRecords.id, { onDelete: "cascade" }),
    fromStatus: rosterStatus("from_status").notNull(),
    toStatus: rosterStatus("to_status").notNull(),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("roster_record_events_record_idx").on(t.recordId, t.at)],
);

export type RosterRecord = typeof rosterRecords.$inferSelect;
export type NewRosterRecord = typeof rosterRecords.$inferInsert;
export type RosterImport = typeof rosterImports.$inferSelect;
export type RosterStatus = (typeof rosterStatus.enumValues)[number];
export type RosterRecordEvent = typeof rosterRecordEvents.$inferSelect;
