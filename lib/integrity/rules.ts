/**
 * 诚信档案 (docs/domain.md §16 "诚信档案"): the bar's dates and the person's notice. Pure: the server
 * (submit, new draft, the revocation) and the forms share it.
 */
import { formatChineseDay } from "@/lib/format";
import { addDays, addYears } from "@/lib/validation/calendar";

/** A title revoked for fraud bars its holder from declaring for this many years (EVALUATION §3). */
export const INTEGRITY_BAR_YEARS = 3;

/**
 * The first day the person may declare again: the revocation day three years on. A 29 February
 * revocation ends on 28 February of a common year (the month's last day, as 民法典 §203 counts).
 */
export function integrityReapplyOn(revokedOn: string): string {
  return addYears(revokedOn, INTEGRITY_BAR_YEARS);
}

/** The inclusive last day of the bar (stored as `bar_until`): the day before `integrityReapplyOn`. */
export function integrityBarUntil(revokedOn: string): string {
  return addDays(integrityReapplyOn(revokedOn), -1);
}

/** Whether a record with this `bar_until` bars a declaration on `day` (both YYYY-MM-DD). */
export function isBarredOn(barUntil: string, day: string): boolean {
  return day <= barUntil;
}

/** What the person reads, in the form and in the refusal: the reason and the day they may declare again. */
export function integrityBarMessage(bar: { reason: string; barUntil: string }): string {
  const reason = bar.reason.trim().replace(/[。．.；;，,]+$/u, "");
  return `您因${reason}被记入诚信档案，在${formatChineseDay(addDays(bar.barUntil, 1))}之前不能申报职称`;
}
