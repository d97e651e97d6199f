/**
 * Role grants (docs/domain.md §1 "Accounts"): one person, several grants, one active grant per session.
 * Server actions are called directly, as an attacker could, with a chosen session (JWT claims).
 */
import { readFileSync } from "node:fs";
import { and, asc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, orgs, roleGrants, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { useTestDb, type TestDb } from "../setup/test-db";

type Claims = { id: string; sessionVersion: number; grantId?: string | null; sid?: string | null };
const session = vi.hoisted(() => ({ current: null as null | Claims, updates: [] as unknown[] }));
vi.mock("@/auth", () => ({
  auth: async () => (session.current ? { user: session.current } : null),
  unstable_update: async (data: unknown) => void session.updates.push(data),
}));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";
process.env.AUTH_SECRET ??= "role-grants-test-auth-secret-0123456789abcdef";

const { switchGrantAction } = await import("@/app/_area/grant-actions");
const { protectedAction } = await import("@/lib/actions/safe-action");
const { getCurrentUser } = await import("@/lib/auth/session");
const { authConfig } = await import("@/auth.config");
/** Auth.js's jwt callback, as its session endpoint calls it. */
const jwt = (params: object) =>
  authConfig.callbacks.jwt(params as Parameters<typeof authConfig.callbacks.jwt>[0]) as Promise<{ grantId?: string } | null>;

// Two stand-in actions, one per role: what a real expert-only or person-only action checks.
const expertOnly = protectedAction({
  name: "test.expert_only",
  roles: ["expert"],
  schema: z.object({}),
  handler: async ({ user }) => ({ data: user.orgName, audit: { targetType: "test", targetId: user.grantId } }),
});
const personOnly = protectedAction({
  name: "test.person_only",
  roles: ["person"],
  schema: z.object({}),
  handler: async ({ user }) => ({ data: user.role, audit: { targetType: "test", targetId: user.grantId } }),
});

let t: TestDb;
let zhang: { id: string; sv: number; personGrant: string; expertGrant: string };
let liGrant: string;

async function account(username: string) {
  const [u] = await t.db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, username));
  const grants = await t.db.select({ id: roleGrants.id, role: roleGrants.role }).from(roleGrants).where(eq(roleGrants.userId, u.id));
  return { ...u, grants };
}

/** What the browser does after the switch action: Auth.js runs the jwt callback with the update, then the next request carries the token. */
async function applySessionUpdate() {
  const update = session.updates.pop();
  const token = await jwt({
    token: { uid: session.current!.id, sv: session.current!.sessionVersion, loginAt: Math.floor(Date.now() / 1000), grantId: session.current!.grantId ?? undefined },
    trigger: "update",
    session: update,
  });
  session.current = { ...session.current!, grantId: token?.grantId ?? null };
}

async function switchTo(grantId: string): Promise<{ redirectedTo?: string; result?: unknown }> {
  const form = new FormData();
  form.set("grantId", grantId);
  try {
    return { result: await switchGrantAction(null, form) };
  } catch (err) {
    const to = (err as { to?: string }).to;
    if (!to) throw err;
    return { redirectedTo: to };
  }
}

async function auditOf(actorId: string, action: string) {
  return t.db
    .select({ outcome: auditLog.outcome, actorRole: auditLog.actorRole, targetId: auditLog.targetId, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, action)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const z = await account("demo_person");
  zhang = { id: z.id, sv: z.sv, personGrant: z.grants.find((g) => g.role === "person")!.id, expertGrant: z.grants.find((g) => g.role === "expert")!.id };
  liGrant = (await account("demo_expert")).grants[0].id;
});
afterAll(() => t?.close());
beforeEach(() => {
  session.current = { id: zhang.id, sessionVersion: zhang.sv };
  session.updates.length = 0;
});

describe("the grant migration and the default grant", () => {
  it("gives every existing user exactly one grant equal to its role and organisation, and is idempotent", async () => {
    const statements = readFileSync("db/sql/role-grants.sql", "utf8").split("--> statement-breakpoint");
    const backfill = statements.find((s) => s.includes('INSERT INTO "role_grants"') && s.includes('FROM "users"'))!;
    const [gzu] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, "贵州大学"));
    // Accounts as they were before the migration: no grant rows.
    await t.db.execute(sql`ALTER TABLE users DISABLE TRIGGER users_default_grant`);
    const before = await t.db
      .insert(users)
      .values([
        { username: "m_person", role: "person", name: "赵一", passwordHash: "x" },
        { username: "m_unit", role: "self_unit", orgId: gzu.id, name: "钱二", passwordHash: "x" },
        { username: "m_expert", role: "expert", orgId: gzu.id, name: "孙三", passwordHash: "x" },
      ])
      .returning({ id: users.id, role: users.role, orgId: users.orgId });
    await t.db.execute(sql`ALTER TABLE users ENABLE TRIGGER users_default_grant`);

    await t.db.execute(sql.raw(backfill));
    await t.db.execute(sql.raw(backfill));

    for (const u of before) {
      const grants = await t.db.select({ role: roleGrants.role, orgId: roleGrants.orgId, status: roleGrants.status }).from(roleGrants).where(eq(roleGrants.userId, u.id));
      expect(grants).toEqual([{ role: u.role, orgId: u.orgId, status: "active" }]);
    }
    // And across the whole database: each user holds its default grant (no committee or term) exactly
    // once. A 评委会成员 may also hold a grant of the same role and organisation bound to a committee term.
    const counts = await t.db
      .select({ id: users.id, n: sql<number>`count(${roleGrants.id})::int` })
      .from(users)
      .leftJoin(
        roleGrants,
        and(
          eq(roleGrants.userId, users.id),
          eq(roleGrants.role, users.role),
          sql`${roleGrants.orgId} is not distinct from ${users.orgId}`,
          sql`${roleGrants.committeeId} is null and ${roleGrants.termId} is null`,
        ),
      )
      .groupBy(users.id);
    expect(counts.filter((c) => c.n !== 1)).toEqual([]);
  });

  it("gives a new account its default grant, whatever code inserts it", async () => {
    const [u] = await t.db.insert(users).values({ username: "new_dept", role: "dept", name: "李明", passwordHash: "x" }).returning({ id: users.id });
    const grants = await t.db.select({ role: roleGrants.role, orgId: roleGrants.orgId }).from(roleGrants).where(eq(roleGrants.userId, u.id));
    expect(grants).toEqual([{ role: "dept", orgId: null }]);
  });

  it("refuses a second active copy of the same grant", async () => {
    const [gzu] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, "贵州大学"));
    await expect(t.db.insert(roleGrants).values({ userId: zhang.id, role: "expert", orgId: gzu.id })).rejects.toThrow();
    await expect(t.db.insert(roleGrants).values({ userId: zhang.id, role: "person" })).rejects.toThrow();
  });
});

describe("one person, two grants, one active grant", () => {
  it("starts a login under the default grant (users.role) and lists both grants for the switcher", async () => {
    const user = await getCurrentUser();
    expect(user).toMatchObject({ role: "person", orgId: null, grantId: zhang.personGrant });
    expect(user!.grants.map((g) => [g.role, g.orgName])).toEqual([
      ["person", null],
      ["expert", "贵州大学"],
    ]);
  });

  it("follows the active grant: an expert action is refused as 申报人, allowed after switching to 专家, and a person action is then refused", async () => {
    expect(await expertOnly({})).toMatchObject({ ok: false, message: "您无权执行此操作" });

    const { redirectedTo } = await switchTo(zhang.expertGrant);
    expect(redirectedTo).toBe("/expert");
    await applySessionUpdate();
    expect(session.current!.grantId).toBe(zhang.expertGrant);

    expect(await expertOnly({})).toEqual({ ok: true, data: "贵州大学", message: undefined });
    expect(await personOnly({})).toMatchObject({ ok: false, message: "您无权执行此操作" });

    expect(await auditOf(zhang.id, "auth.switch_grant")).toEqual([
      { outcome: "success", actorRole: "person", targetId: zhang.expertGrant, detail: { fromGrant: zhang.personGrant, fromRole: "person", toRole: "expert" } },
    ]);
    expect((await auditOf(zhang.id, "test.expert_only")).map((a) => [a.outcome, a.actorRole])).toEqual([
      ["denied", "person"],
      ["success", "expert"],
    ]);
    expect((await auditOf(zhang.id, "test.person_only")).map((a) => [a.outcome, a.actorRole])).toEqual([["denied", "expert"]]);

    // And back.
    expect((await switchTo(zhang.personGrant)).redirectedTo).toBe("/person");
    await applySessionUpdate();
    expect(await personOnly({})).toMatchObject({ ok: true, data: "person" });
  });

  it("stops honouring a revoked grant at the next request: the session falls back to the default grant", async () => {
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: zhang.expertGrant };
    expect(await expertOnly({})).toMatchObject({ ok: true });
    await t.db.update(roleGrants).set({ status: "revoked", revokedAt: new Date() }).where(eq(roleGrants.id, zhang.expertGrant));
    try {
      expect(await getCurrentUser()).toMatchObject({ role: "person", grantId: zhang.personGrant });
      expect((await getCurrentUser())!.grants.map((g) => g.role)).toEqual(["person"]);
      expect(await expertOnly({})).toMatchObject({ ok: false, message: "您无权执行此操作" });
      // Nor can the revoked grant be switched to again.
      expect((await switchTo(zhang.expertGrant)).result).toMatchObject({ ok: false, message: "该身份不可用或已失效，请刷新页面后重试" });
      expect((await auditOf(zhang.id, "auth.switch_grant")).at(-1)).toMatchObject({ outcome: "denied", targetId: null });
    } finally {
      await t.db.update(roleGrants).set({ status: "active", revokedAt: null }).where(eq(roleGrants.id, zhang.expertGrant));
    }
  });

  it("stops honouring an expired grant, and one not yet valid", async () => {
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: zhang.expertGrant };
    await t.db.update(roleGrants).set({ validTo: sql`now() - interval '1 minute'` }).where(eq(roleGrants.id, zhang.expertGrant));
    expect(await getCurrentUser()).toMatchObject({ role: "person" });
    await t.db.update(roleGrants).set({ validTo: null, validFrom: sql`now() + interval '1 day'` }).where(eq(roleGrants.id, zhang.expertGrant));
    expect(await getCurrentUser()).toMatchObject({ role: "person" });
    await t.db.update(roleGrants).set({ validFrom: sql`now() - interval '1 day'` }).where(eq(roleGrants.id, zhang.expertGrant));
    expect(await getCurrentUser()).toMatchObject({ role: "expert" });
  });

  it("ends the session when no usable grant is left", async () => {
    await t.db.update(roleGrants).set({ status: "revoked" }).where(eq(roleGrants.userId, zhang.id));
    try {
      expect(await getCurrentUser()).toBeNull();
      expect(await personOnly({})).toMatchObject({ ok: false, message: "登录已过期，请重新登录" });
    } finally {
      await t.db.update(roleGrants).set({ status: "active" }).where(eq(roleGrants.userId, zhang.id));
    }
  });

  it("refuses a token carrying another person's grant id: the session ends, nothing runs under that grant", async () => {
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: liGrant };
    expect(await getCurrentUser()).toBeNull();
    expect(await expertOnly({})).toMatchObject({ ok: false, message: "登录已过期，请重新登录" });
    expect(await auditOf(zhang.id, "test.expert_only").then((rows) => rows.filter((r) => r.outcome === "success" && r.actorRole === "expert" && r.targetId === liGrant))).toEqual([]);
  });

  it("refuses to switch to another person's grant and audits the refusal", async () => {
    const { result } = await switchTo(liGrant);
    expect(result).toMatchObject({ ok: false, message: "该身份不可用或已失效，请刷新页面后重试" });
    expect(session.updates).toEqual([]);
    expect((await auditOf(zhang.id, "auth.switch_grant")).at(-1)).toMatchObject({ outcome: "denied", actorRole: "person" });
  });

  it("keeps a switch when a stale cookie (the token from before the switch) comes back, within that login session only", async () => {
    const sid = crypto.randomUUID();
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: null, sid };
    expect((await switchTo(zhang.expertGrant)).redirectedTo).toBe("/expert");
    // A response to a request sent before the switch re-set the old token: same sid, no grant id.
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: null, sid };
    expect(await getCurrentUser()).toMatchObject({ role: "expert", grantId: zhang.expertGrant });
    expect(await expertOnly({})).toMatchObject({ ok: true });
    // Another login (a new sid) starts under the default grant.
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: null, sid: crypto.randomUUID() };
    expect(await getCurrentUser()).toMatchObject({ role: "person", grantId: zhang.personGrant });
    // Someone else's token naming this sid gets nothing from it.
    const li = await account("demo_unit");
    session.current = { id: li.id, sessionVersion: li.sv, grantId: null, sid };
    expect((await getCurrentUser())?.grantId).not.toBe(zhang.expertGrant);
    // Switching back in the same session sticks too.
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: zhang.expertGrant, sid };
    expect((await switchTo(zhang.personGrant)).redirectedTo).toBe("/person");
    session.current = { id: zhang.id, sessionVersion: zhang.sv, grantId: zhang.expertGrant, sid };
    expect(await getCurrentUser()).toMatchObject({ role: "person", grantId: zhang.personGrant });
  });

  it("ignores a session update that does not carry the switch action's ticket for this user", async () => {
    const base = { uid: zhang.id, sv: zhang.sv, loginAt: Math.floor(Date.now() / 1000) };
    // What a browser could POST to /api/auth/session itself.
    expect((await jwt({ token: { ...base }, trigger: "update", session: { grantId: zhang.expertGrant } }))?.grantId).toBeUndefined();
    expect((await jwt({ token: { ...base }, trigger: "update", session: { grantSwitch: `${zhang.expertGrant}.${Date.now() + 60_000}.AAAA` } }))?.grantId).toBeUndefined();
    // A genuine ticket made for someone else does not transfer.
    const { signGrantSwitch } = await import("@/lib/auth/grant-switch");
    const other = await signGrantSwitch("00000000-0000-4000-8000-000000000000", zhang.expertGrant);
    expect((await jwt({ token: { ...base }, trigger: "update", session: { grantSwitch: other } }))?.grantId).toBeUndefined();
    const own = await signGrantSwitch(zhang.id, zhang.expertGrant);
    expect((await jwt({ token: { ...base }, trigger: "update", session: { grantSwitch: own } }))?.grantId).toBe(zhang.expertGrant);
  });
});
