import { bigint, bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { AUDIT_OUTCOMES } from "./enums";

export const auditOutcome = pgEnum("audit_outcome", AUDIT_OUTCOMES);

/**
 * Insert-only and hash-chained (db/sql/audit-chain.sql, docs/domain.md §12): a BEFORE INSERT trigger
 * numbers each row (`chainSeq`) and sets `prevHash`/`rowHash`; UPDATE, DELETE and TRUNCATE are refused
 * by the database. Callers never set the chain columns (the trigger overwrites them).
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid("actor_id"),
    actorRole: text("actor_role"),
    actorOrgId: uuid("actor_org_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    outcome: auditOutcome("outcome").notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>(),
    ip: text("ip"),
    chainSeq: bigint("chain_seq", { mode: "number" }),
    prevHash: text("prev_hash"),
    rowHash: text("row_hash"),
  },
  (t) => [
    // The audit page is read newest first by keyset on (at, id) (lib/audit listAuditRows): each index
    // ends in (at, id) so the seek `(at, id) < cursor` is an index condition, with or without a filter.
    index("audit_at_id_idx").on(t.at, t.id),
    index("audit_actor_idx").on(t.actorId, t.at, t.id),
    index("audit_action_idx").on(t.action, t.at, t.id),
    index("audit_org_idx").on(t.actorOrgId, t.at, t.id),
    uniqueIndex("audit_chain_seq_idx").on(t.chainSeq),
  ],
);

/** The chain's head: one row, locked FOR UPDATE by the insert trigger so concurrent writers cannot fork the chain. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: text("hash").notNull(),
});

/** Fixed-window counters shared by every server process (login throttle, public query limits). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export type AuditRow = typeof auditLog.$inferSelect;
