import { bigserial, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { AUDIT_OUTCOMES } from "./enums";

export const auditOutcome = pgEnum("audit_outcome", AUDIT_OUTCOMES);

/** Append-only: the application only ever inserts here. */
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
  },
  (t) => [
    index("audit_at_idx").on(t.at),
    index("audit_actor_idx").on(t.actorId, t.at),
    index("audit_action_idx").on(t.action, t.at),
    index("audit_org_idx").on(t.actorOrgId, t.at),
  ],
);

/** Fixed-window counters shared by every server process (login throttle, public query limits). */
export const rateLimits = pgTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
  count: integer("count").notNull(),
});

export type AuditRow = typeof auditLog.$inferSelect;
