/** Identity documents (docs/domain.md §10): 居民身份证 (GB 11643-1999), 港澳台居民居住证, 外国人永久居留身份证, 护照. */
import { ID_TYPES, type IdType } from "@/db/schema/enums";
import { isRealDay } from "./calendar";

export { ID_TYPES, type IdType };

export const ID_TYPE_LABELS: Record<IdType, string> = {
  resident: "居民身份证",
  hmt_permit: "港澳台居民居住证",
  foreign_permanent: "外国人永久居留身份证",
  passport: "护照",
};

/** ISO 7064 MOD 11-2 as GB 11643 uses it (also for certificate numbers, lib/roster/numbering.ts). */
export const CHECK_WEIGHTS: readonly number[] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export const CHECK_CHARS = "10X98765432";
const WEIGHTS = CHECK_WEIGHTS;

/** Trim, drop inner spaces, full-width → half-width, lower-case x → X. */
const ALREADY_NORMAL = /^[0-9A-Z]*$/;

export function normalizeIdNumber(raw: string): string {
  if (ALREADY_NORMAL.test(raw)) return raw; // the common case, checked per import row
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, "")
    .toUpperCase();
}

export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

export type IdCheck =
  | { ok: true; normalized: string; birthDate?: string; gender?: "male" | "female" }
  | { ok: false; message: string };

/** A real calendar day, not in the future. */
function isRealPastDate(y: number, m: number, d: number, now = Date.now()): boolean {
  if (!isRealDay(y, m, d)) return false;
  // GB 11643-1999 itself uses a number born in 1880 (440524188001010014) as its example.
  return y >= 1800 && Date.UTC(y, m - 1, d) <= now;
}

function check18(normalized: string, label: string, prefixRule?: (s: string) => string | null): IdCheck {
  if (normalized.length !== 18) {
    return { ok: false, message: `${label}应为18位，当前为${normalized.length}位` };
  }
  if (!/^\d{17}[\dX]$/.test(normalized)) {
    return { ok: false, message: `${label}前17位必须是数字，最后一位是数字或X` };
  }
  const prefixError = prefixRule?.(normalized);
  if (prefixError) return { ok: false, message: prefixError };
  const y = Number(normalized.slice(6, 10));
  const m = Number(normalized.slice(10, 12));
  const d = Number(normalized.slice(12, 14));
  if (!isRealPastDate(y, m, d)) {
    return { ok: false, message: `${label}中的出生日期（第7–14位“${normalized.slice(6, 14)}”）不是有效日期` };
  }
  const expected = idCheckChar(normalized.slice(0, 17));
  if (normalized[17] !== expected) {
    return { ok: false, message: `${label}校验位错误：最后一位应为“${expected}”，请核对号码是否录入有误` };
  }
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  const gender = Number(normalized[16]) % 2 === 1 ? "male" : "female";
  return { ok: true, normalized, birthDate, gender };
}

export function validateIdDocument(type: IdType, raw: string): IdCheck {
  const normalized = normalizeIdNumber(raw ?? "");
  if (!normalized) return { ok: false, message: "请填写证件号码" };
  switch (type) {
    case "resident":
      return check18(normalized, "居民身份证号码", (s) =>
        /^8[123]0000/.test(s) ? "该号码是港澳台居民居住证号码，请将证件类型选为“港澳台居民居住证”" : s[0] === "0" || s[0] === "9" ? "居民身份证号码的地区码无效" : null,
      );
    case "hmt_permit":
      return check18(normalized, "港澳台居民居住证号码", (s) =>
        /^8[123]0000/.test(s) ? null : "港澳台居民居住证号码应以810000（香港）、820000（澳门）或830000（台湾）开头",
      );
    case "foreign_permanent":
      return check18(normalized, "外国人永久居留身份证号码", (s) =>
        s[0] === "9" ? null : "外国人永久居留身份证号码应以9开头（2023版）",
      );
    case "passport":
      if (!/^[A-Z0-9]{5,17}$/.test(normalized)) {
        return { ok: false, message: "护照号码应为5–17位字母或数字" };
      }
      return { ok: true, normalized };
  }
}

/** 5201**********123X style: first 4 and last 4 visible. */
export function maskIdNumber(idNumber: string | null | undefined): string {
  if (!idNumber) return "";
  if (idNumber.length <= 8) return idNumber.slice(0, 2) + "*".repeat(Math.max(idNumber.length - 2, 0));
  return idNumber.slice(0, 4) + "*".repeat(idNumber.length - 8) + idNumber.slice(-4);
}
