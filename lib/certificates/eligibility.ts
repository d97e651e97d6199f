import { PHOTO_FIRST_YEAR } from "@/lib/roster/photo-rule";

/**
 * docs/domain.md §7: certificates whose 评审通过时间 is in 2020 or later download as PDF; earlier ones are
 * view-only. The route handler checks this itself — never trust a hidden download button.
 */
export const E_CERTIFICATE_FIRST_YEAR = PHOTO_FIRST_YEAR;

/** `passDate` as drizzle returns a `date` column ("2020-12-18") or a year-month ("2020-12"). */
export function isPdfDownloadable(passDate: string): boolean {
  const year = Number(/^(\d{4})/.exec(passDate.trim())?.[1]);
  return Number.isInteger(year) && year >= E_CERTIFICATE_FIRST_YEAR;
}
