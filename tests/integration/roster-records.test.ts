import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, rosterRecordEvents, rosterRecords } from "@/db/schema";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { getRosterImportPreview } from "@/lib/roster/import-queries";
import { listRosterRecords } from "@/lib/roster/queries";
import { isValidCertNo } from "@/lib/roster/numbering";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => {
  const getCurrentUser = vi.fn();
  return {
    ...(await importOriginal<typeof import("@/lib/auth/session")>()),
    getCurrentUser,
    // Pages call requireRolePage, whose own getCurrentUser call the mock above cannot reach.
    requireRolePage: vi.fn(async (): Promise<unknown> => getCurrentUser()),
    currentRequestIp: vi.fn(async () => "127.0.0.1"),
  };
});

const actions = await import("@/app/_roster/actions");
const exportRoute = await import("@/app/api/roster/export/route");

let t: TestDb;
let f: RosterFixture;
beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
  signInAs(f.province);
});
afterAll(async () => {
  await t?.close();
});

const form = (n: number, overrides: Record<string, string> = {}) => ({
  committeeId: f.committee001,
  name: `测试${"甲乙丙丁戊己庚辛壬癸"[n % 10]}`,
  gender: "",
  birthDate: "",
  idType: "resident",
  idNumber: residentId(n),
  nationality: "",
  workUnit: "贵州省建筑设计研究院有限责任公司",
  series: "工程技术",
  specialty: "建筑工程",
  qualificationName: "高级工程师",
  level: "senior_deputy",
  obtainMethod: "review",
  passDate: "2020-12-01",
  approvalNo: "黔人社厅发〔2020〕12号",
  issuingAuthority: "",
  issueDate: "",
  ...overrides,
});

async function record(id: string) {
  const [r] = await t.db.select().from(rosterRecords).where(eq(rosterRecords.id, id));
  return r;
}

describe("manual entry", () => {
  it("saves a draft with a certificate number and reports invalid fields under their names", async () => {
    const ok = await actions.createRosterRecordAction(form(100));
    expect(ok).toMatchObject({ ok: true, data: { certNo: expect.stringMatching(/^52202006100100001[\dX]$/) } });
    const saved = await record(ok.ok ? ok.data.id : "");
    expect(saved).toMatchObject({ status: "draft", version: 1, source: "manual", createdBy: f.province.id, gender: "female", birthDate: "1970-01-01" });
    expect(isValidCertNo(saved.certNo)).toBe(true);

    const badId = await actions.createRosterRecordAction(form(101, { idNumber: "52010219700101001" }));
    expect(badId).toEqual({ ok: false, message: "提交的内容有误，请按提示修改", fieldErrors: { idNumber: "居民身份证号码应为18位，当前为17位" } });

    const wrongSeries = await actions.createRosterRecordAction(form(102, { series: "卫生", qualificationName: "副主任医师" }));
    expect(wrongSeries).toMatchObject({ ok: false, fieldErrors: { series: "本评委会只评审工程技术系列，不能录入卫生系列" } });

    const duplicate = await actions.createRosterRecordAction(form(100));
    expect(duplicate).toMatchObject({ ok: false, fieldErrors: { idNumber: expect.stringContaining("名册中已有该人员2020年取得的“高级工程师”记录") } });
  });

  it("opening a draft in the form (which shows the full ID number) writes a success audit row", async () => {
    const { RosterRecordPage } = await import("@/app/_roster/record-pages");
    const created = await actions.createRosterRecordAction(form(105));
    const id = created.ok ? created.data.id : "";
    await RosterRecordPage({ area: "hrss", committeeId: f.committee001, recordId: id });
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "roster.record.view_id_number"), eq(auditLog.targetId, id)));
    expect(rows).toEqual([expect.objectContaining({ outcome: "success", actorId: f.province.id, targetType: "roster_record", ip: "127.0.0.1" })]);
  });

  it("saves a name the fallback font prints with a warning naming the character, and refuses one no certificate font has", async () => {
    const ok = await actions.createRosterRecordAction(form(106, { name: "𠮷野家" }));
    expect(ok).toMatchObject({ ok: true, message: expect.stringMatching(/^已保存为草稿，证书编号 \d{17}[\dX]。注意：姓名中的“𠮷”不在证书字体中，将使用备用字体显示$/) });
    expect(ok.ok && ok.data.glyphWarnings).toEqual(["姓名中的“𠮷”不在证书字体中，将使用备用字体显示"]);

    const bad = await actions.createRosterRecordAction(form(107, { workUnit: "贵州\u{2A6D6}公司" }));
    const msg = "工作单位中的“\u{2A6D6}”证书字体均无法显示，打印时将是空白方框，请核对后改用规范字";
    expect(bad).toEqual({ ok: false, message: msg, fieldErrors: { workUnit: msg } });
  });

  it("edits a draft only at the version it was loaded with, renumbering when the year changes", async () => {
    const created = await actions.createRosterRecordAction(form(110));
    if (!created.ok) throw new Error(created.message);
    const { id, certNo } = created.data;

    const renamed = await actions.updateRosterRecordAction({ ...form(110, { name: "测试改名" }), id, version: 1 });
    expect(renamed).toMatchObject({ ok: true, data: { certNo, version: 2 } }); // same year and title: same number

    const stale = await actions.updateRosterRecordAction({ ...form(110, { name: "另一个名字" }), id, version: 1 });
    expect(stale).toEqual({ ok: false, message: "该记录已被他人修改，请刷新后重试" });
    expect((await record(id)).name).toBe("测试改名");

    const moved = await actions.updateRosterRecordAction({ ...form(110, { passDate: "2021-03-01" }), id, version: 2 });
    expect(moved).toMatchObject({ ok: true, data: { version: 3, certNo: expect.stringMatching(/^52202106100100001/) } });
  });

  it("deletes drafts all-or-nothing at the versions the user saw", async () => {
    const a = await actions.createRosterRecordAction(form(120));
    const b = await actions.createRosterRecordAction(form(121));
    if (!a.ok || !b.ok) throw new Error("setup");
    const refused = await actions.deleteRosterRecordsAction({ committeeId: f.committee001, records: [{ id: a.data.id, version: 1 }, { id: b.data.id, version: 7 }] });
    expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("未删除任何记录") });
    expect(await record(a.data.id)).toBeDefined();
    const done = await actions.deleteRosterRecordsAction({ committeeId: f.committee001, records: [{ id: a.data.id, version: 1 }, { id: b.data.id, version: 1 }] });
    expect(done).toMatchObject({ ok: true, data: { deleted: 2 } });
    expect(await record(a.data.id)).toBeUndefined();
  });
});

describe("publishing", () => {
  it("moves exactly the confirmed number of drafts to 待上传照片, logging each transition; a changed count moves nothing", async () => {
    const list = await listRosterRecords(t.db, f.province, f.committee001, { status: "draft" }, {}, 100);
    const drafts = list.counts.draft ?? 0;
    expect(drafts).toBeGreaterThan(0);

    const wrong = await actions.publishRosterRecordsAction({ committeeId: f.committee001, expectedCount: drafts + 1 });
    expect(wrong).toMatchObject({ ok: false, message: expect.stringContaining(`确认时为${drafts + 1}条，现在符合条件的有${drafts}条`) });
    expect((await listRosterRecords(t.db, f.province, f.committee001, {}, {})).counts.draft).toBe(drafts);

    const ok = await actions.publishRosterRecordsAction({ committeeId: f.committee001, expectedCount: drafts });
    expect(ok).toMatchObject({ ok: true, data: { published: drafts } });
    const after = await listRosterRecords(t.db, f.province, f.committee001, {}, {});
    expect(after.counts).toEqual({ awaiting_photo: drafts });

    const events = await t.db.select().from(rosterRecordEvents);
    expect(events).toHaveLength(drafts);
    expect(events.every((e) => e.fromStatus === "draft" && e.toStatus === "awaiting_photo" && e.actorId === f.province.id)).toBe(true);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "roster.record.publish"), eq(auditLog.outcome, "success")));
    expect(audit.detail).toMatchObject({ published: drafts });

    // Published records are no longer drafts: they cannot be edited or deleted here.
    const one = after.rows[0];
    const edit = await actions.updateRosterRecordAction({ ...form(0), id: one.id, version: one.version });
    expect(edit).toEqual({ ok: false, message: "只有草稿状态的记录可以修改" });
  });
});

const TENS = "甲乙丙丁戊己庚辛壬癸";
const listName = (i: number) => `名单${TENS[Math.floor(i / 10)]}${TENS[i % 10]}`;

describe("list and export", () => {
  beforeAll(async () => {
    for (let i = 0; i < 25; i++) {
      const r = await actions.createRosterRecordAction(form(200 + i, { name: i === 7 ? "欧阳娜娜" : listName(i), passDate: i < 5 ? "2021-06-30" : "2020-12-01" }));
      if (!r.ok) throw new Error(r.message);
    }
  });

  it("searches by name, ID number or certificate number, filters by status and year, and pages in a stable order", async () => {
    const byName = await listRosterRecords(t.db, f.province, f.committee001, { q: "欧阳" }, {});
    expect(byName.rows.map((r) => r.name)).toEqual(["欧阳娜娜"]);
    const byId = await listRosterRecords(t.db, f.province, f.committee001, { q: residentId(207) }, {});
    expect(byId.rows.map((r) => r.name)).toEqual(["欧阳娜娜"]);
    expect(byId.rows[0].idNumberMasked).toMatch(/^5201\*+\d{3}[\dX]$/);
    const byCert = await listRosterRecords(t.db, f.province, f.committee001, { q: byId.rows[0].certNo }, {});
    expect(byCert.total).toBe(1);

    const y2021 = await listRosterRecords(t.db, f.province, f.committee001, { year: 2021, status: "draft" }, {});
    expect(y2021.total).toBe(5);
    expect(y2021.years).toEqual([2021, 2020]);

    // Keyset pages (下一页 / 上一页 carry a cursor): each sort walks all 25 drafts once, in order, and
    // 上一页 from the last page gives back the middle page.
    for (const sort of ["name", "created", "certNo"] as const) {
      const seen: string[] = [];
      const pages: string[][] = [];
      let request: { after?: string; before?: string } = {};
      for (let i = 0; i < 3; i++) {
        const p = await listRosterRecords(t.db, f.province, f.committee001, { status: "draft", sort }, request, 10);
        pages.push(p.rows.map((r) => r.id));
        seen.push(...p.rows.map((r) => r.id));
        expect(Boolean(p.prevCursor)).toBe(i > 0);
        expect(Boolean(p.nextCursor)).toBe(i < 2);
        if (i === 2) {
          const back = await listRosterRecords(t.db, f.province, f.committee001, { status: "draft", sort }, { before: p.prevCursor }, 10);
          expect(back.rows.map((r) => r.id)).toEqual(pages[1]);
          expect(back.nextCursor).toBeTruthy();
        }
        request = { after: p.nextCursor };
      }
      expect(pages.map((x) => x.length)).toEqual([10, 10, 5]);
      expect(new Set(seen).size).toBe(25);
    }
    // A tampered cursor reads as the first page.
    const bad = await listRosterRecords(t.db, f.province, f.committee001, { status: "draft" }, { after: "not-a-cursor" }, 10);
    expect(bad.prevCursor).toBeUndefined();
  });

  it("exports the filtered roster with formula-like cells neutralised, and the export re-imports adding nothing", async () => {
    // Legacy data may hold anything: write a hostile value straight to the table.
    const [victim] = await t.db.select().from(rosterRecords).where(eq(rosterRecords.name, listName(3)));
    await t.db.update(rosterRecords).set({ specialty: "=HYPERLINK(\"http://evil\",\"x\")", approvalNo: "@SUM(1)" }).where(eq(rosterRecords.id, victim.id));

    const res = await exportRoute.GET(
      new Request(`http://localhost:3000/api/roster/export?committeeId=${f.committee001}&status=draft`, { headers: { "sec-fetch-site": "same-origin" } }),
    );
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain("证书补录名册-001-");
    const file = Buffer.from(await res.arrayBuffer());

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file).buffer);
    const sheet = wb.getWorksheet("名册")!;
    expect(sheet.rowCount).toBe(1 + 25);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    expect(header.slice(0, 4)).toEqual(["证书编号", "状态", "姓名", "性别"]);
    const rows = Array.from({ length: 25 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    const hostile = rows.find((r) => r[2] === listName(3))!;
    expect(hostile[header.indexOf("专业")]).toBe("'=HYPERLINK(\"http://evil\",\"x\")");
    expect(hostile[header.indexOf("批准文号")]).toBe("'@SUM(1)");
    expect(rows.every((r) => typeof r[header.indexOf("证件号码")] === "string")).toBe(true);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "roster.export"), eq(auditLog.outcome, "success")));
    expect(audit.detail).toMatchObject({ rows: 25, filter: { status: "draft" } });

    // Round trip (after restoring the hostile cells, which the import would rightly reject).
    await t.db.update(rosterRecords).set({ specialty: "建筑工程", approvalNo: "黔人社厅发〔2020〕12号" }).where(eq(rosterRecords.id, victim.id));
    const again = await exportRoute.GET(new Request(`http://localhost:3000/api/roster/export?committeeId=${f.committee001}`, { headers: { "sec-fetch-site": "same-origin" } }));
    const exported = Buffer.from(await again.arrayBuffer());
    const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "export.xlsx", file: exported });
    await parseRosterImport(t.db, importId, exported, committee);
    const preview = (await getRosterImportPreview(t.db, f.province, importId))!;
    expect(preview).toMatchObject({ status: "pending", addCount: 0, rejectedCount: 0 });
    expect(preview.existingCount).toBeGreaterThanOrEqual(25);
  });
});
