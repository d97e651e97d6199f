import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, certificateLookups, certificates, type Certificate } from "@/db/schema";
import { correctCertificate, revokeCertificate } from "@/lib/certificates/issue";
import { verifyCertificateLink } from "@/lib/query/verify-link";
import { HOLDER_ID, issueTestCertificate, OTHER_ID, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { createCertificatePeople, type CertificatePeople } from "../helpers/certificate-people";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET = TEST_SIGNING_SECRET;
// The people fixture signs in through the session module, which loads next-auth.
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));

let t: TestDb;
let p: CertificatePeople;
let cert: Certificate;
let n = 0;
const verify = (token: string, ip = `203.0.113.${++n % 250}`) => verifyCertificateLink(t.db, token, { ip });

beforeAll(async () => {
  t = await useTestDb();
  p = await createCertificatePeople(t.db);
  cert = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "张三", idNumber: HOLDER_ID, seq: 31 });
});
afterAll(() => t?.close());

/** Flip one character of a token, keeping its shape. */
function tamper(token: string): string {
  const last = token[token.length - 1];
  return token.slice(0, -1) + (last === "A" ? "B" : "A");
}

describe("verification through the QR code's token", () => {
  it("shows a genuine, untouched certificate as 证书真实有效 with the masked ID", async () => {
    const r = await verify(cert.verifyToken);
    expect(r).toMatchObject({ kind: "verified", certificate: { certNo: cert.certNo, status: "valid", maskedIdNumber: "5201**********0014", name: "张三" } });
    const [log] = await t.db.select().from(certificateLookups).where(eq(certificateLookups.certificateId, cert.id));
    expect(log).toMatchObject({ channel: "verify_link", outcome: "hit" });
    expect(log.keyHash).not.toContain(cert.verifyToken);
  });

  it("fails a tampered, a guessed or a malformed token", async () => {
    expect(await verify(tamper(cert.verifyToken))).toEqual({ kind: "invalid" });
    expect(await verify(cert.certNo)).toEqual({ kind: "invalid" });
    expect(await verify("../../etc/passwd")).toEqual({ kind: "invalid" });
    const misses = await t.db.select().from(certificateLookups).where(eq(certificateLookups.outcome, "miss"));
    expect(misses).toHaveLength(3);
  });

  it("fails a certificate whose printed fields were changed in the database without re-signing, and audits it", async () => {
    const forged = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "李四", idNumber: OTHER_ID, seq: 32 });
    expect(await verify(forged.verifyToken)).toMatchObject({ kind: "verified" });
    await t.db.update(certificates).set({ qualificationName: "正高级工程师", level: "senior_full" }).where(eq(certificates.id, forged.id));
    expect(await verify(forged.verifyToken)).toEqual({ kind: "invalid" });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "certificate.signature_mismatch"), eq(auditLog.targetId, forged.id)));
    expect(audits).toHaveLength(1);
  });

  it("shows a revoked certificate as revoked (its signature still valid: the status is live, not signed)", async () => {
    const c = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "王五", idNumber: "520102197001010017", seq: 33 });
    await revokeCertificate(t.db, c.id, "材料造假", p.certDivision.id);
    expect(await verify(c.verifyToken)).toMatchObject({ kind: "verified", certificate: { status: "revoked", currentVersionStatus: null } });
  });

  it("shows a corrected certificate's old token as superseded by a valid version, and the new token as valid", async () => {
    const c = await issueTestCertificate(t.db, { committeeId: p.committee004, actorId: p.gzu.id, name: "孙八", idNumber: "520102198001010018", series: "高校教师", qualificationName: "副教授", seq: 34 });
    const v2 = await correctCertificate(t.db, c.id, { name: "孙捌" }, "姓名录入错误", p.gzu.id);
    const old = await verify(c.verifyToken);
    expect(old).toMatchObject({ kind: "verified", certificate: { version: 1, name: "孙八", status: "superseded", currentVersionStatus: "valid" } });
    expect(JSON.stringify(old)).not.toContain("孙捌");
    expect(v2.verifyToken).not.toBe(c.verifyToken);
    expect(await verify(v2.verifyToken)).toMatchObject({ kind: "verified", certificate: { version: 2, name: "孙捌", status: "valid" } });
  });

  it("limits one address to 60 verifications per 10 minutes", async () => {
    for (let i = 0; i < 60; i++) await verify(cert.verifyToken, "192.0.2.200");
    const r = await verify(cert.verifyToken, "192.0.2.200");
    expect(r).toMatchObject({ kind: "limited", message: "查询过于频繁，请10分钟后再试" });
    const [{ limited }] = await t.db.select({ limited: sql<number>`count(*)::int` }).from(certificateLookups).where(eq(certificateLookups.outcome, "limited"));
    expect(limited).toBe(1);
  });
});
