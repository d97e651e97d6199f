/**
 * Working-day arithmetic for the declaration stages, behind one adapter: the 公示 end date and the
 * 一次性告知 deadline. Counting starts the day after `from` and ends at the close of the n-th working day
 * (EVALUATION §7). This version counts Monday–Friday only; lib/calendar/working-days.ts (the Chinese
 * holiday calendar with 调休 and the override table) replaces the body of `addWorkingDays` on merge.
 * Every function takes the database so the calendar's override table can be read there.
 */
import type { Db } from "@/db/client";

/** Minimum length of a 单位公示 in working days (EVALUATION §3). */
export const PUBLICITY_WORKING_DAYS = 5;
/** Default deadline of a 一次性告知 notice in working days (EVALUATION §7). */
export const NOTICE_WORKING_DAYS = 5;

function parseDay(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

/** The n-th working day after `from` (YYYY-MM-DD), n ≥ 1. */

export function addWorkingDays(_db: Db, from: string, n: number): Promise<string> {
  const d = parseDay(from);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left -= 1;
  }
  return Promise.resolve(d.toISOString().slice(0, 10));
}

/** Inclusive last day of a 公示 posted on `postedOn` lasting `days` working days. */
export function publicityEnd(db: Db, postedOn: string, days = PUBLICITY_WORKING_DAYS): Promise<string> {
  return addWorkingDays(db, postedOn, days);
}

/** Inclusive last day to answer a notice issued on `issuedOn`. */
export function noticeDeadline(db: Db, issuedOn: string, days = NOTICE_WORKING_DAYS): Promise<string> {
  return addWorkingDays(db, issuedOn, days);
}
