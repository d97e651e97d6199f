import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { captchaRedemptions, certificateLookups, type Certificate } from "@/db/schema";
import { correctCertificate, revokeCertificate } from "@/lib/certificates/issue";
import { listHolderLookups } from "@/lib/certificates/holder";
import { createCaptchaChallenge } from "@/lib/captcha/pow";
import { verifyCertificateLink } from "@/lib/query/verify-link";
import { TWO_OF_THREE_MESSAGE } from "@/lib/query/schemas";
import type { VerifierCertificateView } from "@/lib/query/views";
import { HOLDER_ID, issueTestCertificate, OTHER_ID, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { createCertificatePeople, type CertificatePeople } from "../helpers/certificate-people";
import { solveCaptchaChallenge, solvedCaptcha, TEST_DIFFICULTY } from "../helpers/captcha";
import { signInAs } from "../helpers/roster-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET = TEST_SIGNING_SECRET;
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "198.51.100.7"),
}));

const { POST: queryRoute } = await import("@/app/api/certificates/query/route");
const { holderQueryAction } = await import("@/app/(person)/person/certificates/actions");

let t: TestDb;
let p: CertificatePeople;
let cert: Certificate;
let otherCert: Certificate;
let ipCounter = 0;

/** Each call from a new address unless one is given, so only the limit under test can trip. */
async function query(body: Record<string, string>, ip = `203.0.113.${++ipCounter % 250}`) {
  const res = await queryRoute(
    new Request("http://localhost/api/certificates/query", {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Forwarded-For": ip },
      body: JSON.stringify(body),
    }),
  );
  return { status: res.status, text: await res.text(), retryAfter: res.headers.get("retry-after"), cacheControl: res.headers.get("cache-control") };
}

/** The route's JSON, loosely: `results` on success, `message` on a refusal. */
type QueryBody = { ok: boolean; results: VerifierCertificateView[]; message: string };
const parseBody = (text: string) => JSON.parse(text) as QueryBody;

async function solvedQuery(fields: Record<string, string>, ip?: string) {
  return query({ ...fields, ...(await solvedCaptcha()) }, ip);
}

beforeAll(async () => {
  t = await useTestDb();
  p = await createCertificatePeople(t.db);
  cert = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "张三", idNumber: HOLDER_ID, seq: 11 });
  otherCert = await issueTestCertificate(t.db, { committeeId: p.committee001, actorId: p.province.id, name: "李四", idNumber: OTHER_ID, seq: 12 });
});
afterAll(() => t?.close());

describe("public certificate query (any two of 姓名 / 证件号码 / 证书编号)", () => {
  it("refuses fewer than two facts as a form error, without counting or logging a lookup", async () => {
    const r = await query({ name: "张三", idNumber: " ", certNo: "", ...(await solvedCaptcha()) });
    expect(r.status).toBe(400);
    expect(parseBody(r.text)).toMatchObject({ ok: false, message: TWO_OF_THREE_MESSAGE });
    expect(await t.db.select().from(certificateLookups)).toEqual([]);
  });

  it("finds a certificate by name and ID number, showing the masked ID and the live status only", async () => {
    const r = await solvedQuery({ name: " 张三 ", idNumber: HOLDER_ID.toLowerCase() });
    expect(r.status).toBe(200);
    expect(r.cacheControl).toBe("no-store");
    const body = parseBody(r.text);
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({ certNo: cert.certNo, name: "张三", maskedIdNumber: "5201**********0014", status: "valid", qualificationName: "高级工程师" });
    expect(r.text).not.toContain(HOLDER_ID);
    for (const hidden of ["workUnit", "birthDate", "verifyToken", "signature", "photoId", cert.id]) expect(r.text).not.toContain(hidden);
  });

  it("finds it by certificate number with either other fact", async () => {
    expect(parseBody((await solvedQuery({ certNo: cert.certNo, name: "张三" })).text).results).toHaveLength(1);
    expect(parseBody((await solvedQuery({ certNo: cert.certNo, idNumber: HOLDER_ID })).text).results).toHaveLength(1);
  });

  it("answers a wrong pair (real name, another person's certificate) byte-for-byte like an unknown person", async () => {
    const mismatch = await solvedQuery({ name: "张三", certNo: otherCert.certNo });
    const unknown = await solvedQuery({ name: "赵六", idNumber: "520102200001010019" });
    const mismatchId = await solvedQuery({ name: "李四", idNumber: HOLDER_ID });
    expect(mismatch.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(mismatch.text).toBe(unknown.text);
    expect(mismatchId.text).toBe(unknown.text);
    expect(parseBody(unknown.text)).toEqual({ ok: true, results: [] });
  });

  it("refuses a missing, forged or wrong captcha solution before counting any key, and a solution works only once", async () => {
    const fields = { name: "张三", idNumber: HOLDER_ID };
    const missing = await query(fields);
    expect(missing.status).toBe(400);
    expect(parseBody(missing.text)).toMatchObject({ ok: false, fieldErrors: { captcha: "请先完成人机验证（勾选“我不是机器人”）" } });

    const good = await solvedCaptcha();
    const decoded = JSON.parse(Buffer.from(good.captcha, "base64").toString()) as { challenge: unknown; solution: { counter: number; derivedKey: string } };
    const wrong = Buffer.from(JSON.stringify({ ...decoded, solution: { ...decoded.solution, derivedKey: "00".repeat(32) } })).toString("base64");
    const r1 = await query({ ...fields, captcha: wrong });
    expect(r1.status).toBe(400);
    expect(parseBody(r1.text)).toMatchObject({ ok: false, fieldErrors: { captcha: "人机验证未通过或已过期，请重新验证" } });
    // A challenge this server did not sign (made with another key) is refused too.
    const { createChallenge } = await import("altcha-lib");
    const { deriveKey } = await import("altcha-lib/algorithms/pbkdf2");
    const foreign = await createChallenge({ algorithm: "PBKDF2/SHA-256", cost: 10, counter: 3, deriveKey, hmacSignatureSecret: "someone-else", expiresAt: new Date(Date.now() + 60_000) });
    expect((await query({ ...fields, captcha: await solveCaptchaChallenge(foreign) })).status).toBe(400);

    expect((await query({ ...fields, ...good })).status).toBe(200);
    const replay = await query({ ...fields, ...good });
    expect(replay.status).toBe(400);
    const nonce = (decoded.challenge as { parameters: { nonce: string } }).parameters.nonce;
    expect(await t.db.select().from(captchaRedemptions).where(eq(captchaRedemptions.challengeId, nonce))).toHaveLength(1);
  });

  it("issues signed proof-of-work challenges that expire after five minutes and are solved, not read", async () => {
    const c = await createCaptchaChallenge(TEST_DIFFICULTY);
    expect(c.parameters).toMatchObject({ algorithm: "PBKDF2/SHA-256", keyPrefix: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(c.signature).toMatch(/^[0-9a-f]{64}$/);
    expect(c.parameters.expiresAt! - Date.now() / 1000).toBeGreaterThan(290);
    expect(c.parameters.expiresAt! - Date.now() / 1000).toBeLessThanOrEqual(300);
    const real = await createCaptchaChallenge();
    expect(real.parameters.cost).toBe(1000);
  });

  it("logs every lookup with HMAC hashes of the key and the address, never the raw values or a plain SHA-256", async () => {
    await solvedQuery({ name: "张三", idNumber: HOLDER_ID }, "192.0.2.55");
    const rows = await t.db.select().from(certificateLookups).where(eq(certificateLookups.certificateId, cert.id));
    const last = rows[rows.length - 1];
    expect(last).toMatchObject({ channel: "public", outcome: "hit" });
    const plain = [HOLDER_ID, "192.0.2.55", createHash("sha256").update(HOLDER_ID).digest("hex"), createHash("sha256").update("192.0.2.55").digest("hex")];
    for (const v of plain) {
      expect(last.keyHash).not.toContain(v);
      expect(last.ipHash).not.toBe(v);
    }
    expect(last.keyHash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const misses = await t.db.select().from(certificateLookups).where(eq(certificateLookups.outcome, "miss"));
    expect(misses.length).toBeGreaterThanOrEqual(3);
    expect(misses.every((m) => m.certificateId === null)).toBe(true);
  });

  it("counts an ID number per requester: ten queries by a stranger lock only the stranger, not other addresses, the holder or the QR page", async () => {
    const stranger = "203.0.113.250";
    for (let i = 0; i < 10; i++) expect((await solvedQuery({ name: "王五", idNumber: HOLDER_ID }, stranger)).status).toBe(200);
    const r = await solvedQuery({ name: "钱七", idNumber: HOLDER_ID }, stranger);
    expect(r.status).toBe(429);
    expect(parseBody(r.text).message).toMatch(/^查询过于频繁，请\d+分钟后再试$/);
    expect(Number(r.retryAfter)).toBeGreaterThan(0);
    const limited = await t.db.select().from(certificateLookups).where(eq(certificateLookups.outcome, "limited"));
    expect(limited).toHaveLength(1);
    // An employer at another address still gets the answer.
    const employer = await solvedQuery({ name: "张三", idNumber: HOLDER_ID }, "192.0.2.200");
    expect(employer.status).toBe(200);
    expect(parseBody(employer.text).results).toHaveLength(1);
    // The holder, signed in, too.
    signInAs(p.holder);
    expect(await holderQueryAction({ name: "张三", idNumber: HOLDER_ID })).toMatchObject({ ok: true, results: [expect.objectContaining({ certNo: cert.certNo })] });
    // And the QR code's page.
    expect(await verifyCertificateLink(t.db, cert.verifyToken, { ip: stranger })).toMatchObject({ kind: "verified" });
  });

  it("stops a distributed enumeration of one ID number at 200 queries an hour over all addresses", async () => {
    const id = "520102197001010017";
    for (let a = 0; a < 20; a++) {
      for (let i = 0; i < 10; i++) expect((await solvedQuery({ name: `王${i}`, idNumber: id }, `198.18.${a}.1`)).status).toBe(200);
    }
    expect((await solvedQuery({ name: "王五", idNumber: id }, "198.18.99.1")).status).toBe(429);
    // Another person is unaffected.
    expect((await solvedQuery({ name: "王五", idNumber: "520102197001020013" }, "198.18.99.1")).status).toBe(200);
  }, 60_000);

  it("limits one address to 30 queries per 10 minutes", async () => {
    for (let i = 0; i < 30; i++) {
      expect((await solvedQuery({ name: `甲${i}`, certNo: cert.certNo.slice(0, 12) + String(10000 + i).slice(-5) + "0" }, "198.51.100.99")).status).not.toBe(429);
    }
    const r = await solvedQuery({ name: "乙", idNumber: OTHER_ID }, "198.51.100.99");
    expect(r.status).toBe(429);
    expect(parseBody(r.text).message).toMatch(/查询过于频繁，请10分钟后再试/);
  });

  it("shows a revoked certificate as 已撤销 and a corrected one as 已更正, pointing to a valid current version without its contents", async () => {
    const tx = t.db;
    await revokeCertificate(tx, otherCert.id, "材料造假", p.province.id);
    const revoked = parseBody((await solvedQuery({ name: "李四", idNumber: OTHER_ID })).text);
    expect(revoked.results[0]).toMatchObject({ status: "revoked", currentVersionStatus: null });

    const c = await issueTestCertificate(t.db, { committeeId: p.committee004, actorId: p.gzu.id, name: "孙八", idNumber: "520102198001010018", series: "高校教师", level: "senior_deputy", qualificationName: "副教授", seq: 21 });
    const v2 = await correctCertificate(t.db, c.id, { name: "孙捌", workUnit: "贵州大学计算机科学与技术学院" }, "姓名录入错误", p.gzu.id);
    const old = await solvedQuery({ name: "孙八", certNo: c.certNo });
    const oldBody = parseBody(old.text);
    expect(oldBody.results).toHaveLength(1);
    expect(oldBody.results[0]).toMatchObject({ version: 1, status: "superseded", currentVersionStatus: "valid" });
    expect(old.text).not.toContain("孙捌");
    const current = parseBody((await solvedQuery({ name: "孙捌", certNo: c.certNo })).text);
    expect(current.results).toEqual([expect.objectContaining({ version: v2.version, status: "valid" })]);
  });
});

describe("query in the personal area and the holder's lookup list", () => {
  it("needs a personal account and still any two facts", async () => {
    signInAs(null);
    expect(await holderQueryAction({ name: "张三", idNumber: HOLDER_ID })).toMatchObject({ ok: false, message: "登录已过期，请重新登录" });
    signInAs(p.province);
    expect(await holderQueryAction({ name: "张三", idNumber: HOLDER_ID })).toMatchObject({ ok: false, message: "您无权执行此操作" });
    signInAs(p.stranger);
    expect(await holderQueryAction({ name: "张三" })).toMatchObject({ ok: false, message: TWO_OF_THREE_MESSAGE });
    const r = await holderQueryAction({ name: "张三", certNo: cert.certNo });
    expect(r).toMatchObject({ ok: true, results: [expect.objectContaining({ certNo: cert.certNo, maskedIdNumber: "5201**********0014" })] });
  });

  it("shows the holder when each certificate was checked and how — time and channel only", async () => {
    const lookups = await listHolderLookups(t.db, p.holder.id);
    expect(lookups.length).toBeGreaterThanOrEqual(5);
    expect(new Set(lookups.map((l) => l.channel))).toEqual(new Set(["公开查询（证书核验页面）", "登录用户查询", "扫描二维码核验"]));
    expect(lookups.every((l) => l.certNo === cert.certNo && l.at instanceof Date)).toBe(true);
    expect(Object.keys(lookups[0]).sort()).toEqual(["at", "certNo", "channel"]);
    // Someone else's list holds none of them.
    expect(await listHolderLookups(t.db, p.stranger.id)).not.toContainEqual(expect.objectContaining({ certNo: cert.certNo }));
    const holderRows = await t.db.select().from(certificateLookups).where(and(eq(certificateLookups.channel, "holder"), eq(certificateLookups.certificateId, cert.id)));
    // One by the stranger's account above, one by the holder while a stranger was over his limit.
    expect(holderRows).toHaveLength(2);
  });
});
