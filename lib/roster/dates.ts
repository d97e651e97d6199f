/**
 * Dates as they arrive from spreadsheets (docs/domain.md §10): Date cells, serial numbers, or text such as
 * 2020-12-01, 2020/12/1, 2020.12.01, 2020年12月1日 and 20201201. Output is always YYYY-MM-DD.
 */
import { isIsoDay, isRealDay } from "@/lib/validation/calendar";

/**
 * Day 0 of Excel's two date systems. 1900 system: serial 1 = 1900-01-01, with the Lotus leap-year
 * quirk (a phantom 1900-02-29) built into the epoch, so serials from 61 on are right. 1904 system
 * (a workbook with <workbookPr date1904="1"/>, old Mac Excel): serial 0 = 1904-01-01, 1,462 days later.
 */
const EPOCH_1900_MS = Date.UTC(1899, 11, 30);
const EPOCH_1904_MS = Date.UTC(1904, 0, 1);
const DAY_MS = 86_400_000;

function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " ");
}

function iso(y: number, m: number, d: number): string | null {
  if (!isRealDay(y, m, d) || y < 1900 || y > 2100) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A text date in any of the accepted forms, or null. A trailing time (00:00:00) is ignored. */
export function parseDateText(raw: string): string | null {
  // Fast path: already YYYY-MM-DD (the template's text dates).
  if (isIsoDay(raw)) {
    const y = Number(raw.slice(0, 4));
    return y >= 1900 && y <= 2100 ? raw : null;
  }
  const s = toHalfWidth(raw).trim().replace(/\s+\d{1,2}:\d{2}(:\d{2})?$/, "");
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return iso(Number(m[1]), Number(m[2]), Number(m[3]));
  return null;
}

/** A date serial (days, with the time as a fraction) as a UTC Date, in the workbook's date system. */
export function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date((date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + Math.round(serial * DAY_MS));
}

/** The day of a date serial, in the 1900 date system unless the workbook uses the 1904 one. */
export function excelSerialToIso(serial: number, date1904 = false): string | null {
  if (!Number.isFinite(serial) || serial < (date1904 ? 0 : 1) || serial >= 2_958_466) return null;
  const dt = new Date((date1904 ? EPOCH_1904_MS : EPOCH_1900_MS) + Math.floor(serial + 1e-9) * DAY_MS);
  return iso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function dateToIso(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return null;
  // exceljs builds dates in UTC from the serial; a time part never moves the day.
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

let todayCache = { until: 0, value: "" };

/** Today in China (UTC+8), as YYYY-MM-DD: the platform's business day (cached for a minute: imports ask per row). */
export function todayInChina(now?: Date): string {
  const ms = (now ?? new Date()).getTime();
  if (!now && ms < todayCache.until) return todayCache.value;
  const value = new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
  if (!now) todayCache = { until: ms + 60_000, value };
  return value;
}
