/**
 * Working-day arithmetic for the declaration stages: the 公示 end date and the 一次性告知 deadline.
 * Counting starts the day after `from` and ends at the close of the n-th working day (EVALUATION §7),
 * on the Chinese holiday calendar with 调休 plus the 专技处's override table (lib/calendar,
 * docs/domain.md §15). Every function takes the database so the override table is read there.
 */
import type { Db } from "@/db/client";
import { PUBLICITY_MIN_WORKING_DAYS, SUPPLEMENT_NOTICE_WORKING_DAYS } from "@/lib/calendar/constants";
import { loadOverridesFrom } from "@/lib/calendar/overrides";
import { addWorkingDays as addOnCalendar, publicityEndDate, type PublicityWindow } from "@/lib/calendar/working-days";

/** Minimum length of a 单位公示 in working days (EVALUATION §3). */
export const PUBLICITY_WORKING_DAYS = PUBLICITY_MIN_WORKING_DAYS;
/** Default deadline of a 一次性告知 notice in working days (EVALUATION §7). */
export const NOTICE_WORKING_DAYS = SUPPLEMENT_NOTICE_WORKING_DAYS;

/** The n-th working day after `from` (YYYY-MM-DD), n ≥ 1. */
export async function addWorkingDays(db: Db, from: string, n: number): Promise<string> {
  return addOnCalendar(from, n, await loadOverridesFrom(db, from));
}

/** The whole window of a 公示 posted on `postedOn`, with `calendarKnown` false when a year of it has no published arrangement. */
export async function publicityWindow(db: Db, postedOn: string, days = PUBLICITY_WORKING_DAYS): Promise<PublicityWindow> {
  return publicityEndDate(postedOn, days, await loadOverridesFrom(db, postedOn));
}

/** Inclusive last day of a 公示 posted on `postedOn` lasting `days` working days. */
export async function publicityEnd(db: Db, postedOn: string, days = PUBLICITY_WORKING_DAYS): Promise<string> {
  return (await publicityWindow(db, postedOn, days)).endDate;
}

/** Inclusive last day to answer a notice issued on `issuedOn`. */
export function noticeDeadline(db: Db, issuedOn: string, days = NOTICE_WORKING_DAYS): Promise<string> {
  return addWorkingDays(db, issuedOn, days);
}
