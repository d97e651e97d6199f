import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { changeOwnPassword, disableUser, endAllSessions } from "@/lib/accounts/admin";
import { registerPerson, registerUnit } from "@/lib/accounts/register";
import { authenticate } from "@/lib/auth/login";
import { idCheckChar } from "@/lib/validation/id-number";
import { creditCodeCheckChar } from "@/lib/validation/credit-code";
import { decideSubordinateOrg } from "@/lib/orgs/subordinates";
import { useTestDb, type TestDb } from "../setup/test-db";

// next-auth's auth() needs a request; the tests hand getCurrentUser() the JWT claims directly.
const sessionClaims = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({
  auth: async () => (sessionClaims.current ? { user: { ...sessionClaims.current, role: "person", orgId: null } } : null),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.7" }) }));

const { getCurrentUser } = await import("@/lib/auth/session");

function validResidentId(first17: string): string {
  return first17 + idCheckChar(first17);
}

// The demo seed issues signed certificates (db/seed-backfill.ts).
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
});
afterAll(() => t?.close());
beforeEach(() => {
  sessionClaims.current = null;
});

async function auditCount(action: string, targetId?: string) {
  const rows = await t.db
    .select({ id: auditLog.id, outcome: auditLog.outcome })
    .from(auditLog)
    .where(targetId ? and(eq(auditLog.action, action), eq(auditLog.targetId, targetId)) : eq(auditLog.action, action));
  return rows;
}

const personInput = (idNumber: string) => ({
  name: "陈晓红",
  idType: "resident" as const,
  idNumber,
  phone: "13800000001",
  password: "Passw0rd!",
  confirmPassword: "Passw0rd!",
  consent: true,
});

describe("personal registration", () => {
  const id = validResidentId("52010219851201002"); // digit 17 = 2 → female

  it("stores the normalised ID with birth date and sex derived, and audits the registration", async () => {
    const fullWidth = id.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).toLowerCase();
    const { userId } = await registerPerson(t.db, personInput(` ${fullWidth} `), "198.51.100.1");
    const [row] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(row.idNumber).toBe(id);
    expect(row.birthDate).toBe("1985-12-01");
    expect(row.gender).toBe("female");
    expect(row.passwordHash.startsWith("$argon2id$")).toBe(true);
    expect(row.sensitiveConsentAt).not.toBeNull();
    const audits = await auditCount("account.register_person", userId);
    expect(audits).toHaveLength(1);
  });

  it("rejects a second account for the same normalised ID number with a message naming the problem", async () => {
    await expect(registerPerson(t.db, personInput(id.toLowerCase()), null)).rejects.toThrow("该证件号码已注册");
    const rows = await t.db.select({ id: users.id }).from(users).where(eq(users.idNumber, id));
    expect(rows).toHaveLength(1);
  });

  it("logs in by ID number as well as by username", async () => {
    const byId = await authenticate(t.db, id, "Passw0rd!", "198.51.100.1");
    expect(byId.ok).toBe(true);
    const byUsername = await authenticate(t.db, "demo_province", "Demo@2026", "198.51.100.1");
    expect(byUsername.ok).toBe(true);
  });
});

describe("login lockout", () => {
  const id = validResidentId("52030219900101003");

  it("locks the account after 5 failures within 15 minutes, even for the right password, and audits every attempt", async () => {
    const { userId } = await registerPerson(t.db, personInput(id), null);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await authenticate(t.db, id, "wrong-pass1", "198.51.100.2"));
    expect(results.map((r) => r.ok === false && r.reason)).toEqual(["invalid", "invalid", "invalid", "invalid", "invalid"]);

    const withRightPassword = await authenticate(t.db, id, "Passw0rd!", "198.51.100.2");
    expect(withRightPassword).toEqual({ ok: false, reason: "invalid" });

    const [row] = await t.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId));
    const minutes = (row.lockedUntil!.getTime() - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(29);
    expect(minutes).toBeLessThanOrEqual(30.1);

    const audits = await auditCount("auth.login", userId);
    expect(audits.map((a) => a.outcome)).toEqual(["failure", "failure", "failure", "failure", "failure", "denied"]);
  });

  it("lets the user in again once the lock has expired, and counts failures in a new window after it", async () => {
    // A lock lasts 30 minutes, longer than the 15-minute window: when it ends, the window has ended too.
    const past = new Date(Date.now() - 31 * 60000);
    await t.db.update(users).set({ lockedUntil: new Date(Date.now() - 1000), firstFailedAt: past }).where(eq(users.idNumber, id));
    const r = await authenticate(t.db, id, "Passw0rd!", "198.51.100.2");
    expect(r.ok).toBe(true);
    await authenticate(t.db, id, "wrong-pass1", "198.51.100.2");
    const [row] = await t.db.select({ failed: users.failedLogins, lockedUntil: users.lockedUntil }).from(users).where(eq(users.idNumber, id));
    expect(row).toEqual({ failed: 1, lockedUntil: null });
  });

  it("does not reveal whether an account exists", async () => {
    const r = await authenticate(t.db, "no_such_user", "whatever1", "198.51.100.3");
    expect(r).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("session version", () => {
  it("ends existing sessions on sign-out, password change or when the account is disabled", async () => {
    const id = validResidentId("52040219800505005");
    const { userId } = await registerPerson(t.db, personInput(id), null);
    sessionClaims.current = { id: userId, sessionVersion: 1 };
    expect((await getCurrentUser())?.id).toBe(userId);

    await t.db.transaction((tx) => changeOwnPassword(tx, userId, "Passw0rd!", "NewPassw0rd"));
    expect(await getCurrentUser()).toBeNull();
    sessionClaims.current = { id: userId, sessionVersion: 2 };
    expect((await getCurrentUser())?.id).toBe(userId);

    await endAllSessions(t.db, userId); // sign-out
    expect(await getCurrentUser()).toBeNull();
    sessionClaims.current = { id: userId, sessionVersion: 3 };
    expect((await getCurrentUser())?.id).toBe(userId);

    await t.db.transaction((tx) => disableUser(tx, userId));
    expect(await getCurrentUser()).toBeNull();
    sessionClaims.current = { id: userId, sessionVersion: 4 };
    expect(await getCurrentUser()).toBeNull(); // disabled, whatever the version
    expect(await authenticate(t.db, id, "NewPassw0rd", null)).toMatchObject({ ok: false, reason: "disabled" });
  });
});

describe("unit registration and approval", () => {
  const prefix = "91520102MA6DEMO01";
  const creditCode = prefix + creditCodeCheckChar(prefix);

  async function orgByName(name: string) {
    const [o] = await t.db.select().from(orgs).where(eq(orgs.name, name));
    return o;
  }

  it("stays pending until the supervising department approves it; other departments are refused", async () => {
    const gy = await orgByName("贵阳市人力资源和社会保障局");
    const zjt = await orgByName("贵州省住房和城乡建设厅");
    const wjw = await orgByName("贵州省卫生健康委员会");
    const { orgId } = await registerUnit(
      t.db,
      {
        creditCode: creditCode.toLowerCase(),
        name: "贵州黔筑工程咨询有限公司",
        regionOrgId: gy.id,
        supervisorId: zjt.id,
        contactName: "赵丽",
        contactPhone: "13900000002",
        username: "qianzhu_admin",
        password: "Unit2026ok",
        confirmPassword: "Unit2026ok",
      },
      "198.51.100.4",
    );
    const created = await t.db.select().from(orgs).where(eq(orgs.id, orgId));
    expect(created[0]).toMatchObject({ status: "pending", creditCode, supervisorId: zjt.id, parentId: gy.id });
    expect(await authenticate(t.db, "qianzhu_admin", "Unit2026ok", null)).toMatchObject({ ok: false, reason: "pending" });

    const otherDept = { id: randomUUID(), role: "dept" as const, orgId: wjw.id };
    await expect(t.db.transaction((tx) => decideSubordinateOrg(tx, otherDept, orgId, "approve"))).rejects.toThrow(
      "不属于您的管理范围",
    );

    const [zjtUser] = await t.db.select().from(users).where(eq(users.orgId, zjt.id));
    const actor = { id: zjtUser.id, role: "dept" as const, orgId: zjt.id };
    await t.db.transaction((tx) => decideSubordinateOrg(tx, actor, orgId, "approve"));
    expect(await authenticate(t.db, "qianzhu_admin", "Unit2026ok", null)).toMatchObject({ ok: true });

    // A repeated approval finds the state already changed.
    await expect(t.db.transaction((tx) => decideSubordinateOrg(tx, actor, orgId, "approve"))).rejects.toThrow("状态已变化");

    await t.db.transaction((tx) => decideSubordinateOrg(tx, actor, orgId, "disable", "资质过期"));
    expect(await authenticate(t.db, "qianzhu_admin", "Unit2026ok", null)).toMatchObject({ ok: false, reason: "disabled" });
  });

  it("rejects a duplicate 统一社会信用代码", async () => {
    const gy = await orgByName("贵阳市人力资源和社会保障局");
    const zjt = await orgByName("贵州省住房和城乡建设厅");
    await expect(
      registerUnit(
        t.db,
        {
          creditCode,
          name: "另一个公司",
          regionOrgId: gy.id,
          supervisorId: zjt.id,
          contactName: "钱多",
          contactPhone: "13900000003",
          username: "another_admin",
          password: "Unit2026ok",
          confirmPassword: "Unit2026ok",
        },
        null,
      ),
    ).rejects.toThrow("该统一社会信用代码已注册");
  });

  it("lets the regional HR department approve too (pending demo unit under 贵阳)", async () => {
    const [pending] = await t.db.select().from(orgs).where(eq(orgs.status, "pending"));
    const gy = await orgByName("贵阳市人力资源和社会保障局");
    const [gyUser] = await t.db.select().from(users).where(eq(users.orgId, gy.id));
    await t.db.transaction((tx) => decideSubordinateOrg(tx, { id: gyUser.id, role: "hrss", orgId: gy.id }, pending.id, "reject", "材料不全"));
    const [after] = await t.db.select().from(orgs).where(eq(orgs.id, pending.id));
    expect(after).toMatchObject({ status: "rejected", rejectReason: "材料不全" });
  });
});
