import { and, count, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, rosterImports, rosterPhotos, rosterRecords, type Certificate } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { grantPhotoConsent } from "@/lib/backfill/person-photo";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { makeTestPhoto } from "../fixtures/certificate";
import { drawPortrait } from "../fixtures/photo-images";
import { HOLDER_ID, issueTestCertificate, OTHER_ID, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { createCertificatePeople, type CertificatePeople } from "../helpers/certificate-people";
import { signInAs } from "../helpers/roster-fixtures";
import { buildRosterWorkbook, validRow } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

// Route handlers are public endpoints: call each one directly, as an attacker could, with a chosen session.
process.env.CERT_SIGNING_SECRET = TEST_SIGNING_SECRET;
process.env.AUTH_URL = "https://zhicheng.example.cn/api/auth";
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "198.51.100.7"),
}));
const afterWork: Promise<unknown>[] = [];
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<typeof import("next/server")>()),
  after: (fn: () => Promise<unknown>) => void afterWork.push(fn()),
}));

const pdfRoute = await import("@/app/api/certificates/[id]/pdf/route");
const photoRoute = await import("@/app/api/photos/[photoId]/route");
const uploadRoute = await import("@/app/api/photos/upload/route");
const exportRoute = await import("@/app/api/roster/export/route");
const templateRoute = await import("@/app/api/roster/template/route");
const importsRoute = await import("@/app/api/roster/imports/route");
const progressRoute = await import("@/app/api/roster/imports/[importId]/route");
const errorsRoute = await import("@/app/api/roster/imports/[importId]/errors/route");
const poolTemplateRoute = await import("@/app/api/expert-pool/template/route");
const poolImportRoute = await import("@/app/api/expert-pool/import/route");
const filingRulesRoute = await import("@/app/api/filings/[filingId]/rules/route");
const disputeProofRoute = await import("@/app/api/disputes/[id]/proof/route");

const SAME = { "sec-fetch-site": "same-origin" };
const CROSS_SITE = { "sec-fetch-site": "cross-site" };
const EVIL_ORIGIN = { origin: "https://evil.example", host: "localhost:3000" };

let t: TestDb;
let p: CertificatePeople;
let cert: Certificate;
let holderRecordId: string;
let strangerRecordId: string;
let importId: string;

async function insertAwaitingPhoto(idNumber: string, certNo: string): Promise<string> {
  const [r] = await t.db
    .insert(rosterRecords)
    .values({
      committeeId: p.committee001, status: "awaiting_photo", certNo, name: "张三", gender: "male", birthDate: "1990-03-15",
      idType: "resident", idNumber, workUnit: "贵州省建筑设计研究院有限责任公司", series: "工程技术", specialty: "建筑工程",
      qualificationName: "高级工程师", level: "senior_deputy", obtainMethod: "review", passDate: "2022-12-01", passYear: 2022,
      approvalNo: "黔人社厅发〔2021〕12号", issuingAuthority: "贵州省人力资源和社会保障厅", issueDate: "2021-12-01", source: "manual",
    })
    .returning({ id: rosterRecords.id });
  return r.id;
}

beforeAll(async () => {
  t = await useTestDb();
  p = await createCertificatePeople(t.db);
  cert = await issueTestCertificate(t.db, {
    committeeId: p.committee001, actorId: p.province.id, name: "张三", idNumber: HOLDER_ID, passDate: "2021-11-20", seq: 51, photoJpeg: await makeTestPhoto(24, 95),
  });
  holderRecordId = await insertAwaitingPhoto(HOLDER_ID, "T-GUARD-1");
  strangerRecordId = await insertAwaitingPhoto(OTHER_ID, "T-GUARD-2");
  await grantPhotoConsent(t.db, p.holder.id);
  const file = await buildRosterWorkbook([validRow(31_000)]);
  const created = await createRosterImport(t.db, p.province, { committeeId: p.committee001, fileName: "名册.xlsx", file });
  await parseRosterImport(t.db, created.importId, file, created.committee);
  importId = created.importId;
}, 120_000);
afterAll(() => t?.close());

/** Calls one route as `user`; `deniedRows` is how many denial audit rows the call added for that user. */
async function call(user: SessionUser | null, action: string, send: () => Promise<Response>) {
  signInAs(user);
  const denied = async () => {
    if (!user) return 0;
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorId, user.id), eq(auditLog.outcome, "denied")));
    return n;
  };
  const before = await denied();
  const res = await send();
  const body = res.headers.get("content-type")?.includes("json") ? ((await res.json()) as { ok: boolean; message: string }) : null;
  return { status: res.status, body, res, deniedRows: (await denied()) - before };
}

const get = (path: string, headers: Record<string, string> = SAME) => new Request(`http://localhost:3000${path}`, { headers });
const post = (path: string, body: Uint8Array<ArrayBuffer>, headers: Record<string, string> = SAME) =>
  new Request(`http://localhost:3000${path}`, { method: "POST", body, headers });

describe("GET /api/certificates/[id]/pdf through the route guard", () => {
  const action = "certificate.download_pdf";
  const pdf = (id: string, headers?: Record<string, string>) => () => pdfRoute.GET(get(`/api/certificates/${id}/pdf`, headers), { params: Promise.resolve({ id }) });

  it("answers another person, and another organisation, 404 as for an unknown id, and audits the denial", async () => {
    for (const u of [p.stranger, p.gzu]) {
      const r = await call(u, action, pdf(cert.id));
      expect(r.status, u.name).toBe(404);
      expect(r.body).toEqual({ ok: false, message: "证书不存在或您无权下载" });
      expect(r.deniedRows).toBe(1);
    }
  });

  it("answers a malformed id 404, never 500, and audits it", async () => {
    const r = await call(p.holder, action, pdf("not-a-uuid"));
    expect(r.status).toBe(404);
    expect(r.deniedRows).toBe(1);
  });

  it("refuses a request from another site (Origin or Sec-Fetch-Site) with 403 and audits it", async () => {
    for (const headers of [EVIL_ORIGIN, CROSS_SITE]) {
      const r = await call(p.holder, action, pdf(cert.id, headers));
      expect(r.status).toBe(403);
      expect(r.body?.message).toBe("请求来源无效，请在本平台页面中操作");
      expect(r.deniedRows).toBe(1);
    }
  });

  it("serves the holder (a typed-in URL counts as a navigation) with an uncached PDF, and audits the download", async () => {
    const r = await call(p.holder, action, pdf(cert.id, { "sec-fetch-site": "none" }));
    expect(r.status).toBe(200);
    expect(r.res.headers.get("content-type")).toBe("application/pdf");
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, "success"), eq(auditLog.actorId, p.holder.id)));
    expect(rows).toEqual([expect.objectContaining({ targetType: "certificate", targetId: cert.id, ip: "198.51.100.7" })]);
  });
});

describe("GET /api/photos/[photoId] through the route guard", () => {
  const action = "photo.view";
  const photo = (id: string, headers?: Record<string, string>) => () => photoRoute.GET(get(`/api/photos/${id}`, headers), { params: Promise.resolve({ photoId: id }) });

  it("answers another person and another organisation 404, and audits the denial", async () => {
    for (const u of [p.stranger, p.gzu, p.otherUnit]) {
      const r = await call(u, action, photo(cert.photoId!));
      expect(r.status, u.name).toBe(404);
      expect(r.body).toEqual({ ok: false, message: "照片不存在" });
      expect(r.deniedRows).toBe(1);
    }
  });

  it("answers a malformed id 404 and a cross-site request 403, auditing both", async () => {
    const malformed = await call(p.holder, action, photo("../../etc/passwd"));
    expect([malformed.status, malformed.deniedRows]).toEqual([404, 1]);
    const cross = await call(p.holder, action, photo(cert.photoId!, EVIL_ORIGIN));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
  });

  it("serves the holder and the committee's organisation the JPEG, never cached, and audits every view", async () => {
    for (const u of [p.holder, p.province]) {
      const r = await call(u, action, photo(cert.photoId!));
      expect(r.status, u.name).toBe(200);
      expect(r.res.headers.get("content-type")).toBe("image/jpeg");
      expect(r.res.headers.get("cache-control")).toBe("no-store");
      await call(u, action, photo(cert.photoId!)); // a second look is a second row
      const views = await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, "success"), eq(auditLog.actorId, u.id)));
      expect(views, u.name).toEqual([
        expect.objectContaining({ targetType: "roster_photo", targetId: cert.photoId, ip: "198.51.100.7" }),
        expect.objectContaining({ targetType: "roster_photo", targetId: cert.photoId, ip: "198.51.100.7" }),
      ]);
    }
  });
});

describe("POST /api/photos/upload through the route guard", () => {
  const action = "photo.upload";
  const upload = (recordId: string, file: Uint8Array<ArrayBuffer>, headers: Record<string, string> = SAME) => () =>
    uploadRoute.POST(post(`/api/photos/upload?recordId=${recordId}`, file, { ...headers, "content-type": "image/jpeg" }));
  let jpeg: Uint8Array<ArrayBuffer>;
  beforeAll(async () => {
    const { data, width, height, channels } = drawPortrait({ width: 590, height: 826 });
    jpeg = new Uint8Array(await sharp(data, { raw: { width, height, channels } }).jpeg({ quality: 92 }).toBuffer());
  });

  it("refuses an official (wrong role) with 403", async () => {
    const r = await call(p.province, action, upload(holderRecordId, jpeg));
    expect([r.status, r.body?.message, r.deniedRows]).toEqual([403, "您无权执行此操作", 1]);
  });

  it("answers another person's record, and a malformed record id, 404", async () => {
    for (const id of [strangerRecordId, "x"]) {
      const r = await call(p.holder, action, upload(id, jpeg));
      expect([r.status, r.body?.message, r.deniedRows]).toEqual([404, "未找到该证书补录记录", 1]);
    }
  });

  it("refuses an upload posted from another site with 403, storing nothing", async () => {
    const r = await call(p.holder, action, upload(holderRecordId, jpeg, EVIL_ORIGIN));
    expect([r.status, r.deniedRows]).toEqual([403, 1]);
    expect(await t.db.select({ n: count() }).from(rosterPhotos).where(eq(rosterPhotos.recordId, holderRecordId))).toEqual([{ n: 0 }]);
  });

  it("stores the holder's photo with its success audit row", async () => {
    const r = await call(p.holder, action, upload(holderRecordId, jpeg));
    expect(r.status).toBe(201);
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, "success"), eq(auditLog.actorId, p.holder.id)));
    expect(rows).toEqual([expect.objectContaining({ targetType: "roster_record", targetId: holderRecordId, ip: "198.51.100.7" })]);
  });
});

describe("the roster routes through the route guard", () => {
  it("GET /api/roster/export: wrong role 403, another organisation's committee 403, cross-site 403, own committee 200", async () => {
    const action = "roster.export";
    const exp = (committeeId: string, headers?: Record<string, string>) => () => exportRoute.GET(get(`/api/roster/export?committeeId=${committeeId}`, headers));
    const role = await call(p.holder, action, exp(p.committee001));
    expect([role.status, role.body?.message, role.deniedRows]).toEqual([403, "您无权执行此操作", 1]);
    const owner = await call(p.gzu, action, exp(p.committee001));
    expect([owner.status, owner.body?.message, owner.deniedRows]).toEqual([403, "该评委会不属于您的单位", 1]);
    const cross = await call(p.province, action, exp(p.committee001, CROSS_SITE));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
    const ok = await call(p.province, action, exp(p.committee001));
    expect(ok.status).toBe(200);
    await ok.res.arrayBuffer(); // the audit row is written when the stream ends
    const [{ n }] = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, "success"), eq(auditLog.actorId, p.province.id)));
    expect(n).toBe(1);
  });

  it("GET /api/roster/template: wrong role 403, another organisation's committee 403, cross-site 403, own committee 200", async () => {
    const action = "roster.template";
    const tpl = (committeeId: string, headers?: Record<string, string>) => () => templateRoute.GET(get(`/api/roster/template?committeeId=${committeeId}`, headers));
    expect((await call(p.otherUnit, action, tpl(p.committee004))).deniedRows).toBe(1);
    const owner = await call(p.province, action, tpl(p.committee004));
    expect([owner.status, owner.body?.message, owner.deniedRows]).toEqual([403, "该评委会不属于您的单位", 1]);
    const cross = await call(p.gzu, action, tpl(p.committee004, EVIL_ORIGIN));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
    expect((await call(p.gzu, action, tpl(p.committee004))).status).toBe(200);
  });

  it("POST /api/roster/imports: wrong role 403, another organisation's committee 403, cross-site 403; success writes the import and its audit row", async () => {
    const action = "roster.import.upload";
    const file = new Uint8Array(await buildRosterWorkbook([validRow(32_000)]));
    const up = (committeeId: string, headers: Record<string, string> = SAME) => () =>
      importsRoute.POST(post(`/api/roster/imports?committeeId=${committeeId}`, file, { ...headers, "x-file-name": encodeURIComponent("名册.xlsx") }));
    const before = await t.db.select({ n: count() }).from(rosterImports);
    const role = await call(p.holder, action, up(p.committee001));
    expect([role.status, role.deniedRows]).toEqual([403, 1]);
    const owner = await call(p.gzu, action, up(p.committee001));
    expect([owner.status, owner.body?.message, owner.deniedRows]).toEqual([403, "该评委会不属于您的单位", 1]);
    const cross = await call(p.province, action, up(p.committee001, CROSS_SITE));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
    expect(await t.db.select({ n: count() }).from(rosterImports)).toEqual(before);

    const ok = await call(p.province, action, up(p.committee001));
    expect(ok.status).toBe(202);
    await Promise.all(afterWork);
    const newId = (ok.body as unknown as { importId: string }).importId;
    const rows = await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.outcome, "success")));
    expect(rows).toEqual([expect.objectContaining({ targetType: "roster_import", targetId: newId, actorId: p.province.id })]);
  });

  for (const [name, action, route, ok] of [
    ["GET /api/roster/imports/[importId]", "roster.import.progress", progressRoute, 200],
    ["GET /api/roster/imports/[importId]/errors", "roster.import.error_report", errorsRoute, 200],
  ] as const) {
    it(`${name}: wrong role 403, another organisation's import 403, malformed id 404, cross-site 403, own import ${ok}`, async () => {
      const send = (id: string, headers?: Record<string, string>) => () => route.GET(get(`/api/roster/imports/${id}`, headers), { params: Promise.resolve({ importId: id }) });
      const role = await call(p.otherUnit, action, send(importId));
      expect([role.status, role.deniedRows]).toEqual([403, 1]);
      const owner = await call(p.gzu, action, send(importId));
      expect([owner.status, owner.body?.message, owner.deniedRows]).toEqual([403, "该评委会不属于您的单位", 1]);
      const malformed = await call(p.province, action, send("1 or 1=1"));
      expect([malformed.status, malformed.body?.message, malformed.deniedRows]).toEqual([404, "导入记录不存在", 1]);
      const cross = await call(p.province, action, send(importId, EVIL_ORIGIN));
      expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
      expect((await call(p.province, action, send(importId))).status).toBe(ok);
    });
  }
});

describe("the evaluation and dispute routes through the same guard", () => {
  const UNKNOWN = "00000000-0000-4000-8000-000000000000";

  it("GET /api/expert-pool/template: wrong role 403, cross-site 403, a forming organisation 200", async () => {
    const action = "expert_pool.template";
    const tpl = (headers?: Record<string, string>) => () => poolTemplateRoute.GET(get("/api/expert-pool/template", headers));
    expect((await call(p.holder, action, tpl())).status).toBe(403);
    const cross = await call(p.gzu, action, tpl(CROSS_SITE));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
    expect((await call(p.gzu, action, tpl())).status).toBe(200);
  });

  it("POST /api/expert-pool/import: wrong role 403 and cross-site 403, both audited", async () => {
    const action = "expert_pool.import";
    const body = new Uint8Array(await buildRosterWorkbook([validRow(31_500)]));
    const role = await call(p.holder, action, () => poolImportRoute.POST(post("/api/expert-pool/import", body)));
    expect([role.status, role.deniedRows]).toEqual([403, 1]);
    const cross = await call(p.gzu, action, () => poolImportRoute.POST(post("/api/expert-pool/import", body, EVIL_ORIGIN)));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
  });

  it("GET /api/filings/[filingId]/rules: wrong role 403, malformed or unknown id 404, cross-site 403", async () => {
    const action = "filing.download_rules";
    const rules = (filingId: string, headers?: Record<string, string>) => () => filingRulesRoute.GET(get(`/api/filings/${filingId}/rules`, headers), { params: Promise.resolve({ filingId }) });
    expect((await call(p.holder, action, rules(UNKNOWN))).status).toBe(403);
    expect((await call(p.gzu, action, rules("%00"))).status).toBe(404);
    expect((await call(p.gzu, action, rules(UNKNOWN))).status).toBe(404);
    const cross = await call(p.gzu, action, rules(UNKNOWN, CROSS_SITE));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
  });

  it("GET /api/disputes/[id]/proof: wrong role 403, unknown id 404, cross-site 403", async () => {
    const action = "dispute.view_proof";
    const proof = (id: string, headers?: Record<string, string>) => () => disputeProofRoute.GET(get(`/api/disputes/${id}/proof`, headers), { params: Promise.resolve({ id }) });
    expect((await call(p.holder, action, proof(UNKNOWN))).status).toBe(403);
    expect((await call(p.province, action, proof(UNKNOWN))).status).toBe(404);
    const cross = await call(p.province, action, proof(UNKNOWN, CROSS_SITE));
    expect([cross.status, cross.deniedRows]).toEqual([403, 1]);
  });
});
