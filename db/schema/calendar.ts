import { date, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { WORKING_DAY_KINDS } from "./enums";
import { users } from "./users";

export const workingDayKind = pgEnum("working_day_kind", WORKING_DAY_KINDS);

/**
 * The 专技处's corrections to the holiday calendar (docs/domain.md, 工作日): one row per calendar day
 * (Asia/Shanghai), winning over the chinese-days library — for a year the library does not know yet,
 * or a local arrangement. The primary key on the date also serves the by-year range reads.
 */
export const workingDayOverrides = pgTable("working_day_overrides", {
  date: date("date", { mode: "string" }).primaryKey(),
  kind: workingDayKind("kind").notNull(),
  note: text("note").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

export type WorkingDayOverride = typeof workingDayOverrides.$inferSelect;
