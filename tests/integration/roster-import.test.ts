import { and, count, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, rosterImportRows, rosterImports, rosterRecords } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { getRosterImportPreview } from "@/lib/roster/import-queries";
import { buildCertNo, certNoPrefix, certNoSql, isValidCertNo } from "@/lib/roster/numbering";
import { executeRows } from "@/db/raw";
import { buildRosterTemplate } from "@/lib/roster/template";
import { buildRosterWorkbook, fillRosterTemplate, residentId, validRow } from "../helpers/roster-workbook";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
// next-auth cannot load under vitest; the session is mocked below (real code, test user).
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const { commitRosterImportAction, cancelRosterImportAction } = await import("@/app/_roster/actions");

let t: TestDb;
let f: RosterFixture;

async function stagedRows(importId: string): Promise<number> {
  const [{ n }] = await t.db.select({ n: count() }).from(rosterImportRows).where(eq(rosterImportRows.importId, importId));
  return n;
}
beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(async () => {
  await t?.close();
});

/** Upload + background parse, as the route handler does, then the preview the page shows. */
async function upload(actor: SessionUser, committeeId: string, file: Buffer, fileName = "名册.xlsx") {
  const { importId, committee } = await createRosterImport(t.db, actor, { committeeId, fileName, file });
  await parseRosterImport(t.db, importId, file, committee);
  const preview = await getRosterImportPreview(t.db, actor, importId);
  return preview!;
}

async function recordCount(committeeId: string): Promise<number> {
  const [{ n }] = await t.db.select({ n: count() }).from(rosterRecords).where(eq(rosterRecords.committeeId, committeeId));
  return n;
}

describe("certificate numbers finished on the server", () => {
  it("are digit for digit what buildCertNo makes, check character included", async () => {
    const cases: [number, string, string, number][] = [];
    for (const [year, title, committee] of [[2020, "061", "001"], [2021, "060", "004"], [1998, "123", "950"]] as const) {
      for (const seq of [1, 2, 9, 10, 99, 100, 1234, 9999, 10_000, 54_321, 99_999]) cases.push([year, title, committee, seq]);
    }
    const rows = await executeRows<{ i: number; cert_no: string }>(
      t.db,
      sql`select t.i, ${certNoSql(sql.raw("t.p"), sql.raw("t.w"), sql.raw("t.s"))} as cert_no
        from json_to_recordset(${JSON.stringify(cases.map(([y, tc, cc, s], i) => ({ i, p: certNoPrefix(y, tc, cc).prefix, w: certNoPrefix(y, tc, cc).weightedSum, s })))}::json)
        as t(i int, p text, w int, s int) order by t.i`,
    );
    expect(rows.map((r) => r.cert_no)).toEqual(cases.map(([y, tc, cc, s]) => buildCertNo(y, tc, cc, s)));
  });
});

describe("roster import", () => {
  it("previews a valid workbook exactly, then commits every row as a draft with a checked certificate number", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => validRow(i));
    rows[5] = validRow(5, { passDate: new Date(Date.UTC(2021, 5, 30)), level: "正高级", qualificationName: "正高级工程师" });
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));

    expect(preview).toMatchObject({ status: "pending", rowsRead: 30, addCount: 30, existingCount: 0, rejectedCount: 0, headerRow: 1 });
    expect(preview.sampleRows[0].idNumber).toBe(residentId(0)); // the uploader's own rows, in full (docs/domain.md §4)
    expect(await recordCount(f.committee001)).toBe(0); // a preview changes nothing

    signInAs(f.province);
    const result = await commitRosterImportAction({ importId: preview.id });
    expect(result).toMatchObject({ ok: true, data: { added: 30, skipped: 0 } });

    const saved = await t.db.select().from(rosterRecords).where(eq(rosterRecords.committeeId, f.committee001));
    expect(saved).toHaveLength(30);
    expect(saved.every((r) => r.status === "draft" && r.source === "import" && r.version === 1)).toBe(true);
    expect(saved.every((r) => isValidCertNo(r.certNo))).toBe(true);
    const first = saved.find((r) => r.idNumber === residentId(0))!;
    // 52 + 2020 + 061 (高级工程师) + 001 + 00001 + check character
    expect(first.certNo.slice(0, 17)).toBe("52202006100100001");
    expect(first).toMatchObject({ gender: "female", birthDate: "1970-01-01", passYear: 2020, issuingAuthority: "贵州省人力资源和社会保障厅", issueDate: "2020-12-01" });
    const senior = saved.find((r) => r.idNumber === residentId(5))!;
    expect(senior.certNo.slice(0, 17)).toBe("52202106000100001"); // its own year's sequence
    expect(senior.passDate).toBe("2021-06-30");

    const [imp] = await t.db.select().from(rosterImports).where(eq(rosterImports.id, preview.id));
    expect(imp).toMatchObject({ status: "committed", addedCount: 30, decidedBy: f.province.id });
    expect(await stagedRows(preview.id)).toBe(0); // no second copy of the personal data stays behind
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "roster.import.commit"), eq(auditLog.targetId, preview.id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ outcome: "success", actorId: f.province.id, detail: { added: 30, skipped: 0 } });
  });

  it("names rows whose name or unit needs the fallback font (imported anyway), and refuses a character no certificate font has", async () => {
    const rows = [validRow(500), validRow(501, { name: "𠮷野家" }), validRow(502, { workUnit: "贵州𠮷野家餐饮有限公司" }), validRow(503, { name: "王𠮷" })];
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));
    expect(preview.glyphIssues).toEqual({
      warnings: ["第3、5行姓名中的“𠮷”不在证书字体中，将使用备用字体显示", "第4行工作单位中的“𠮷”不在证书字体中，将使用备用字体显示"],
      errors: [],
    });
    signInAs(f.province);
    expect(await commitRosterImportAction({ importId: preview.id })).toMatchObject({ ok: true, data: { added: 4 } });

    // U+2A6D6 (the last Extension B character) is in neither embedded font: it would print as a box.
    const bad = await upload(f.province, f.committee001, await buildRosterWorkbook([validRow(510), validRow(511, { name: "李\u{2A6D6}" })]));
    expect(bad.glyphIssues.errors).toEqual(["第3行姓名中的“\u{2A6D6}”证书字体均无法显示，打印时将是空白方框，请核对后改用规范字"]);
    const before = await recordCount(f.committee001);
    expect(await commitRosterImportAction({ importId: bad.id })).toEqual({
      ok: false,
      message: "第3行姓名中的“\u{2A6D6}”证书字体均无法显示，打印时将是空白方框，请核对后改用规范字。整个文件不会导入，请修正后重新上传",
    });
    expect(await recordCount(f.committee001)).toBe(before);
  });

  it("re-importing the same rows adds nothing, and a second commit of one preview is refused", async () => {
    const rows = Array.from({ length: 30 }, (_, i) => validRow(i));
    rows[5] = validRow(5, { passDate: new Date(Date.UTC(2021, 5, 30)), level: "正高级", qualificationName: "正高级工程师" });
    const before = await recordCount(f.committee001);
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));
    expect(preview).toMatchObject({ addCount: 0, existingCount: 30, rejectedCount: 0 });

    signInAs(f.province);
    expect(await commitRosterImportAction({ importId: preview.id })).toMatchObject({ ok: true, data: { added: 0 } });
    expect(await recordCount(f.committee001)).toBe(before);
    expect(await commitRosterImportAction({ importId: preview.id })).toEqual({ ok: false, message: "该文件已导入，不能重复导入" });
  });

  it("a workbook with one bad row in the middle commits nothing and reports its row, column and reason", async () => {
    const rows = Array.from({ length: 21 }, (_, i) => validRow(1000 + i));
    const bad = residentId(1010);
    rows[10] = validRow(1010, { idNumber: bad.slice(0, 17) + (bad[17] === "0" ? "1" : "0") });
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));

    expect(preview).toMatchObject({ addCount: 20, rejectedCount: 1 });
    expect(preview.sampleRejected).toEqual([
      expect.objectContaining({
        row: 12, // header is row 1, the 11th data row is row 12
        issues: [{ column: "证件号码（E列）", reason: expect.stringContaining("居民身份证号码校验位错误") }],
      }),
    ]);

    const before = await recordCount(f.committee001);
    signInAs(f.province);
    const r = await commitRosterImportAction({ importId: preview.id });
    expect(r).toEqual({ ok: false, message: "有1行未通过校验，整个文件不会导入。请下载错误报告，修正后重新上传" });
    expect(await recordCount(f.committee001)).toBe(before);
    const [imp] = await t.db.select({ status: rosterImports.status }).from(rosterImports).where(eq(rosterImports.id, preview.id));
    expect(imp.status).toBe("pending");

    expect(await cancelRosterImportAction({ importId: preview.id })).toMatchObject({ ok: true });
    const [cancelled] = await t.db.select().from(rosterImports).where(eq(rosterImports.id, preview.id));
    expect(cancelled).toMatchObject({ status: "cancelled" });
    expect(await stagedRows(preview.id)).toBe(0);
  });

  it("rejects a row whose key is already in the roster under another name, and says which name", async () => {
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook([validRow(0, { name: "另一个人" }), validRow(7000)]));
    expect(preview).toMatchObject({ addCount: 1, existingCount: 0, rejectedCount: 1 });
    expect(preview.sampleRejected[0]).toMatchObject({
      row: 2,
      issues: [{ column: "姓名", reason: expect.stringContaining("名册中已有该证件号码同一资格、同一年度的记录，但姓名为") }],
      values: { name: "另一个人", idNumber: residentId(0) },
    });
    expect(await stagedRows(preview.id)).toBe(1); // the conflicting row is no longer staged
  });

  it("rejects ID numbers that Excel stored as numbers, telling the user to format the column as text", async () => {
    const rows = [validRow(2000), validRow(2001, { idNumber: Number(residentId(2001)) }), validRow(2002, { idNumber: "5.20102E+17" })];
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows, { idAsText: false }));
    expect(preview.rejectedCount).toBe(2);
    for (const r of preview.sampleRejected) {
      expect(r.issues).toEqual([{ column: "证件号码（E列）", reason: expect.stringContaining("请将证件号码列设置为文本格式") }]);
    }
    expect(preview.sampleRejected.map((r) => r.row)).toEqual([3, 4]);
  });

  it("finds the header below a merged title row, with columns in another order", async () => {
    const columns = ["idNumber", "name", "idType", "passDate", "series", "level", "qualificationName", "specialty", "workUnit", "obtainMethod", "approvalNo"] as const;
    const file = await buildRosterWorkbook([validRow(3000), validRow(3001)], { titleRow: "贵州省工程技术高级职称评审委员会2020年评审通过人员名册", columns: [...columns] });
    const preview = await upload(f.province, f.committee001, file);
    expect(preview).toMatchObject({ status: "pending", headerRow: 3, addCount: 2, rejectedCount: 0 });
  });

  it("reads dates typed as text in every accepted form, as date cells and as serial numbers", async () => {
    const forms: (string | number | Date)[] = ["2020-12-01", "2020/12/1", "2020.12.01", "2020年12月1日", "20201201", new Date(Date.UTC(2020, 11, 1)), 44166];
    const rows = forms.map((d, i) => validRow(4000 + i, { passDate: d }));
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));
    expect(preview).toMatchObject({ addCount: forms.length, rejectedCount: 0 });
    expect(new Set(preview.sampleRows.map((r) => r.passDate))).toEqual(new Set(["2020-12-01"]));

    const bad = await upload(f.province, f.committee001, await buildRosterWorkbook([validRow(4100, { passDate: "2020-02-30" }), validRow(4101, { passDate: "去年" })]));
    expect(bad.sampleRejected.map((r) => r.issues[0])).toEqual([
      { column: "评审通过时间（M列）", reason: expect.stringContaining("“2020-02-30”无法识别") },
      { column: "评审通过时间（M列）", reason: expect.stringContaining("“去年”无法识别") },
    ]);
  });

  it("rejects duplicates inside the file, rows outside the committee's series or level, and missing required cells", async () => {
    const rows = [
      validRow(5000),
      validRow(5000), // same person, qualification and year
      validRow(5001, { series: "卫生", qualificationName: "副主任医师" }),
      validRow(5002, { level: "中级", qualificationName: "工程师" }),
      validRow(5003, { workUnit: null, obtainMethod: "推荐" }),
      validRow(5004, { idType: "护照", idNumber: "E1234567" }), // passport without sex, birth date, nationality
    ];
    const preview = await upload(f.province, f.committee001, await buildRosterWorkbook(rows));
    expect(preview).toMatchObject({ addCount: 1, rejectedCount: 5 });
    const byRow = Object.fromEntries(preview.sampleRejected.map((r) => [r.row, r.issues]));
    expect(byRow[3]).toEqual([{ column: "证件号码（E列）", reason: "与第2行重复（证件号码、资格名称与取得年度相同）" }]);
    expect(byRow[4]).toEqual([{ column: "系列（H列）", reason: "本评委会只评审工程技术系列，不能录入卫生系列" }]);
    expect(byRow[5]).toEqual([{ column: "级别（K列）", reason: "本评委会的评审级别为副高级至正高级，不能录入中级" }]);
    expect(byRow[6]).toEqual(
      expect.arrayContaining([
        { column: "取得方式（L列）", reason: "取得方式“推荐”无效，只能是：评审、考试、认定" },
        { column: "工作单位（G列）", reason: "请填写工作单位" },
      ]),
    );
    expect(byRow[7].map((i) => i.column)).toEqual(expect.arrayContaining(["性别（B列）", "出生日期（C列）", "国籍（F列）"]));
  });

  it("skips the template's example rows: the downloaded template imports nothing", async () => {
    const committee = await assertCommitteeOwner(t.db, f.province, f.committee001);
    const template = await buildRosterTemplate(committee);
    const preview = await upload(f.province, f.committee001, template, "证书补录名册模板-001.xlsx");
    expect(preview).toMatchObject({ status: "failed", message: "第1行表头下方没有数据（已忽略2行示例），请填写名册后再上传" });

    // Filled in below the examples, the same template imports only the real rows.
    const file = await fillRosterTemplate(template, [validRow(6000, { passDate: "2020年12月1日" })], { keepExamples: true });
    const filled = await upload(f.province, f.committee001, file);
    expect(filled).toMatchObject({ status: "pending", exampleCount: 2, addCount: 1, rejectedCount: 0 });
  });
});
