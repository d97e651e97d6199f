import { bigint, date, pgTable, primaryKey, text, unique, uuid } from "drizzle-orm/pg-core";
import { titleLevel } from "./committees";
import { declarationStatus } from "./declarations";

/**
 * The 人社部门's statistics (docs/domain.md §17) read these two counter tables, kept by statement-level
 * triggers (db/sql/statistics-counts.sql) like roster_record_counts: the page sums a few thousand counter
 * rows instead of counting a year's declarations and certificates on every view (1,000,000 + 500,000 rows
 * at province scale, tests/bench/statistics.bench.ts). A row may reach n = 0; readers skip those.
 */

/** Submitted declarations (first_submitted_at set) per batch, regional 人社部门, status, series and level. */
export const declarationCounts = pgTable(
  "declaration_counts",
  {
    batchId: uuid("batch_id").notNull(),
    /** Set at submission (lib/declarations/person-moves.ts); null only for a unit without a regional office. */
    hrssOrgId: uuid("hrss_org_id"),
    status: declarationStatus("status").notNull(),
    series: text("series").notNull(),
    targetLevel: titleLevel("target_level").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [unique("declaration_counts_key").on(t.batchId, t.hrssOrgId, t.status, t.series, t.targetLevel).nullsNotDistinct()],
);

/** First issues (version 1) of certificates per month of issue (China time), committee, series and level. */
export const certificateCounts = pgTable(
  "certificate_counts",
  {
    /** The first day of the month of issue. */
    month: date("month").notNull(),
    committeeId: uuid("committee_id").notNull(),
    series: text("series").notNull(),
    level: titleLevel("level").notNull(),
    n: bigint("n", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.committeeId, t.series, t.level] })],
);

export type DeclarationCount = typeof declarationCounts.$inferSelect;
export type CertificateCount = typeof certificateCounts.$inferSelect;
