/**
 * Dates as they arrive from spreadsheets (docs/domain.md §10): Date cells, serial numbers, or text such as
 * 2020-12-01, 2020/12/1, 2020.12.01, 2020年12月1日 and 20201201. Output is always YYYY-MM-DD.
 */
import { isIsoDay, isRealDay } from "@/lib/validation/calendar";

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
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

/** Excel's 1900 date system (serial 1 = 1900-01-01, with the Lotus leap-year quirk built into the epoch). */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return null;
  const dt = new Date(EXCEL_EPOCH_MS + Math.floor(serial + 1e-9) * DAY_MS);
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
