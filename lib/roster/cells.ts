import { ID_TYPES, type IdType } from "@/lib/validation/id-number";
import { visibleText } from "@/lib/validation/text";
import { GENDER_LABELS, ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS, type Gender, type ObtainMethod, type TitleLevel } from "./constants";
import { dateToIso, excelSerialToIso, parseDateText } from "./dates";

/** A cell reduced to a plain value (./xlsx-reader.ts): formulas give their cached result, rich text its text. */
export type Scalar = string | number | boolean | Date | null;

/** What a person sees in the cell, for text fields (the schema's text rule then checks it). */
export function scalarText(v: Scalar): string {
  if (v === null) return "";
  if (typeof v === "string") return v.trim();
  if (typeof v === "number") return Number.isInteger(v) && Math.abs(v) < 1e21 ? v.toFixed(0) : String(v);
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return dateToIso(v) ?? "";
}

/**
 * The cell as the error report shows it and stores it: refused characters (NUL, controls, bidi
 * overrides …) written as their code point, e.g. 「张<U+0000>三」 (docs/domain.md §10).
 */
export function cellReportText(v: Scalar): string {
  return visibleText(scalarText(v));
}

export type Converted<T> = { value: T } | { error: string };

/** Strings shaped like a number Excel has shortened: 5.20102E+17. */
const SCIENTIFIC = /^\d+(\.\d+)?E\+?\d+$/i;
export const ID_AS_NUMBER_MESSAGE =
  "证件号码被Excel存成了数字，后几位可能已丢失。请将证件号码列设置为文本格式（或在号码前加英文单引号 '）后重新填写";

export function convertIdNumber(v: Scalar): Converted<string> {
  if (typeof v === "number") return { error: ID_AS_NUMBER_MESSAGE };
  const s = scalarText(v);
  if (SCIENTIFIC.test(s)) return { error: ID_AS_NUMBER_MESSAGE };
  return { value: s[0] === "'" ? s.slice(1) : s };
}

/** `date1904`: the workbook counts serials in the 1904 date system (./xlsx-reader.ts reports it). */
export function convertDate(v: Scalar, label: string, date1904 = false): Converted<string> {
  if (v === null || v === "") return { value: "" };
  let out: string | null = null;
  if (v instanceof Date) out = dateToIso(v);
  else if (typeof v === "number") {
    // 20201201 typed as a number, or a date serial in a cell without a date format.
    out = Number.isInteger(v) && v >= 19000101 && v <= 21001231 ? parseDateText(String(v)) : excelSerialToIso(v, date1904);
  } else if (typeof v === "string") out = parseDateText(v);
  if (!out) return { error: `${label}“${cellReportText(v)}”无法识别，请填写如 2020-12-01、2020/12/1、2020.12.01 或 2020年12月1日 的日期` };
  return { value: out };
}

function lookup<T extends string>(labels: Record<T, string>, extra: Record<string, T>): Map<string, T> {
  const m = new Map<string, T>();
  for (const [code, label] of Object.entries(labels) as [T, string][]) m.set(label, code);
  for (const [alias, code] of Object.entries(extra)) m.set(alias, code);
  return m;
}

const ID_TYPE_BY_LABEL = lookup<IdType>(ID_TYPE_LABELS, {
  身份证: "resident",
  二代身份证: "resident",
  港澳居民居住证: "hmt_permit",
  台湾居民居住证: "hmt_permit",
  外国人永久居留证: "foreign_permanent",
});
const GENDER_BY_LABEL = lookup<Gender>(GENDER_LABELS, { 男性: "male", 女性: "female" });
const LEVEL_BY_LABEL = lookup<TitleLevel>(TITLE_LEVEL_LABELS, { 正高: "senior_full", 副高: "senior_deputy", 助理: "assistant", 员: "junior" });
const METHOD_BY_LABEL = lookup<ObtainMethod>(OBTAIN_METHOD_LABELS, {});

function convertEnum<T extends string>(v: Scalar, map: Map<string, T>, label: string, options: string, required: boolean): Converted<T | ""> {
  // Fast path: the label exactly as the template's dropdown writes it.
  const exact = typeof v === "string" ? map.get(v) : undefined;
  if (exact) return { value: exact };
  const s = scalarText(v).replace(/\s+/g, "");
  if (!s) return required ? { error: `请填写${label}` } : { value: "" };
  const code = map.get(s);
  return code ? { value: code } : { error: `${label}“${visibleText(s)}”无效，只能是：${options}` };
}

const ID_TYPE_OPTIONS = ID_TYPES.map((t) => ID_TYPE_LABELS[t]).join("、");
const LEVEL_OPTIONS = Object.values(TITLE_LEVEL_LABELS).join("、");
const METHOD_OPTIONS = Object.values(OBTAIN_METHOD_LABELS).join("、");

export const convertIdType = (v: Scalar) => convertEnum(v, ID_TYPE_BY_LABEL, "证件类型", ID_TYPE_OPTIONS, true);
export const convertGender = (v: Scalar) => convertEnum(v, GENDER_BY_LABEL, "性别", "男、女", false);
export const convertLevel = (v: Scalar) => convertEnum(v, LEVEL_BY_LABEL, "级别", LEVEL_OPTIONS, true);
export const convertObtainMethod = (v: Scalar) => convertEnum(v, METHOD_BY_LABEL, "取得方式", METHOD_OPTIONS, true);
