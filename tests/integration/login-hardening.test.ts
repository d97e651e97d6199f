import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { registerPerson } from "@/lib/accounts/register";
import { authenticate, loginFailureMessage, type LoginResult } from "@/lib/auth/login";
import { idCheckChar } from "@/lib/validation/id-number";
import { useTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
});
afterAll(() => t?.close());

const RIGHT = "Passw0rd!";
const validResidentId = (first17: string) => first17 + idCheckChar(first17);

async function newAccount(first17: string): Promise<{ id: string; userId: string }> {
  const id = validResidentId(first17);
  const { userId } = await registerPerson(
    t.db,
    { name: "陈晓红", idType: "resident", idNumber: id, phone: "13800000001", password: RIGHT, confirmPassword: RIGHT, consent: true },
    null,
  );
  return { id, userId };
}

function shuffled<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** What the audit log says was done with each attempt on the account. */
async function loginAudit(userId: string) {
  const rows = await t.db
    .select({ outcome: auditLog.outcome, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.targetId, userId)));
  const reason = (d: unknown) => (d as { reason?: string } | null)?.reason;
  return {
    total: rows.length,
    wrongEvaluated: rows.filter((r) => r.outcome === "failure" && reason(r.detail) === "bad_password").length,
    successes: rows.filter((r) => r.outcome === "success").length,
    refusedWhileLocked: rows.filter((r) => r.outcome === "denied" && reason(r.detail) === "locked").length,
  };
}

async function isLocked(userId: string): Promise<boolean> {
  const [row] = await t.db.select({ lockedUntil: users.lockedUntil }).from(users).where(eq(users.id, userId));
  return row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now();
}

describe("login lockout under concurrency", () => {
  for (const [n, first17] of [
    [20, "52010219900101011"],
    [50, "52010219900101021"],
  ] as const) {
    it(`evaluates at most 5 wrong passwords of ${n} parallel attempts (${n - 1} wrong + the right one) and leaves the account locked`, async () => {
      const { id, userId } = await newAccount(first17);
      // Each attempt from its own address: the per-address throttle must not be what stops them.
      const passwords = shuffled([RIGHT, ...Array.from({ length: n - 1 }, (_, i) => `wrong-pass${i}`)]);
      const results = await Promise.all(passwords.map((pw, i) => authenticate(t.db, id, pw, `198.51.100.${i + 1}`)));

      const audit = await loginAudit(userId);
      expect(audit.total).toBe(n);
      expect(audit.wrongEvaluated).toBeLessThanOrEqual(5);
      expect(audit.wrongEvaluated).toBe(5); // 5 of the wrong ones always come before a lock
      expect(await isLocked(userId)).toBe(true);
      // The right password got a session only if it was evaluated before the lock, and never cleared it.
      expect(results.filter((r) => r.ok)).toHaveLength(audit.successes);
      expect(audit.successes + audit.wrongEvaluated + audit.refusedWhileLocked).toBe(n);
    });
  }

  it("gives no session to the right password while the account is locked, and keeps the lock", async () => {
    const { id, userId } = await newAccount("52010219900101031");
    for (let i = 0; i < 5; i++) await authenticate(t.db, id, `wrong-pass${i}`, "198.51.100.200");
    expect(await isLocked(userId)).toBe(true);
    const r = await authenticate(t.db, id, RIGHT, "198.51.100.200");
    expect(r).toEqual({ ok: false, reason: "invalid" });
    expect(await isLocked(userId)).toBe(true);
    expect((await loginAudit(userId)).refusedWhileLocked).toBe(1);
  });
});

describe("login failures do not reveal accounts", () => {
  it("answers an unknown account, a wrong password and a locked account with the same message", async () => {
    const { id: existing } = await newAccount("52010219900101041");
    const { id: locked } = await newAccount("52010219900101051");
    for (let i = 0; i < 5; i++) await authenticate(t.db, locked, `wrong-pass${i}`, "198.51.100.201");

    const outcomes: LoginResult[] = [
      await authenticate(t.db, "no_such_user", "wrong-pass1", "198.51.100.202"),
      await authenticate(t.db, existing, "wrong-pass1", "198.51.100.202"),
      await authenticate(t.db, locked, "wrong-pass1", "198.51.100.202"),
      await authenticate(t.db, locked, RIGHT, "198.51.100.202"),
    ];
    const messages = outcomes.map((r) => (r.ok ? "ok" : loginFailureMessage(r.reason, r.retryAfterMinutes)));
    expect(new Set(messages)).toEqual(new Set(["用户名/证件号码或密码错误"]));
    expect(outcomes.every((r) => !r.ok && Object.keys(r).sort().join() === "ok,reason")).toBe(true);
  });
});

describe("login throttle per client address", () => {
  it("counts 40 failed logins with rotated or spoofed X-Forwarded-For against the one real address, and audits that address", async () => {
    const { recordPeer } = await import("@/scripts/forwarded-headers.mjs");
    const { clientIpFromHeaders } = await import("@/lib/auth/request-ip");
    const peer = "203.0.113.77";
    const results: LoginResult[] = [];
    for (let i = 0; i < 40; i++) {
      const sent = i % 2 ? { "x-forwarded-for": `198.51.100.${i}` } : { "x-forwarded-for": `198.51.100.${i}, ${peer}` };
      const req = { headers: sent, socket: { remoteAddress: peer } } as unknown as import("node:http").IncomingMessage;
      recordPeer(req, 0);
      const ip = clientIpFromHeaders(new Headers(req.headers as Record<string, string>), 0);
      results.push(await authenticate(t.db, `nobody_${i}`, "wrong-pass1", ip));
    }
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(10);
    const rows = await t.db.select({ ip: auditLog.ip, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, "auth.login"));
    const ofThisRun = rows.filter((r) => String((r.detail as { identifier?: string }).identifier).startsWith("nobody_"));
    expect(ofThisRun).toHaveLength(40);
    expect(new Set(ofThisRun.map((r) => r.ip))).toEqual(new Set([peer]));
  });
});
