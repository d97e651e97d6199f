import { boolean, index, pgEnum, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { ORG_KINDS, ORG_LEVELS, ORG_STATUSES } from "./enums";

export const orgKind = pgEnum("org_kind", ORG_KINDS);
export const orgLevel = pgEnum("org_level", ORG_LEVELS);
export const orgStatus = pgEnum("org_status", ORG_STATUSES);

/**
 * Organisations form a tree through parentId: 省人社厅 → 市州人社局 → 县区人社局.
 * 主管部门 and units hang under their regional HR department (parentId); units also
 * point to their 主管部门 (supervisorId).
 */
export const orgs = pgTable(
  "orgs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    kind: orgKind("kind").notNull(),
    level: orgLevel("level"),
    regionCode: text("region_code").notNull(),
    parentId: uuid("parent_id").references((): AnyPgColumn => orgs.id),
    supervisorId: uuid("supervisor_id").references((): AnyPgColumn => orgs.id),
    creditCode: text("credit_code").unique(),
    selfEvaluating: boolean("self_evaluating").notNull().default(false),
    /** The provincial 专业技术人员管理处 (专技处): confirms certificates. */
    isCertDivision: boolean("is_cert_division").notNull().default(false),
    status: orgStatus("status").notNull().default("active"),
    rejectReason: text("reject_reason"),
    contactName: text("contact_name"),
    contactPhone: text("contact_phone"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    reviewedBy: uuid("reviewed_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("orgs_parent_idx").on(t.parentId),
    index("orgs_supervisor_idx").on(t.supervisorId),
    index("orgs_status_idx").on(t.status),
  ],
);

export type Org = typeof orgs.$inferSelect;
export type NewOrg = typeof orgs.$inferInsert;
