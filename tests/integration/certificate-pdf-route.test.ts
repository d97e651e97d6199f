import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, users, type Certificate } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { makeTestPhoto } from "../fixtures/certificate";
import { HOLDER_ID, issueTestCertificate, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { createCertificatePeople, type CertificatePeople } from "../helpers/certificate-people";
import { signInAs } from "../helpers/roster-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET = TEST_SIGNING_SECRET;
process.env.AUTH_URL = "https://zhicheng.example.cn/api/auth";
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const { GET } = await import("@/app/api/certificates/[id]/pdf/route");

let t: TestDb;
let p: CertificatePeople;
let cert: Certificate;
let old: Certificate;
const tmp = mkdtempSync(path.join(os.tmpdir(), "cert-route-"));

async function download(user: SessionUser | null, id: string, headers: Record<string, string> = {}) {
  signInAs(user);
  const res = await GET(new Request(`http://127.0.0.1:3000/api/certificates/${id}/pdf`, { headers }), { params: Promise.resolve({ id }) });
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

beforeAll(async () => {
  t = await useTestDb();
  p = await createCertificatePeople(t.db);
  // The holder's account carries the name printed on the certificates (identity binding, docs/domain.md §11).
  await t.db.update(users).set({ name: "王堃喆" }).where(eq(users.id, p.holder.id));
  cert = await issueTestCertificate(t.db, {
    committeeId: p.committee001, actorId: p.province.id, name: "王堃喆", idNumber: HOLDER_ID, passDate: "2021-11-20", seq: 41,
    photoJpeg: await makeTestPhoto(24, 95),
  });
  old = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "王堃喆", idNumber: HOLDER_ID, passDate: "2018-12-01", qualificationName: "工程师", level: "intermediate", seq: 42 });
}, 60_000);
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await t?.close();
});

describe("PDF e-certificate download", () => {
  it("gives the holder a ≤ 100 KB PDF, not cached, named 职称证书-<证书编号>.pdf, whose text holds name, number and title", async () => {
    const { res, body } = await download(p.holder, cert.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-disposition")).toContain(`filename*=UTF-8''${encodeURIComponent(`职称证书-${cert.certNo}.pdf`)}`);
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
    expect(body.length).toBeLessThanOrEqual(100 * 1024);
    const text = pdfText(body);
    for (const v of ["王堃喆", cert.certNo, "专业技术职务任职资格证书", "高级工程师", `https://zhicheng.example.cn/verify/${cert.verifyToken}`]) {
      expect(text).toContain(v);
    }
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "certificate.download_pdf"), eq(auditLog.actorId, p.holder.id)));
    expect(audits).toEqual([expect.objectContaining({ outcome: "success", targetId: cert.id })]);
  });

  it("refuses a pre-2020 certificate by URL with 403 and a Chinese message, even to its holder", async () => {
    const { res, body } = await download(p.holder, old.id);
    expect(res.status).toBe(403);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(JSON.parse(body.toString())).toMatchObject({ ok: false, message: "2020年度之前取得的职称证书仅提供信息查看，不提供电子证书下载" });
    expect((await download(p.certDivision, old.id)).res.status).toBe(403);
  });

  it("serves the committee's forming organisation and the provincial 专技处", async () => {
    expect((await download(p.province, cert.id)).res.status).toBe(200);
    expect((await download(p.certDivision, cert.id)).res.status).toBe(200);
  });

  it("answers 404 to everyone else — another person, another organisation, another committee's organisation — as for an unknown id", async () => {
    for (const u of [p.stranger, p.otherUnit, p.gzu]) {
      const { res, body } = await download(u, cert.id);
      expect(res.status, u.name).toBe(404);
      expect(body.toString()).toBe(JSON.stringify({ ok: false, message: "证书不存在或您无权下载" }));
    }
    expect((await download(p.holder, "00000000-0000-4000-8000-000000000000")).res.status).toBe(404);
    expect((await download(p.holder, "../../etc")).res.status).toBe(404);
    // Even the pre-2020 answer is not given to outsiders.
    expect((await download(p.stranger, old.id)).res.status).toBe(404);
    const denied = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "certificate.download_pdf"), eq(auditLog.outcome, "denied")));
    expect(denied.length).toBeGreaterThanOrEqual(6);
  });

  it("points the QR code at the host the browser used when AUTH_URL is not configured", async () => {
    const saved = process.env.AUTH_URL;
    delete process.env.AUTH_URL;
    try {
      const { body } = await download(p.holder, cert.id, { host: "zhicheng.rst.guizhou.gov.cn", "x-forwarded-proto": "https" });
      expect(pdfText(body)).toContain(`https://zhicheng.rst.guizhou.gov.cn/verify/${cert.verifyToken}`);
    } finally {
      process.env.AUTH_URL = saved;
    }
  });

  it("asks an anonymous visitor to sign in and refuses a cross-site request", async () => {
    expect((await download(null, cert.id)).res.status).toBe(401);
    expect((await download(p.holder, cert.id, { "sec-fetch-site": "cross-site" })).res.status).toBe(403);
  });
});
