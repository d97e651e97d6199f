import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { useTestDb, type TestDb } from "../setup/test-db";

// Server actions are public POST endpoints: call them directly, as an attacker could, with a chosen session.
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.8" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));

const { decideSubordinateAction } = await import("@/app/_area/subordinate-actions");

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
