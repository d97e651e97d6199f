/** The expert-pool import row (docs/domain.md §13): the invite form's rules, cell by cell. */
import { describe, expect, it } from "vitest";
import { parsePoolRow } from "@/lib/experts/pool-import";
import { poolImportRowSchema } from "@/lib/experts/schemas";
import { idCheckChar } from "@/lib/validation/id-number";

const ID = "52010219800101001" + idCheckChar("52010219800101001");
const KEYS = ["name", "idType", "idNumber", "phone", "series", "specialty", "title", "level", "workUnit"] as const;
const header = { row: 1, columns: new Map(KEYS.map((k, i) => [k, i + 1])) };
const cells = (over: Partial<Record<(typeof KEYS)[number], string | number | null>> = {}) => ({
  name: "赵六",
  idType: "居民身份证",
  idNumber: ID.toLowerCase(),
  phone: 13912345678,
  series: "高校教师",
  specialty: "化学",
  title: "教授",
  level: "正高级",
  workUnit: "贵州大学",
  ...over,
});

describe("pool import row", () => {
  it("a complete row becomes an invitation with the ID normalised and the labels converted to codes", () => {
    expect(parsePoolRow(header, cells(), 2)).toEqual({
      row: { row: 2, name: "赵六", idType: "resident", idNumber: ID, phone: "13912345678", series: "高校教师", specialty: "化学", title: "教授", level: "senior_full", workUnit: "贵州大学" },
    });
  });

  it("a wrong check digit is reported on the 证件号码 column with the reason", () => {
    const bad = ID.slice(0, 17) + (ID.endsWith("1") ? "2" : "1");
    expect(parsePoolRow(header, cells({ idNumber: bad }), 5)).toEqual({
      issues: [{ row: 5, column: "证件号码（C列）", reason: expect.stringContaining("居民身份证号码校验位错误") }],
    });
  });

  it("an ID stored as a number, an unknown level and a series outside the table are each reported once, in their column", () => {
    const out = parsePoolRow(header, cells({ idNumber: 520102198001010000, level: "特级", series: "宇宙学" }), 7);
    expect(out).toEqual({
      issues: [
        { row: 7, column: "证件号码（C列）", reason: expect.stringContaining("证件号码被Excel存成了数字") },
        { row: 7, column: "级别（H列）", reason: expect.stringContaining("级别“特级”无效") },
        { row: 7, column: "系列（E列）", reason: "请选择系列" },
      ],
    });
  });

  it("text with control characters, formulas and a bad phone are refused by the shared text rule", () => {
    const r = poolImportRowSchema.safeParse({ ...cells(), idType: "resident", level: "senior_full", name: "赵\u202e六", workUnit: "=HYPERLINK()", phone: "12345" });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byField).toMatchObject({
      name: "姓名包含不可见或控制字符（U+202E），请删除后重新输入",
      workUnit: "工作单位不能以 = + - @ 开头",
      phone: "请填写11位中国大陆手机号码",
    });
  });
});
