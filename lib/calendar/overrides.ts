import { and, asc, count, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users, workingDayOverrides } from "@/db/schema";
import type { WorkingDayKind } from "@/db/schema/enums";
import { ForbiddenError, UserError } from "@/lib/errors";
import { isCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { OVERRIDES_PAGE_SIZE } from "./constants";
import type { AddOverrideInput, RemoveOverrideInput } from "./schemas";
import { dayInfo, isYearKnown, libraryKnowsYear, type CalendarOverrides } from "./working-days";

/** The override table for the years [fromYear, toYear], as the map the working-day functions take. */
export async function loadOverrides(db: Db, fromYear: number, toYear: number): Promise<CalendarOverrides> {
  const rows = await db
    .select({ date: workingDayOverrides.date, kind: workingDayOverrides.kind })
    .from(workingDayOverrides)
    .where(and(gte(workingDayOverrides.date, `${fromYear}-01-01`), lte(workingDayOverrides.date, `${toYear}-12-31`)));
  return new Map(rows.map((r) => [r.date, r.kind]));
}

/** The overrides a computation starting on `date` may need: its year and the next (a window may cross New Year). */
export function loadOverridesFrom(db: Db, date: string): Promise<CalendarOverrides> {
  const year = Number(date.slice(0, 4));
  return loadOverrides(db, year, year + 1);
}

function assertCalendarAdmin(actor: ProvinceActor): void {
  if (!isCertDivision(actor)) throw new ForbiddenError("仅省人社厅专技处可以维护节假日安排");
}

export type OverrideRow = {
  date: string;
  kind: WorkingDayKind;
  note: string;
  /** What the library (or, for a year it lacks, the Monday–Friday rule) says without this row. */
  libraryWorking: boolean;
  /** False for a year the library lacks: `libraryWorking` is then only the weekday rule. */
  libraryKnown: boolean;
  holidayName: string | null;
  createdByName: string | null;
  createdAt: Date;
};

export type YearStatus = "library" | "table" | "unknown";

/** One year's overrides, by date, paginated; and whether the year's arrangement is known. */
export async function listOverrides(
  db: Db,
  actor: ProvinceActor,
  opts: { year: number; page: number; pageSize?: number },
): Promise<{ rows: OverrideRow[]; total: number; pageSize: number; yearStatus: YearStatus }> {
  assertCalendarAdmin(actor);
  const pageSize = opts.pageSize ?? OVERRIDES_PAGE_SIZE;
  const where = and(gte(workingDayOverrides.date, `${opts.year}-01-01`), lte(workingDayOverrides.date, `${opts.year}-12-31`));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ date: workingDayOverrides.date, kind: workingDayOverrides.kind, note: workingDayOverrides.note, createdAt: workingDayOverrides.createdAt, createdByName: users.name })
      .from(workingDayOverrides)
      .leftJoin(users, eq(users.id, workingDayOverrides.createdBy))
      .where(where)
      .orderBy(asc(workingDayOverrides.date))
      .limit(pageSize)
      .offset((opts.page - 1) * pageSize),
    db.select({ total: count() }).from(workingDayOverrides).where(where),
  ]);
  const yearStatus: YearStatus = libraryKnowsYear(opts.year) ? "library" : total > 0 ? "table" : "unknown";
  return {
    rows: rows.map((r) => {
      const lib = dayInfo(r.date);
      return { ...r, libraryWorking: lib.working, libraryKnown: lib.source === "library", holidayName: lib.holidayName };
    }),
    total,
    pageSize,
    yearStatus,
  };
}

/** Whether `year` is known with the table as it stands (for a warning next to a computed date). */
export async function isYearKnownInDb(db: Db, year: number): Promise<boolean> {
  return isYearKnown(year, await loadOverrides(db, year, year));
}

/**
 * Add one day. The date is the primary key: a day already in the table is refused (remove it first),
 * so 20 identical requests at once insert one row and 19 get the refusal.
 */
export async function addOverride(tx: Db, actor: ProvinceActor, input: AddOverrideInput): Promise<{ date: string; kind: WorkingDayKind }> {
  assertCalendarAdmin(actor);
  const [row] = await tx
    .insert(workingDayOverrides)
    .values({ date: input.date, kind: input.kind, note: input.note, createdBy: actor.id })
    .onConflictDoNothing({ target: workingDayOverrides.date })
    .returning({ date: workingDayOverrides.date, kind: workingDayOverrides.kind });
  if (!row) throw new UserError("该日期已有调整记录，如需修改请先删除", { date: "该日期已有调整记录" });
  return row;
}

/** Remove one day; the day then follows the library again. Removing a row already gone is refused. */
export async function removeOverride(tx: Db, actor: ProvinceActor, input: RemoveOverrideInput): Promise<{ date: string; kind: WorkingDayKind; note: string }> {
  assertCalendarAdmin(actor);
  const [row] = await tx
    .delete(workingDayOverrides)
    .where(eq(workingDayOverrides.date, input.date))
    .returning({ date: workingDayOverrides.date, kind: workingDayOverrides.kind, note: workingDayOverrides.note });
  if (!row) throw new UserError("该调整记录已不存在，请刷新后查看");
  return row;
}
