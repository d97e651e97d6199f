import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { useTestDb, type TestDb } from "../setup/test-db";

// Server actions are public POST endpoints: call them directly, as an attacker could, with a chosen session.
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.8" }) }));
const revalidated = vi.hoisted(() => [] as unknown[][]);
vi.mock("next/cache", () => ({ revalidatePath: (...args: unknown[]) => void revalidated.push(args) }));

const { decideSubordinateAction } = await import("@/app/_subordinates/actions");
const { protectedAction } = await import("@/lib/actions/safe-action");
const { ForbiddenError } = await import("@/lib/errors");

// The demo seed issues signed certificates (db/seed-backfill.ts).
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
let pendingOrgId: string;
beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const [pending] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.status, "pending"));
  pendingOrgId = pending.id;
});
afterAll(() => t?.close());

async function loginAs(username: string) {
  const [u] = await t.db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, username));
  session.current = { id: u.id, sessionVersion: u.sv };
  return u.id;
}

async function auditRows(actorId: string) {
  return t.db
    .select({ outcome: auditLog.outcome, ip: auditLog.ip, targetId: auditLog.targetId })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), eq(auditLog.action, "org.decide_subordinate")));
}

describe("the shared server-action wrapper", () => {
  it("refuses an anonymous caller without touching the record", async () => {
    session.current = null;
    const r = await decideSubordinateAction({ orgId: pendingOrgId, decision: "approve" });
    expect(r).toMatchObject({ ok: false, message: "登录已过期，请重新登录" });
    const [o] = await t.db.select({ status: orgs.status }).from(orgs).where(eq(orgs.id, pendingOrgId));
    expect(o.status).toBe("pending");
  });

  it("refuses a personal user and records the denial in the audit log", async () => {
    const uid = await loginAs("demo_person");
    const r = await decideSubordinateAction({ orgId: pendingOrgId, decision: "approve" });
    expect(r).toMatchObject({ ok: false, message: "您无权执行此操作" });
    expect(await auditRows(uid)).toEqual([{ outcome: "denied", ip: "203.0.113.8", targetId: null }]);
  });

  it("refuses an official outside the unit's scope (another department)", async () => {
    // demo_dept is 住建厅; the pending 贵阳市第二人民医院 is supervised by 贵阳市卫生健康局.
    const uid = await loginAs("demo_dept");
    const r = await decideSubordinateAction({ orgId: pendingOrgId, decision: "approve" });
    expect(r).toMatchObject({ ok: false, message: "该单位不属于您的管理范围" });
    expect((await auditRows(uid)).map((a) => a.outcome)).toEqual(["denied"]);
  });

  it("validates input with the shared schema: rejecting needs a reason", async () => {
    await loginAs("demo_hrss");
    const r = await decideSubordinateAction({ orgId: pendingOrgId, decision: "reject" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { reason: "驳回时请填写原因" } });
  });

  it("lets the regional HR department approve, writing one success audit row in the same transaction", async () => {
    const uid = await loginAs("demo_hrss");
    const r = await decideSubordinateAction({ orgId: pendingOrgId, decision: "approve" });
    expect(r).toMatchObject({ ok: true, message: "已审核通过" });
    const [o] = await t.db.select({ status: orgs.status, reviewedBy: orgs.reviewedBy }).from(orgs).where(eq(orgs.id, pendingOrgId));
    expect(o).toEqual({ status: "active", reviewedBy: uid });
    expect(await auditRows(uid)).toEqual([{ outcome: "success", ip: "203.0.113.8", targetId: pendingOrgId }]);

    const again = await decideSubordinateAction({ orgId: pendingOrgId, decision: "approve" });
    expect(again).toMatchObject({ ok: false, message: "状态已变化，请刷新后重试" });
  });
});

describe("the wrapper's revalidate option and read-only mode", () => {
  it("revalidates the listed paths only after a successful commit, never after a refusal", async () => {
    await loginAs("demo_hrss");
    revalidated.length = 0;
    const [other] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.status, "active")).limit(1);
    const refused = await decideSubordinateAction({ orgId: other.id, decision: "approve" });
    expect(refused.ok).toBe(false);
    expect(revalidated).toEqual([]);

    const named = protectedAction({
      name: "test.named_revalidate",
      roles: ["hrss"],
      schema: z.object({ orgId: z.uuid() }),
      revalidate: (input) => [{ path: `/hrss/orgs/${input.orgId}`, type: "layout" }, "/hrss"],
      handler: async ({ input }) => ({ data: input.orgId, audit: { targetType: "org", targetId: input.orgId } }),
    });
    expect(await named({ orgId: other.id })).toMatchObject({ ok: true, data: other.id });
    expect(revalidated).toEqual([[`/hrss/orgs/${other.id}`, "layout"], ["/hrss"]]);
  });

  it("runs a read-only action without a transaction, still checking the role and writing its audit row", async () => {
    const spy = vi.spyOn(t.db, "transaction");
    const read = protectedAction({
      name: "test.read_only",
      roles: ["hrss"],
      schema: z.object({ orgId: z.uuid() }),
      readOnly: true,
      handler: async ({ input, tx }) => {
        const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, input.orgId));
        if (!o) throw new ForbiddenError("该单位不属于您的管理范围");
        return { data: o.name, audit: { targetType: "org", targetId: input.orgId } };
      },
    });
    const person = await loginAs("demo_person");
    expect(await read({ orgId: pendingOrgId })).toMatchObject({ ok: false, message: "您无权执行此操作" });
    const uid = await loginAs("demo_hrss");
    expect(await read({ orgId: "nope" })).toMatchObject({ ok: false, fieldErrors: { orgId: expect.any(String) } });
    expect(await read({ orgId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({ ok: false, message: "该单位不属于您的管理范围" });
    expect(await read({ orgId: pendingOrgId })).toMatchObject({ ok: true, data: expect.any(String) });
    expect(spy).not.toHaveBeenCalled();
    spy.mockRestore();
    const rows = await t.db
      .select({ actorId: auditLog.actorId, outcome: auditLog.outcome, targetId: auditLog.targetId })
      .from(auditLog)
      .where(eq(auditLog.action, "test.read_only"));
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        { actorId: person, outcome: "denied", targetId: null },
        { actorId: uid, outcome: "denied", targetId: null },
        { actorId: uid, outcome: "success", targetId: pendingOrgId },
      ]),
    );
  });
});
