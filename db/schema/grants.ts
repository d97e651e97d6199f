import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { committees } from "./committees";
import { GRANT_STATUSES } from "./enums";
import { orgs } from "./orgs";
import { userRole, users } from "./users";

export const grantStatus = pgEnum("grant_status", GRANT_STATUSES);

/**
 * 角色授权: what one person may act as (docs/domain.md §1 "Accounts"). A user holds one or more grants;
 * the session acts under one of them (the active grant) and every role check reads that grant.
 * users.role / users.org_id stay as the default grant, the one a login starts with; the database
 * trigger of db/sql/role-grants.sql gives every new user that grant.
 */
export const roleGrants = pgTable(
  "role_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: userRole("role").notNull(),
    orgId: uuid("org_id").references(() => orgs.id),
    /** 评委会成员 and 专家 grants bound to one committee. */
    committeeId: uuid("committee_id").references(() => committees.id),
    /** The committee term (届) and review round a grant belongs to; their tables come with the evaluation half. */
    termId: uuid("term_id"),
    roundId: uuid("round_id"),
    /** 主任委员 / 副主任委员 / 委员 / 组长 (docs/domain.md §1). */
    position: text("position"),
    validFrom: timestamp("valid_from", { withTimezone: true }).notNull().defaultNow(),
    /** Exclusive; null = open-ended. */
    validTo: timestamp("valid_to", { withTimezone: true }),
    status: grantStatus("status").notNull().default("active"),
    /** Null for grants the system made (the default grant of a new account, the migration). */
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    revokedBy: uuid("revoked_by").references(() => users.id),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
  },
  (t) => [
    index("role_grants_user_idx").on(t.userId),
    index("role_grants_org_idx").on(t.orgId),
    index("role_grants_committee_idx").on(t.committeeId),
    // role_grants_active_uq (one person holds a given grant once while it is active) needs
    // NULLS NOT DISTINCT, which drizzle-kit cannot express: it is in db/sql/role-grants.sql.
  ],
);

export type RoleGrant = typeof roleGrants.$inferSelect;
export type NewRoleGrant = typeof roleGrants.$inferInsert;

/**
 * The active grant of one login session (the JWT's `sid`), written by 切换身份. The JWT carries the grant
 * too, but every request re-issues the cookie, so a response to a request sent before the switch (a
 * prefetch still in flight) can put the old token back; this row makes the switch stick for the session.
 * Rows older than the absolute session limit are useless and deleted by the periodic jobs.
 */
export const sessionGrants = pgTable(
  "session_grants",
  {
    sid: uuid("sid").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => roleGrants.id),
    switchedAt: timestamp("switched_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("session_grants_switched_idx").on(t.switchedAt)],
);
