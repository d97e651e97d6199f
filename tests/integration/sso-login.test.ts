import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/db/schema";
import { registerPerson } from "@/lib/accounts/register";
import { authenticate } from "@/lib/auth/login";
import { ssoConfig } from "@/lib/auth/oidc-config";
import { findSsoUser, readSsoIdentity, signInWithSso, ssoFailureMessage, type SsoIdentity } from "@/lib/auth/oidc-login";
import { listPhotosForReview } from "@/lib/photo-review/queries";
import { insertRecords } from "../helpers/backfill-fixtures";
import { createRosterFixture } from "../helpers/roster-fixtures";
import { personName, residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(() => t?.close());

const ISSUER = "https://sso.example.gov.cn";
const IP = "203.0.113.9";
const config = ssoConfig({ SSO_ISSUER: ISSUER, SSO_CLIENT_ID: "gz-title", SSO_CLIENT_SECRET: "secret" })!;

function identity(n: number, over: Partial<SsoIdentity> = {}): SsoIdentity {
  const read = readSsoIdentity(config, `sub-${n}`, { id_number: residentId(n, "520103"), name: personName(n), phone_number: "13900000000" });
  if (!read.ok) throw new Error(read.reason);
  return { ...read.identity, ...over };
}

async function selfRegister(n: number, name = personName(n)): Promise<string> {
  const pw = "Passw0rd!";
  const { userId } = await registerPerson(
    t.db,
    { name, idType: "resident", idNumber: residentId(n, "520103"), phone: "13800000001", password: pw, confirmPassword: pw, consent: true },
    null,
  );
  return userId;
}

async function account(idNumber: string) {
  const [row] = await t.db
    .select({
      id: users.id,
      name: users.name,
      role: users.role,
      status: users.status,
      assurance: users.identityAssurance,
      verifiedAt: users.identityVerifiedAt,
      issuer: users.oidcIssuer,
      subject: users.oidcSubject,
    })
    .from(users)
    .where(and(eq(users.idType, "resident"), eq(users.idNumber, idNumber)));
  return row;
}

async function ssoAudit(subject: string) {
  const rows = await t.db.select().from(auditLog).where(eq(auditLog.action, "auth.sso_login"));
  return rows.filter((r) => (r.detail as { subject?: string } | null)?.subject === subject);
}

describe("SSO configuration", () => {
  it("is off without SSO_ISSUER, SSO_CLIENT_ID and SSO_CLIENT_SECRET, and refuses a half configuration", () => {
    expect(ssoConfig({})).toBeNull();
    expect(() => ssoConfig({ SSO_ISSUER: ISSUER })).toThrow(/must be set together/);
    expect(config).toMatchObject({ name: "贵州政务服务网统一身份认证", claims: { idNumber: "id_number", name: "name", phone: "phone_number" } });
    expect(ssoConfig({ SSO_ISSUER: ISSUER, SSO_CLIENT_ID: "a", SSO_CLIENT_SECRET: "b", SSO_CLAIM_ID_NUMBER: "idcard", SSO_NAME: "统一认证" })).toMatchObject({
      name: "统一认证",
      claims: { idNumber: "idcard" },
    });
  });

  it("refuses claims without an ID number or name, and an ID number that fails the GB 11643 check", () => {
    expect(readSsoIdentity(config, "s", { name: "张三" })).toMatchObject({ ok: false, reason: "missing_claims" });
    expect(readSsoIdentity(config, "s", { name: "张三", id_number: "520103198805060000" })).toMatchObject({ ok: false, reason: "invalid_id" });
    // Full-width digits and a lower-case x are the same number once normalised.
    const id = residentId(7, "520103");
    const wide = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(readSsoIdentity(config, "s", { name: "张三", id_number: wide })).toMatchObject({ ok: true, identity: { idNumber: id } });
  });
});

describe("SSO login: find, link or create the local account", () => {
  it("creates an active 实名核验 person account on the first login of an unknown ID number, with no usable password", async () => {
    const who = identity(1);
    const r = await signInWithSso(t.db, who, IP);
    expect(r).toMatchObject({ ok: true, via: "created", user: { role: "person", name: personName(1) } });
    const row = await account(who.idNumber);
    expect(row).toMatchObject({ role: "person", status: "active", assurance: "verified", issuer: ISSUER, subject: "sub-1" });
    expect(row.verifiedAt).toBeInstanceOf(Date);
    expect(await ssoAudit("sub-1")).toEqual([expect.objectContaining({ outcome: "success", ip: IP, targetId: row.id, detail: expect.objectContaining({ via: "created" }) })]);
    // No password was ever chosen: the ID number and a guess do not sign in.
    expect(await authenticate(t.db, who.idNumber, "Passw0rd!", null)).toMatchObject({ ok: false, reason: "invalid" });
    // The JWT is issued for this local account.
    expect(await findSsoUser(t.db, ISSUER, "sub-1")).toMatchObject({ id: row.id, role: "person", sessionVersion: 1 });
  });

  it("links a self-registered account with the same ID number and name, marks it 实名核验, and signs in to it", async () => {
    const userId = await selfRegister(2);
    const who = identity(2);
    expect((await account(who.idNumber)).assurance).toBe("self_registered");
    const r = await signInWithSso(t.db, who, IP);
    expect(r).toMatchObject({ ok: true, via: "link", user: { id: userId } });
    expect(await account(who.idNumber)).toMatchObject({ id: userId, assurance: "verified", issuer: ISSUER, subject: "sub-2" });
    // The next login finds it by the link.
    expect(await signInWithSso(t.db, who, IP)).toMatchObject({ ok: true, via: "linked", user: { id: userId } });
    expect((await ssoAudit("sub-2")).map((a) => (a.detail as { via: string }).via)).toEqual(["link", "linked"]);
  });

  it("refuses an ID number registered under another name, leaves that account untouched and names the dispute path", async () => {
    const userId = await selfRegister(3, "冒用者");
    const who = identity(3);
    const r = await signInWithSso(t.db, who, IP);
    expect(r).toEqual({ ok: false, reason: "name_mismatch" });
    expect(ssoFailureMessage("name_mismatch")).toContain("注册姓名与统一身份认证的实名信息不一致");
    expect(ssoFailureMessage("name_mismatch")).toContain("身份冒用申诉");
    expect(await account(who.idNumber)).toMatchObject({ id: userId, name: "冒用者", assurance: "self_registered", issuer: null, subject: null });
    expect(await ssoAudit("sub-3")).toEqual([
      expect.objectContaining({ outcome: "denied", ip: IP, targetId: userId, detail: expect.objectContaining({ reason: "name_mismatch" }) }),
    ]);
  });

  it("refuses a second SSO identity for an ID number already linked to another one", async () => {
    await signInWithSso(t.db, identity(4), IP);
    const r = await signInWithSso(t.db, identity(4, { subject: "someone-else" }), IP);
    expect(r).toEqual({ ok: false, reason: "identity_conflict" });
    expect((await account(identity(4).idNumber)).subject).toBe("sub-4");
    expect(await ssoAudit("someone-else")).toEqual([expect.objectContaining({ outcome: "denied", detail: expect.objectContaining({ reason: "identity_conflict" }) })]);
  });

  it("does not sign in to a disabled account", async () => {
    const userId = await selfRegister(5);
    await t.db.update(users).set({ status: "disabled" }).where(eq(users.id, userId));
    expect(await signInWithSso(t.db, identity(5), IP)).toEqual({ ok: false, reason: "disabled" });
    expect(ssoFailureMessage("disabled")).toBe("该账号已被停用，请联系所属单位或上级主管部门");
  });

  it("gives one account to two simultaneous first logins of the same person", async () => {
    const who = identity(6);
    const results = await Promise.all([signInWithSso(t.db, who, IP), signInWithSso(t.db, who, IP)]);
    expect(results.every((r) => r.ok)).toBe(true);
    const ids = new Set(results.map((r) => (r.ok ? r.user.id : null)));
    expect(ids.size).toBe(1);
  });
});

describe("photo review shows the holder's account assurance and registration time", () => {
  it("shows 实名核验 for an SSO account, 自行注册 for a self-registered one, and none when the holder has no account", async () => {
    const f = await createRosterFixture(t.db);
    const n0 = 900_000;
    const ids = await insertRecords(t.db, { committeeId: f.committee001, count: 3, start: n0, status: "photo_submitted", photoBy: f.person.id });
    // Records use residentId(n) of region 520102: the holders' accounts carry the same document.
    const [verified] = await t.db
      .insert(users)
      .values({ role: "person", name: personName(n0), idType: "resident", idNumber: residentId(n0), passwordHash: "x", identityAssurance: "verified" })
      .returning();
    await t.db.insert(users).values({ role: "person", name: personName(n0 + 1), idType: "resident", idNumber: residentId(n0 + 1), passwordHash: "x" });
    const grid = await listPhotosForReview(t.db, f.province, f.committee001, { tab: "pending", page: 1 });
    const byId = new Map(grid.rows.map((r) => [r.id, r]));
    expect(byId.get(ids[0])).toMatchObject({ holderAssurance: "verified", holderRegisteredAt: expect.stringMatching(/\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}/) });
    expect(verified.createdAt).toBeInstanceOf(Date);
    expect(byId.get(ids[1])).toMatchObject({ holderAssurance: "self_registered" });
    expect(byId.get(ids[2])).toMatchObject({ holderAssurance: null, holderRegisteredAt: null });
  });
});
