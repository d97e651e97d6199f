import type { RosterRecord } from "@/db/schema";
import { GENDER_LABELS, ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS, type Gender } from "./constants";
import type { RosterRecordFieldsInput } from "./schemas";

export type FieldKey = keyof RosterRecordFieldsInput;

/**
 * The workbook columns, in template order. `aliases` are other header texts accepted on import
 * (headers are matched after removing spaces, `*` and anything in brackets).
 */
export const ROSTER_COLUMNS: { key: FieldKey; header: string; required: boolean; width: number; note: string; aliases?: string[] }[] = [
  { key: "name", header: "姓名", required: true, width: 12, note: "与证件一致", aliases: ["人员姓名"] },
  { key: "gender", header: "性别", required: false, width: 6, note: "男 / 女；居民身份证等18位证件可不填，由号码自动识别" },
  { key: "birthDate", header: "出生日期", required: false, width: 12, note: "如 1985-06-01；18位证件可不填" },
  { key: "idType", header: "证件类型", required: true, width: 20, note: "从下拉列表选择" },
  { key: "idNumber", header: "证件号码", required: true, width: 22, note: "本列为文本格式，请勿改为数字", aliases: ["身份证号码", "身份证号", "证件号"] },
  { key: "nationality", header: "国籍", required: false, width: 10, note: "持护照人员必填" },
  { key: "workUnit", header: "工作单位", required: true, width: 28, note: "单位全称", aliases: ["单位", "单位名称"] },
  { key: "series", header: "系列", required: true, width: 12, note: "从下拉列表选择，须为本评委会的评审系列", aliases: ["职称系列"] },
  { key: "specialty", header: "专业", required: true, width: 14, note: "如 建筑工程", aliases: ["评审专业"] },
  { key: "qualificationName", header: "资格名称", required: true, width: 14, note: "如 高级工程师", aliases: ["职称名称", "资格", "职称"] },
  { key: "level", header: "级别", required: true, width: 8, note: "从下拉列表选择", aliases: ["职称级别", "资格级别"] },
  { key: "obtainMethod", header: "取得方式", required: true, width: 10, note: "评审 / 考试 / 认定" },
  { key: "passDate", header: "评审通过时间", required: true, width: 14, note: "如 2020-12-01；决定证书年度", aliases: ["评审通过日期", "通过时间", "取得时间"] },
  { key: "approvalNo", header: "批准文号", required: true, width: 24, note: "如 黔人社厅发〔2020〕12号", aliases: ["文号"] },
  { key: "issuingAuthority", header: "发证机关", required: false, width: 24, note: "不填时为评委会组建单位" },
  { key: "issueDate", header: "发证日期", required: false, width: 12, note: "不填时同评审通过时间" },
];

export const COLUMN_BY_KEY = Object.fromEntries(ROSTER_COLUMNS.map((c) => [c.key, c])) as Record<FieldKey, (typeof ROSTER_COLUMNS)[number]>;

/**
 * What a record, a staged import row or a rejected conflict shows in a workbook's columns. A staged
 * row may still have a blank 发证机关 / 发证日期 (filled in by the commit), and neither has 国籍 always.
 */
export type RecordCellSource = Pick<
  RosterRecord,
  "name" | "gender" | "birthDate" | "idType" | "idNumber" | "workUnit" | "series" | "specialty" | "qualificationName" | "level" | "obtainMethod" | "passDate" | "approvalNo"
> & { nationality: string | null; issuingAuthority: string | null; issueDate: string | null };

/**
 * One record as the cells of ROSTER_COLUMNS: codes as their Chinese labels, blanks as "", exactly what
 * the import reads back (so an exported roster re-imports unchanged). Used by the export and by the
 * import's error report. The values are raw: whoever writes them into a workbook neutralises formulas
 * (lib/roster/xlsx.ts neutralizeFormula), as both workbooks of lib/roster/export.ts do.
 */
export function recordCells(r: RecordCellSource): Record<FieldKey, string> {
  return {
    name: r.name,
    gender: GENDER_LABELS[r.gender as Gender] ?? r.gender,
    birthDate: r.birthDate,
    idType: ID_TYPE_LABELS[r.idType],
    idNumber: r.idNumber,
    nationality: r.nationality ?? "",
    workUnit: r.workUnit,
    series: r.series,
    specialty: r.specialty,
    qualificationName: r.qualificationName,
    level: TITLE_LEVEL_LABELS[r.level],
    obtainMethod: OBTAIN_METHOD_LABELS[r.obtainMethod],
    passDate: r.passDate,
    approvalNo: r.approvalNo,
    issuingAuthority: r.issuingAuthority ?? "",
    issueDate: r.issueDate ?? "",
  };
}

/** Header text → field: "*证件号码（18位）" and "证件 号码" both match 证件号码. */
export function normalizeHeader(raw: string): string {
  return raw
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】/g, "")
    .replace(/[\s\u3000*:：]/g, "");
}

const HEADER_LOOKUP = new Map<string, FieldKey>();
for (const c of ROSTER_COLUMNS) {
  for (const h of [c.header, ...(c.aliases ?? [])]) HEADER_LOOKUP.set(normalizeHeader(h), c.key);
}

export function fieldForHeader(raw: string): FieldKey | undefined {
  return HEADER_LOOKUP.get(normalizeHeader(raw));
}

/** Excel column letters for a 1-based index: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
