import { describe, expect, it } from "vitest";
import { fieldForHeader, normalizeHeader } from "@/lib/roster/columns";
import { convertDate, convertIdNumber } from "@/lib/roster/cells";
import { excelSerialToDate, excelSerialToIso, parseDateText } from "@/lib/roster/dates";
import { buildCertNo, isValidCertNo } from "@/lib/roster/numbering";
import { createRosterRowParser, rosterRecordSchema } from "@/lib/roster/schemas";
import { titleCodeOf } from "@/lib/roster/title-codes";
import { neutralizeFormula } from "@/lib/roster/xlsx";
import { checkXlsxZip } from "@/lib/roster/zip-guard";
import { buildForeignXlsx } from "../helpers/zip";

describe("certificate numbers (docs/domain.md §6)", () => {
  it("are 52 + year + title code + committee code + 5-digit sequence + an ISO 7064 MOD 11-2 check character", () => {
    const no = buildCertNo(2020, "061", "001", 1);
    expect(no).toHaveLength(18);
    expect(no.slice(0, 17)).toBe("52202006100100001");
    expect(isValidCertNo(no)).toBe(true);
    const wrong = no.slice(0, 17) + (no[17] === "0" ? "1" : "0");
    expect(isValidCertNo(wrong)).toBe(false);
  });

  it("refuse sequences beyond 99999", () => {
    expect(() => buildCertNo(2020, "061", "001", 100_000)).toThrow();
  });

  it("use the GB/T 8561-style code of the series and level, and none for a level the series lacks", () => {
    expect(titleCodeOf("工程技术", "senior_deputy")).toBe("061");
    expect(titleCodeOf("卫生", "senior_full")).toBe("231");
    expect(titleCodeOf("高校教师", "senior_deputy")).toBe("012");
    expect(titleCodeOf("高校教师", "junior")).toBeNull();
  });
});

describe("dates from spreadsheets (docs/domain.md §10)", () => {
  it.each(["2020-12-01", "2020/12/1", "2020.12.01", "2020年12月1日", "20201201", "２０２０－１２－０１", "2020-12-01 00:00:00"])("reads %s", (s) => {
    expect(parseDateText(s)).toBe("2020-12-01");
  });
  it("rejects impossible dates and free text", () => {
    expect(parseDateText("2020-02-30")).toBeNull();
    expect(parseDateText("2020-12")).toBeNull();
    expect(parseDateText("去年")).toBeNull();
  });
  it("reads serial numbers in the 1900 date system, and 8-digit numbers as YYYYMMDD", () => {
    expect(excelSerialToIso(44166)).toBe("2020-12-01");
    expect(excelSerialToIso(61)).toBe("1900-03-01");
    expect(convertDate(20201201, "评审通过时间")).toEqual({ value: "2020-12-01" });
    expect(convertDate(new Date(Date.UTC(2020, 11, 1, 23, 59)), "评审通过时间")).toEqual({ value: "2020-12-01" });
  });
  it("reads serial numbers in the 1904 date system when the workbook uses it (1,462 days apart)", () => {
    expect(excelSerialToIso(42704, true)).toBe("2020-12-01");
    expect(excelSerialToIso(0, true)).toBe("1904-01-01");
    expect(excelSerialToIso(42704)).toBe("2016-11-30");
    expect(convertDate(42704, "评审通过时间", true)).toEqual({ value: "2020-12-01" });
    expect(convertDate(20201201, "评审通过时间", true)).toEqual({ value: "2020-12-01" });
    expect(excelSerialToDate(42704.5, true)).toEqual(new Date(Date.UTC(2020, 11, 1, 12)));
  });
});

describe("ID numbers from spreadsheets", () => {
  it("rejects IDs Excel stored as numbers or shortened to scientific notation, naming the fix", () => {
    for (const v of [520102199003150000, "5.20102E+17"]) {
      expect(convertIdNumber(v)).toEqual({ error: expect.stringContaining("请将证件号码列设置为文本格式") });
    }
    expect(convertIdNumber("'520102199003150014")).toEqual({ value: "520102199003150014" });
  });
});

describe("the record schema", () => {
  const base = {
    name: "张三", gender: "", birthDate: "", idType: "resident", idNumber: "52010219900315001４", nationality: "",
    workUnit: "贵州大学", series: "工程技术", specialty: "建筑工程", qualificationName: "高级工程师", level: "senior_deputy",
    obtainMethod: "review", passDate: "2020-12-01", approvalNo: "黔人社厅发〔2020〕12号", issuingAuthority: "", issueDate: "",
  } as const;

  it("normalises the ID and derives sex and birth date from it", () => {
    expect(rosterRecordSchema.parse(base)).toMatchObject({ idNumber: "520102199003150014", gender: "male", birthDate: "1990-03-15", passYear: 2020, nationality: "中国" });
  });
  it("reports a sex or birth date that contradicts the ID, under the right field", () => {
    const r = rosterRecordSchema.safeParse({ ...base, gender: "female", birthDate: "1990-03-16" });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path[0], i.message]));
    expect(byPath.gender).toBe("性别与证件号码不一致（证件号码第17位表示男）");
    expect(byPath.birthDate).toBe("出生日期与证件号码不一致（证件号码中为1990-03-15）");
  });
  it("refuses text that starts like a formula", () => {
    const r = rosterRecordSchema.safeParse({ ...base, workUnit: "=HYPERLINK(\"http://x\")" });
    expect(r.error?.issues[0]).toMatchObject({ path: ["workUnit"], message: "工作单位不能以 = + - @ 开头" });
  });
  it("gives the import's cached row parser exactly the schema's results, row after row", () => {
    const parseRow = createRosterRowParser();
    const rows = [
      base,
      { ...base, name: "李四" },
      { ...base, gender: "female", birthDate: "1990-03-16" }, // cross-field issues after cached fields
      { ...base, workUnit: "=1+1" }, // a field issue
      { ...base, passDate: "2020-02-30" },
      { ...base, series: "不存在的系列" },
      { ...base, idType: "passport", idNumber: "E12345678" }, // passport needs sex, birth date, nationality
      { ...base, idType: "passport", idNumber: "E12345678", gender: "female", birthDate: "1985-01-02", nationality: "法国" },
      base, // the same values again, from the cache
    ];
    for (const row of rows) {
      const expected = rosterRecordSchema.safeParse(row);
      const actual = parseRow(row as Parameters<typeof parseRow>[0]);
      expect(actual.success).toBe(expected.success);
      if (expected.success) expect(actual.data).toEqual(expected.data);
      else expect(actual.error!.issues.map((i) => [i.path, i.message])).toEqual(expected.error.issues.map((i) => [i.path, i.message]));
    }
  });
});

describe("workbook headers", () => {
  it("match after removing spaces, asterisks and bracketed notes, and accept common aliases", () => {
    expect(normalizeHeader(" *证件 号码（18位） ")).toBe("证件号码");
    expect(fieldForHeader("*证件号码(必填)")).toBe("idNumber");
    expect(fieldForHeader("身份证号码")).toBe("idNumber");
    expect(fieldForHeader("评审通过日期")).toBe("passDate");
    expect(fieldForHeader("备注")).toBeUndefined();
  });
});

describe("export cells", () => {
  it.each([["=1+1", "'=1+1"], ["+86", "'+86"], ["-5", "'-5"], ["@SUM(A1)", "'@SUM(A1)"], ["\tx", "'\tx"], ["张三", "张三"]])("neutralise %j", (input, out) => {
    expect(neutralizeFormula(input)).toBe(out);
  });
});

describe("zip guard", () => {
  it("accepts a small well-formed workbook and counts its entries and real size", async () => {
    const r = await checkXlsxZip(buildForeignXlsx([["姓名"], ["张三"]]));
    expect(r).toMatchObject({ ok: true, entries: 6 });
  });
  it("applies the uncompressed-size limit to the inflated bytes, not only to the headers", async () => {
    const file = buildForeignXlsx([["姓名"]], [{ name: "xl/media/a.bin", data: Buffer.alloc(2 * 1024 * 1024) }]);
    expect(await checkXlsxZip(file, { maxZipEntries: 100, maxUncompressedBytes: 1024 * 1024 })).toEqual({ ok: false, message: expect.stringContaining("工作簿解压后超过1 MB") });
  });
});
