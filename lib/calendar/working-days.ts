import chineseDays from "chinese-days/dist/chinese-days.json";
import type { WorkingDayKind } from "@/db/schema/enums";
import { isIsoDay } from "@/lib/validation/calendar";
import { PUBLICITY_MIN_WORKING_DAYS } from "./constants";

/**
 * Working days of the Chinese calendar (docs/domain.md §15): the chinese-days library (国务院 holiday
 * arrangements, 调休 Saturdays/Sundays are working days), overridden day by day by the 专技处's table
 * (working_day_overrides). A year the library does not cover falls back to "Monday–Friday work" and is
 * reported as `calendarKnown: false` unless the table holds entries for it.
 *
 * Every date is a calendar day in Asia/Shanghai written 'YYYY-MM-DD'. Arithmetic runs on UTC midnights
 * (no local time zone). The library's data is read from its published JSON (dist/chinese-days.json,
 * keys 'YYYY-MM-DD'), not through isWorkday/getDayDetail: those parse a date string as UTC midnight and
 * format it in the process's local zone, and build their own tables the same way, so a server whose
 * TZ is west of Greenwich gets every holiday a day early (the unit test passes with
 * `TZ=America/Los_Angeles`; isWorkday does not). The JSON holds the same tables, generated once at the
 * package's build.
 * Pure: no database; the overrides come in as a map (lib/calendar/overrides.ts `loadOverrides`).
 */

/** date → kind, from working_day_overrides. */
export type CalendarOverrides = ReadonlyMap<string, WorkingDayKind>;

const NONE: CalendarOverrides = new Map();

export type DaySource = "override" | "library" | "weekdays";

export type DayInfo = {
  date: string;
  working: boolean;
  /** override: the table decided; library: chinese-days (a holiday, a 调休 day or an ordinary day of a covered year); weekdays: the Monday–Friday fallback. */
  source: DaySource;
  /** The library's holiday name (e.g. 国庆节) for holidays and 调休 days, else null. */
  holidayName: string | null;
  /** False when neither the library nor the table knows the day's year. */
  calendarKnown: boolean;
};

function parts(date: string): [number, number, number] {
  if (!isIsoDay(date)) throw new RangeError(`not a calendar day (YYYY-MM-DD): ${date}`);
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** The day `delta` calendar days after `date` (negative: before). */
export function shiftDays(date: string, delta: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + delta)).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

/** Today's calendar day in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

type DayTable = Readonly<Record<string, string>>;
/** date → "English,中文,n" of the holiday (放假) and of the 调休 working days (上班). */
const LIB_HOLIDAYS: DayTable = chineseDays.holidays;
const LIB_WORKDAYS: DayTable = chineseDays.workdays;
/** The years the library has an arrangement for (2004–2026 in v1.5.7). */
const LIB_YEARS: ReadonlySet<number> = new Set(Object.keys(LIB_HOLIDAYS).map((d) => Number(d.slice(0, 4))));

/**
 * Whether chinese-days holds the holiday arrangement of `year`. Its functions do not say: for a year it
 * lacks (2003, 2027, 2030 in v1.5.7) isWorkday silently answers "Monday–Friday work". Its data does: a
 * published year always has holidays (国庆 alone), so a year with no holiday entry is one it does not know.
 */
export function libraryKnowsYear(year: number): boolean {
  return LIB_YEARS.has(year);
}

/** Whether the working days of `year` are known: the library covers it, or the 专技处 entered days for it. */
export function isYearKnown(year: number, overrides: CalendarOverrides = NONE): boolean {
  if (libraryKnowsYear(year)) return true;
  const prefix = `${year}-`;
  for (const date of overrides.keys()) if (date.startsWith(prefix)) return true;
  return false;
}

/** Everything known about one day. */
export function dayInfo(date: string, overrides: CalendarOverrides = NONE): DayInfo {
  const [y] = parts(date);
  const calendarKnown = isYearKnown(y, overrides);
  const override = overrides.get(date);
  let holidayName: string | null = null;
  let libraryWorking: boolean | null = null;
  if (libraryKnowsYear(y)) {
    // The library's isWorkday: a 调休 working day, or Monday–Friday and not a holiday.
    const wd = weekdayOf(date);
    const entry = LIB_WORKDAYS[date] ?? LIB_HOLIDAYS[date];
    libraryWorking = LIB_WORKDAYS[date] !== undefined || (wd !== 0 && wd !== 6 && LIB_HOLIDAYS[date] === undefined);
    holidayName = entry?.split(",")[1] ?? null;
  }
  if (override) return { date, working: override === "workday", source: "override", holidayName, calendarKnown };
  if (libraryWorking !== null) return { date, working: libraryWorking, source: "library", holidayName, calendarKnown };
  const wd = weekdayOf(date);
  return { date, working: wd !== 0 && wd !== 6, source: "weekdays", holidayName: null, calendarKnown };
}

export function isWorkingDay(date: string, overrides: CalendarOverrides = NONE): boolean {
  return dayInfo(date, overrides).working;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 366) throw new RangeError(`working-day count out of range: ${n}`);
}

/**
 * The n-th working day counted from the day AFTER `start` (n ≥ 1): `start` itself never counts, even
 * when it is a working day. addWorkingDays('2025-09-30', 1) = '2025-10-09' (国庆 2025).
 */
export function addWorkingDays(start: string, n: number, overrides: CalendarOverrides = NONE): string {
  assertCount(n);
  let date = start;
  let found = 0;
  // A year has ~250 working days; a table marking everything a holiday must not loop for ever.
  for (let step = 0; step < 3700; step++) {
    date = shiftDays(date, 1);
    if (isWorkingDay(date, overrides) && ++found === n) return date;
  }
  throw new RangeError(`no ${n} working days within ten years after ${start}`);
}

/** Working days in [from, to], both ends included; 0 when `to` is before `from`. */
export function countWorkingDays(from: string, to: string, overrides: CalendarOverrides = NONE): number {
  parts(to);
  let count = 0;
  for (let date = from; date <= to; date = shiftDays(date, 1)) if (isWorkingDay(date, overrides)) count++;
  return count;
}

/** Whether every year of [from, to] is known (see `isYearKnown`). */
export function isSpanKnown(from: string, to: string, overrides: CalendarOverrides = NONE): boolean {
  const [y1] = parts(from);
  const [y2] = parts(to);
  for (let y = y1; y <= y2; y++) if (!isYearKnown(y, overrides)) return false;
  return true;
}

export type PublicityWindow = {
  postedOn: string;
  /** The day after posting: the first day of the publicity. */
  startDate: string;
  /** The publicity runs to the close of this day (the `days`-th working day). */
  endDate: string;
  workingDays: number;
  /** False when a year of the window has no published arrangement: the UI shows CALENDAR_UNKNOWN_WARNING. */
  calendarKnown: boolean;
};

/**
 * 单位公示 posted on `postedOn`: from the day after posting to the close of the `days`-th working day
 * (EVALUATION.md §7). `days` below PUBLICITY_MIN_WORKING_DAYS is refused.
 */
export function publicityEndDate(postedOn: string, days: number = PUBLICITY_MIN_WORKING_DAYS, overrides: CalendarOverrides = NONE): PublicityWindow {
  if (days < PUBLICITY_MIN_WORKING_DAYS) throw new RangeError(`publicity shorter than ${PUBLICITY_MIN_WORKING_DAYS} working days: ${days}`);
  const startDate = shiftDays(postedOn, 1);
  const endDate = addWorkingDays(postedOn, days, overrides);
  return { postedOn, startDate, endDate, workingDays: days, calendarKnown: isSpanKnown(startDate, endDate, overrides) };
}

/** Whether a publicity ending on `endDate` is over on `today` (it runs to the close of its end date). */
export function isPublicityOver(endDate: string, today: string = todayInShanghai()): boolean {
  return today > endDate;
}
