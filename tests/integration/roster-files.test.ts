import { count, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rosterImportRows, rosterImports, rosterRecords } from "@/db/schema";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { ROSTER_COLUMNS } from "@/lib/roster/columns";
import { exportRosterWorkbook } from "@/lib/roster/export";
import { parseRosterWorkbook } from "@/lib/roster/import-parse";
import { commitRosterImport, createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import type { RosterRecordData } from "@/lib/roster/schemas";
import { readCentralDirectory } from "@/lib/roster/zip-guard";
import { getRosterImportPreview } from "@/lib/roster/import-queries";
import { listRosterRecords } from "@/lib/roster/queries";
import { maskIdNumber } from "@/lib/validation/id-number";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { buildRosterWorkbook, personName, residentId, validRow } from "../helpers/roster-workbook";
import { buildForeignXlsx, buildZip } from "../helpers/zip";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));
// The upload route parses after responding; here "after" work is collected and awaited by the test.
const afterWork: Promise<unknown>[] = [];
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (fn: () => Promise<unknown>) => void afterWork.push(fn()),
}));

const uploadRoute = await import("@/app/api/roster/imports/route");
const progressRoute = await import("@/app/api/roster/imports/[importId]/route");

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

async function importCount(): Promise<number> {
  const [{ n }] = await t.db.select({ n: count() }).from(rosterImports);
  return n;
}

function uploadRequest(committeeId: string, body: BodyInit, headers: Record<string, string> = {}): Request {
  return new Request(`http://localhost:3000/api/roster/imports?committeeId=${committeeId}`, {
    method: "POST",
    body,
    headers: { "sec-fetch-site": "same-origin", "x-file-name": encodeURIComponent("名册.xlsx"), ...headers },
  });
}

describe("workbooks from other programs", () => {
  it("imports 1,000 rows written like WPS/LibreOffice (inline strings, dates as text and as date cells), then finds anyone by name or ID", async () => {
    const header = ROSTER_COLUMNS.map((c) => c.header);
    const rows: (string | number | { serial: number } | null)[][] = [["2020年度工程技术高级职称评审通过人员名单"], [], header];
    for (let i = 0; i < 1000; i++) {
      const r = validRow(10_000 + i);
      const passDate = i % 2 === 0 ? "2020年12月1日" : { serial: 44166 }; // 44166 = 2020-12-01
      rows.push(ROSTER_COLUMNS.map((c) => (c.key === "passDate" ? passDate : ((r[c.key] as string | undefined) ?? null))));
    }
    const file = buildForeignXlsx(rows);
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "wps名册.xlsx", file });
    await parseRosterImport(t.db, importId, file, committee);
    const preview = (await getRosterImportPreview(t.db, f.province, importId))!;
    expect(preview.sampleRejected).toEqual([]);
    expect(preview).toMatchObject({ status: "pending", headerRow: 3, rowsRead: 1000, addCount: 1000, existingCount: 0, rejectedCount: 0 });

    const result = await t.db.transaction((tx) => commitRosterImport(tx, f.province, importId));
    expect(result).toMatchObject({ added: 1000, skipped: 0 });

    const byName = await listRosterRecords(t.db, f.province, f.committee001, { q: personName(10_777) }, {});
    expect(byName.rows.map((r) => r.idNumberMasked)).toContain(maskIdNumber(residentId(10_777)));
    const byId = await listRosterRecords(t.db, f.province, f.committee001, { q: residentId(10_500) }, {});
    expect(byId.total).toBe(1);
    expect(byId.rows[0]).toMatchObject({ name: personName(10_500), passDate: "2020-12-01", status: "draft" });
    expect(byId.rows[0].idNumberMasked).toBe(maskIdNumber(residentId(10_500)));
    expect(JSON.stringify(byId.rows)).not.toContain(residentId(10_500)); // lists never carry the full number
  });
});

describe("an export imports back unchanged", () => {
  const FIELDS: (keyof RosterRecordData)[] = [
    "name", "gender", "birthDate", "idType", "idNumber", "nationality", "workUnit", "series", "specialty",
    "qualificationName", "level", "obtainMethod", "passDate", "passYear", "approvalNo", "issuingAuthority", "issueDate",
  ];
  const comparable = (rows: Partial<Record<keyof RosterRecordData, unknown>>[]) =>
    rows.map((r) => Object.fromEntries(FIELDS.map((k) => [k, r[k] ?? null]))).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

  it("reads the roster export (exceljs's streaming writer: every zip entry has a data descriptor) back as the stored rows; re-importing it adds nothing", async () => {
    // Rows of every shape: a passport holder (sex, birth date, nationality typed in), issue data, a date cell.
    const rows = [
      validRow(40_000),
      validRow(40_001, { idType: "护照", idNumber: "E40001001", gender: "男", birthDate: "1980-03-15", nationality: "英国" }),
      validRow(40_002, { issuingAuthority: "贵州省人力资源和社会保障厅", issueDate: new Date(Date.UTC(2020, 11, 20)), level: "正高级", qualificationName: "正高级工程师" }),
    ];
    const file = await buildRosterWorkbook(rows);
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "x.xlsx", file });
    await parseRosterImport(t.db, importId, file, committee);
    await t.db.transaction((tx) => commitRosterImport(tx, f.province, importId));

    const owned = await assertCommitteeOwner(t.db, f.province, f.committee001);
    const exported = Buffer.from(await new Response(exportRosterWorkbook(t.db, owned, {})).arrayBuffer());
    const entries = readCentralDirectory(exported, { maxZipEntries: 500, maxUncompressedBytes: 200 * 1024 * 1024 });
    if (typeof entries === "string") throw new Error(entries);
    expect(entries.some((e) => e.name.endsWith(".xml") && (exported.readUInt16LE(e.localOffset + 6) & 0x8) !== 0)).toBe(true);

    const stored = await t.db.select().from(rosterRecords).where(eq(rosterRecords.committeeId, f.committee001));
    expect(stored.length).toBeGreaterThan(rows.length);
    const outcome = await parseRosterWorkbook(exported, { committee: owned });
    expect(outcome).toMatchObject({ ok: true, headerRow: 1, rejected: [], validCount: stored.length });
    if (!outcome.ok) return;
    expect(comparable(outcome.rows)).toEqual(comparable(stored));

    // The same file through the upload path: every row is already there.
    const again = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "导出.xlsx", file: exported });
    await parseRosterImport(t.db, again.importId, exported, again.committee);
    const preview = (await getRosterImportPreview(t.db, f.province, again.importId))!;
    expect(preview).toMatchObject({ status: "pending", rowsRead: stored.length, addCount: 0, existingCount: stored.length, rejectedCount: 0 });
  });
});

describe("bad files give a clear message and change nothing", () => {
  const cases: [string, () => Buffer, string][] = [
    ["a CSV renamed to .xlsx", () => Buffer.from("姓名,证件号码\n张三,520102199003150014\n"), "文件不是有效的 Excel 工作簿（.xlsx）"],
    ["an old .xls (OLE) file", () => Buffer.concat([Buffer.from("d0cf11e0a1b11ae1", "hex"), Buffer.alloc(600)]), "这是旧版 .xls 文件或已加密的工作簿"],
    ["an empty file", () => Buffer.alloc(0), "上传的文件是空的"],
    [
      "a zip with 501 entries",
      () => buildZip(Array.from({ length: 501 }, (_, i) => ({ name: i === 0 ? "[Content_Types].xml" : i === 1 ? "xl/workbook.xml" : `xl/media/p${i}.xml`, data: "<x/>" }))),
      "工作簿内部文件数过多（501个，上限500个）",
    ],
    [
      "a zip declaring 300 MB uncompressed",
      () => buildForeignXlsx([["姓名"]], [{ name: "xl/media/big.bin", data: "x", declaredSize: 300 * 1024 * 1024 }]),
      "工作簿解压后超过200 MB",
    ],
    [
      "a zip bomb whose header understates its size",
      () => buildForeignXlsx([["姓名"]], [{ name: "xl/media/bomb.bin", data: Buffer.alloc(5 * 1024 * 1024), declaredSize: 1000 }]),
      "工作簿内部数据与其目录信息不符",
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`rejects ${what} before parsing`, async () => {
      const before = await importCount();
      await expect(createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "名册.xlsx", file: make() })).rejects.toThrow(message);
      expect(await importCount()).toBe(before);
    });
  }

  it("refuses a file over 10 MB at the upload route without reading it", async () => {
    signInAs(f.province);
    const big = new Uint8Array(10 * 1024 * 1024 + 1);
    const res = await uploadRoute.POST(uploadRequest(f.committee001, big));
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({ ok: false, message: "文件超过10 MB，请拆分后分批导入" });
  });

  it("refuses an upload posted from another site", async () => {
    signInAs(f.province);
    const file = await buildRosterWorkbook([validRow(20_000)]);
    const res = await uploadRoute.POST(uploadRequest(f.committee001, new Uint8Array(file), { "sec-fetch-site": "cross-site" }));
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toBe("请求来源无效，请在本平台页面中操作");
  });

  it("reports a header without required columns, a repeated column, and more rows than allowed, storing no rows", async () => {
    const missing = await buildRosterWorkbook([validRow(21_000)], { columns: ["name", "idType", "idNumber", "workUnit"] });
    const dupHeader = buildForeignXlsx([["姓名", "证件类型", "证件号码", "姓名"]]);
    for (const [file, message] of [
      [missing, "第1行的表头缺少必填列：系列、专业、资格名称、级别、取得方式、评审通过时间、批准文号。请使用系统提供的模板"],
      [dupHeader, "表头中“姓名”列出现了两次，请删除重复的列"],
    ] as const) {
      const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "x.xlsx", file });
      await parseRosterImport(t.db, importId, file, committee);
      const [imp] = await t.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
      expect(imp).toMatchObject({ status: "failed", message });
      expect(await stagedRows(importId)).toBe(0);
    }

    const { parseRosterWorkbook } = await import("@/lib/roster/import-parse");
    const eleven = await buildRosterWorkbook(Array.from({ length: 11 }, (_, i) => validRow(22_000 + i)));
    const outcome = await parseRosterWorkbook(eleven, {
      committee: { series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full" },
      maxDataRows: 10,
    });
    expect(outcome).toEqual({ ok: false, message: "数据超过10行，超出单次导入上限，请拆分为多个文件分批导入", rowsRead: 11 });
  });

  it("refuses merged cells over the data, naming the range, while a merged title above the header is fine", async () => {
    const wb = new ExcelJS.Workbook();
    const base = await buildRosterWorkbook([validRow(41_000), validRow(41_001), validRow(41_002)], { titleRow: "2020年度工程技术高级职称评审通过人员名单" });
    await wb.xlsx.load(new Uint8Array(base).buffer);
    wb.getWorksheet("名册")!.mergeCells("G4:G5"); // 工作单位 of rows 4 and 5 in one cell
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "x.xlsx", file });
    await parseRosterImport(t.db, importId, file, committee);
    const [imp] = await t.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
    expect(imp).toMatchObject({ status: "failed", message: "第4行：单元格 G4:G5 为合并单元格，请取消合并后重新导入" });
    expect(await stagedRows(importId)).toBe(0);
  });

  it("runs the whole upload through the route: 202, background parse, progress, preview", async () => {
    signInAs(f.province);
    const file = await buildRosterWorkbook(Array.from({ length: 5 }, (_, i) => validRow(23_000 + i)));
    const res = await uploadRoute.POST(uploadRequest(f.committee001, new Uint8Array(file)));
    expect(res.status).toBe(202);
    const { importId } = (await res.json()) as { importId: string };
    await Promise.all(afterWork);

    const progress = await progressRoute.GET(new Request(`http://localhost:3000/api/roster/imports/${importId}`), { params: Promise.resolve({ importId }) });
    expect(await progress.json()).toMatchObject({ ok: true, status: "pending", rowsRead: 5 });
    const [{ n }] = await t.db.select({ n: count() }).from(rosterRecords).where(eq(rosterRecords.importId, importId));
    expect(n).toBe(0);
  });
});
