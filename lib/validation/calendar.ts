const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Whether year-month-day names a real day of the Gregorian calendar. Arithmetic only (no Date
 * objects): the import checks several dates per row, 50,000 rows at a time.
 */
export function isRealDay(y: number, m: number, d: number): boolean {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d) || m < 1 || m > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (m === 2 && leap ? 29 : DAYS_IN_MONTH[m - 1]);
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Text in the form YYYY-MM-DD naming a real day. */
export function isIsoDay(s: string): boolean {
  return s.length === 10 && ISO_DAY.test(s) && isRealDay(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)));
}

/** The same calendar day `years` later (28 February for 29 February in a common year); YYYY-MM-DD in and out. */
export function addYears(day: string, years: number): string {
  const y = Number(day.slice(0, 4)) + years;
  const md = day.slice(5);
  if (md === "02-29" && !((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return `${y}-02-28`;
  return `${y}${day.slice(4)}`;
}

/** The day `days` later (or earlier when negative); YYYY-MM-DD in and out. */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
