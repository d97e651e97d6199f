/**
 * Oracle of the working-day rule (docs/domain.md §15) for the declaration specs, written apart from
 * lib/calendar so that a spec checks the dates the app shows instead of repeating its code (and because
 * lib/calendar's JSON import does not load in Playwright's test runner).
 */
import { readFileSync } from "node:fs";
import path from "node:path";

/** Today's calendar day in Asia/Shanghai (the app's day). */
export function todayInShanghai(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
}

/** The day `delta` calendar days after `day` (YYYY-MM-DD, UTC arithmetic). */
export function shiftDay(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

type Calendar = { holidays: Record<string, string>; workdays: Record<string, string> };
let calendar: Calendar | null = null;

/** chinese-days' 节假日 and 调休 days, else Monday–Friday; `extraHolidays`: days the spec made holidays (/hrss/calendar). */
export function isWorkingDay(day: string, extraHolidays: readonly string[] = []): boolean {
  calendar ??= JSON.parse(readFileSync(path.join(process.cwd(), "node_modules", "chinese-days", "dist", "chinese-days.json"), "utf8")) as Calendar;
  if (extraHolidays.includes(day)) return false;
  if (calendar.workdays[day]) return true;
  if (calendar.holidays[day]) return false;
  const wd = new Date(`${day}T00:00:00Z`).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `day` (`day` itself never counts): the last day of a 公示 posted on `day` when n = 5. */
export function nthWorkingDayAfter(day: string, n: number, extraHolidays: readonly string[] = []): string {
  let d = day;
  for (let found = 0; found < n; ) {
    d = shiftDay(d, 1);
    if (isWorkingDay(d, extraHolidays)) found++;
  }
  return d;
}
