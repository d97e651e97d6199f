import { sql } from "drizzle-orm";
import { date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { titleLevel } from "./committees";
import { CONFLICT_KINDS, CONFLICT_RELATIONS, POOL_MEMBER_STATUSES } from "./enums";
import { orgs } from "./orgs";
import { idType, users } from "./users";

export const poolMemberStatus = pgEnum("pool_member_status", POOL_MEMBER_STATUSES);
export const conflictKind = pgEnum("conflict_kind", CONFLICT_KINDS);
export const conflictRelation = pgEnum("conflict_relation", CONFLICT_RELATIONS);

/** The expert's own profile (个人信息维护, docs/domain.md §13): one row per person, kept by the expert. */
export const expertProfiles = pgTable("expert_profiles", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id),
  /** 资格名称, e.g. 教授. */
  title: text("title").notNull(),
  series: text("series").notNull(),
  specialty: text("specialty").notNull(),
  level: titleLevel("level").notNull(),
  workUnit: text("work_unit").notNull(),
  /** 二级单位: "same unit" inside a self-review committee means the same department (docs/domain.md). */
  department: text("department"),
  phone: text("phone"),
  email: text("email"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One person in one organisation's 专家库. Invited by name + ID, bound to a user when that person accepts.
 * series … work_unit are the pool's copy of the profile (from the invitation or import, refreshed from
 * expert_profiles on acceptance and on every profile save), so the pool list filters on indexed columns.
 * Committee terms (届) reference `expert_pool_members.id`.
 */
export const expertPoolMembers = pgTable(
  "expert_pool_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => orgs.id),
    userId: uuid("user_id").references(() => users.id),
    invitedName: text("invited_name").notNull(),
    idType: idType("id_type").notNull(),
    /** Normalised (lib/validation/id-number.ts). Never sent to the browser unmasked. */
    idNumber: text("id_number").notNull(),
    invitedPhone: text("invited_phone").notNull(),
    title: text("title"),
    series: text("series"),
    specialty: text("specialty"),
    level: titleLevel("level"),
    workUnit: text("work_unit"),
    status: poolMemberStatus("status").notNull().default("invited"),
    /** The reason of the last suspend / remove / decline. */
    reason: text("reason"),
    invitedBy: uuid("invited_by").references(() => users.id),
    invitedAt: timestamp("invited_at", { withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    statusChangedBy: uuid("status_changed_by").references(() => users.id),
    statusChangedAt: timestamp("status_changed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    // A person is in a pool once while not removed; a removed member may be invited again.
    uniqueIndex("expert_pool_members_person_uq").on(t.orgId, t.idType, t.idNumber).where(sql`${t.status} <> 'removed'`),
    index("expert_pool_members_org_list_idx").on(t.orgId, t.invitedAt, t.id),
    index("expert_pool_members_org_series_idx").on(t.orgId, t.series, t.specialty),
    index("expert_pool_members_org_level_idx").on(t.orgId, t.level),
    index("expert_pool_members_org_unit_idx").on(t.orgId, t.workUnit),
    index("expert_pool_members_org_status_idx").on(t.orgId, t.status),
    index("expert_pool_members_user_idx").on(t.userId),
    index("expert_pool_members_id_doc_idx").on(t.idType, t.idNumber),
  ],
);

/** 回避声明: a unit or a person the expert must not review (docs/domain.md §13). Removal keeps the row. */
export const expertConflicts = pgTable(
  "expert_conflicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: conflictKind("kind").notNull(),
    unitName: text("unit_name"),
    unitCreditCode: text("unit_credit_code"),
    personIdType: idType("person_id_type"),
    personIdNumber: text("person_id_number"),
    personName: text("person_name"),
    relation: conflictRelation("relation").notNull(),
    /** Last day the declaration applies (inclusive); null = open-ended. */
    endDate: date("end_date"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("expert_conflicts_user_idx").on(t.userId), index("expert_conflicts_person_idx").on(t.personIdType, t.personIdNumber)],
);

export type ExpertProfile = typeof expertProfiles.$inferSelect;
export type NewExpertProfile = typeof expertProfiles.$inferInsert;
export type ExpertPoolMember = typeof expertPoolMembers.$inferSelect;
export type NewExpertPoolMember = typeof expertPoolMembers.$inferInsert;
export type ExpertConflict = typeof expertConflicts.$inferSelect;
export type NewExpertConflict = typeof expertConflicts.$inferInsert;
