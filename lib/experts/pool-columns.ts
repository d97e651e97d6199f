/** The expert-pool workbook's columns (template and import), in template order. */
export const POOL_COLUMNS = [
  { key: "name", header: "姓名", width: 12, note: "与证件一致" },
  { key: "idType", header: "证件类型", width: 18, note: "从下拉列表选择" },
  { key: "idNumber", header: "证件号码", width: 22, note: "文本格式，18位居民身份证号码含校验位" },
  { key: "phone", header: "手机号码", width: 14, note: "11位中国大陆手机号码" },
  { key: "series", header: "系列", width: 14, note: "从下拉列表选择" },
  { key: "specialty", header: "专业", width: 16, note: "如：计算机科学与技术" },
  { key: "title", header: "资格名称", width: 14, note: "如：教授" },
  { key: "level", header: "级别", width: 10, note: "从下拉列表选择" },
  { key: "workUnit", header: "工作单位", width: 24, note: "单位全称" },
] as const;

export type PoolColumnKey = (typeof POOL_COLUMNS)[number]["key"];

export function poolColumnLetter(index1: number): string {
  let n = index1;
  let s = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A header cell as typed: spaces and the 「*」 of required columns ignored. */
export function poolKeyForHeader(text: string): PoolColumnKey | undefined {
  const h = text.replace(/[\s*＊]/g, "");
  return POOL_COLUMNS.find((c) => c.header === h)?.key;
}
