import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, rosterImports, rosterRecords } from "@/db/schema";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { getRosterImportPreview } from "@/lib/roster/import-queries";
import { getRosterRecordForEdit, listRosterRecords } from "@/lib/roster/queries";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { buildRosterWorkbook, residentId, validRow } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const actions = await import("@/app/_roster/actions");
const uploadRoute = await import("@/app/api/roster/imports/route");
const progressRoute = await import("@/app/api/roster/imports/[importId]/route");
const errorsRoute = await import("@/app/api/roster/imports/[importId]/errors/route");
const exportRoute = await import("@/app/api/roster/export/route");
const templateRoute = await import("@/app/api/roster/template/route");

let t: TestDb;
let f: RosterFixture;
let recordId: string;
let importId: string;

const FORM = {
  name: "王五",
  gender: "",
  birthDate: "",
  idType: "resident",
  idNumber: residentId(1),
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
};

beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
  // The province's committee 001 holds one draft and one pending import.
  signInAs(f.province);
  const created = await actions.createRosterRecordAction({ ...FORM, committeeId: f.committee001 });
  if (!created.ok) throw new Error(created.message);
  recordId = created.data.id;
  const file = await buildRosterWorkbook([validRow(2), { ...validRow(3), idNumber: "123" }]);
  const imp = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "a.xlsx", file });
  await parseRosterImport(t.db, imp.importId, file, imp.committee);
  importId = imp.importId;
});
afterAll(async () => {
  await t?.close();
});

async function snapshot() {
  const [rec] = await t.db.select().from(rosterRecords).where(eq(rosterRecords.id, recordId));
  const [imp] = await t.db.select({ status: rosterImports.status }).from(rosterImports).where(eq(rosterImports.id, importId));
  const [{ n }] = await t.db.select({ n: count() }).from(rosterRecords);
  const [{ m }] = await t.db.select({ m: count() }).from(rosterImports);
  return { rec, imp, records: n, imports: m };
}

const req = (url: string, init: RequestInit = {}) =>
  new Request(`http://localhost:3000${url}`, { ...init, headers: { "sec-fetch-site": "same-origin", ...(init.headers ?? {}) } });

describe("another organisation's committee", () => {
  it("cannot be read: list, edit form and import preview are refused", async () => {
    await expect(listRosterRecords(t.db, f.gzu, f.committee001, {}, {})).rejects.toThrow("该评委会不属于您的单位");
    await expect(getRosterRecordForEdit(t.db, f.gzu, f.committee001, recordId)).rejects.toThrow("该评委会不属于您的单位");
    await expect(getRosterImportPreview(t.db, f.gzu, importId)).rejects.toThrow("该评委会不属于您的单位");
    // Asking through one's own committee does not reach another committee's record either.
    expect(await getRosterRecordForEdit(t.db, f.gzu, f.committee004, recordId)).toBeNull();
  });

  it("cannot be edited through any server action, and every attempt is audited as denied", async () => {
    const before = await snapshot();
    signInAs(f.gzu);
    const denied = { ok: false, message: "该评委会不属于您的单位" };
    expect(await actions.createRosterRecordAction({ ...FORM, idNumber: residentId(9), committeeId: f.committee001 })).toEqual(denied);
    expect(await actions.updateRosterRecordAction({ ...FORM, name: "李四", id: recordId, version: before.rec.version })).toEqual(denied);
    expect(await actions.deleteRosterRecordsAction({ committeeId: f.committee001, records: [{ id: recordId, version: before.rec.version }] })).toEqual(denied);
    expect(await actions.publishRosterRecordsAction({ committeeId: f.committee001, expectedCount: 1 })).toEqual(denied);
    expect(await actions.commitRosterImportAction({ importId })).toEqual(denied);
    expect(await actions.cancelRosterImportAction({ importId })).toEqual(denied);
    // Deleting via one's own committee id with another committee's record id removes nothing.
    expect(await actions.deleteRosterRecordsAction({ committeeId: f.committee004, records: [{ id: recordId, version: before.rec.version }] })).toMatchObject({ ok: false });

    expect(await snapshot()).toEqual(before);
    const audits = await t.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.actorId, f.gzu.id), eq(auditLog.outcome, "denied")));
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining(["roster.record.create", "roster.record.update", "roster.record.delete", "roster.record.publish", "roster.import.commit", "roster.import.cancel"]),
    );
  });

  it("cannot be imported into, exported, or have its import progress, error report or template read", async () => {
    const before = await snapshot();
    signInAs(f.gzu);
    const file = await buildRosterWorkbook([validRow(50)]);
    const upload = await uploadRoute.POST(req(`/api/roster/imports?committeeId=${f.committee001}`, { method: "POST", body: new Uint8Array(file) }));
    expect(upload.status).toBe(403);
    expect(await upload.json()).toEqual({ ok: false, message: "该评委会不属于您的单位" });

    const exported = await exportRoute.GET(req(`/api/roster/export?committeeId=${f.committee001}`));
    expect(exported.status).toBe(403);
    const params = { params: Promise.resolve({ importId }) };
    expect((await progressRoute.GET(req(`/api/roster/imports/${importId}`), params)).status).toBe(403);
    expect((await errorsRoute.GET(req(`/api/roster/imports/${importId}/errors`), params)).status).toBe(403);
    expect((await templateRoute.GET(req(`/api/roster/template?committeeId=${f.committee001}`))).status).toBe(403);
    await expect(createRosterImport(t.db, f.gzu, { committeeId: f.committee001, fileName: "a.xlsx", file })).rejects.toThrow("该评委会不属于您的单位");

    expect(await snapshot()).toEqual(before);
  });

  it("the owner can do all of it", async () => {
    signInAs(f.province);
    const exported = await exportRoute.GET(req(`/api/roster/export?committeeId=${f.committee001}`));
    expect(exported.status).toBe(200);
    expect(exported.headers.get("content-type")).toContain("spreadsheetml");
    const report = await errorsRoute.GET(req(`/api/roster/imports/${importId}/errors`), { params: Promise.resolve({ importId }) });
    expect(report.status).toBe(200);
  });
});

describe("users outside the committee-forming roles", () => {
  it("are refused by role before anything else", async () => {
    signInAs(f.person);
    expect(await actions.publishRosterRecordsAction({ committeeId: f.committee001, expectedCount: 1 })).toEqual({ ok: false, message: "您无权执行此操作" });
    const res = await exportRoute.GET(req(`/api/roster/export?committeeId=${f.committee001}`));
    expect(res.status).toBe(403);
    signInAs(null);
    expect((await exportRoute.GET(req(`/api/roster/export?committeeId=${f.committee001}`))).status).toBe(401);
    expect(await actions.publishRosterRecordsAction({ committeeId: f.committee001, expectedCount: 1 })).toEqual({ ok: false, message: "登录已过期，请重新登录" });
  });
});
