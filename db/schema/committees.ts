import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { COMMITTEE_STATUSES, TITLE_LEVELS } from "./enums";
import { orgs } from "./orgs";

export const titleLevel = pgEnum("title_level", TITLE_LEVELS);
export const committeeStatus = pgEnum("committee_status", COMMITTEE_STATUSES);

/** 评委会: formed by an organisation (人社部门, 主管部门 or 自主评审单位), which acts as its 组建单位. */
export const committees = pgTable(
  "committees",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    /** 3-digit code used in certificate numbers (docs/domain.md §6). */
    code: text("code").notNull().unique(),
    series: text("series").notNull(),
    specialty: text("specialty"),
    levelFrom: titleLevel("level_from").notNull(),
    levelTo: titleLevel("level_to").notNull(),
    formingOrgId: uuid("forming_org_id")
      .notNull()
      .references(() => orgs.id),
    status: committeeStatus("status").notNull().default("active"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("committees_forming_org_idx").on(t.formingOrgId)],
);

export type Committee = typeof committees.$inferSelect;
