import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, idDisputes, notifications, rateLimits, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { idCheckChar } from "@/lib/validation/id-number";
import { solvedCaptcha } from "../helpers/captcha";
import { useTestDb, type TestDb } from "../setup/test-db";

// 证件号码被占用申诉 (docs/domain.md §11).
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.40" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => {} }));
process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const filingRoute = await import("@/app/api/disputes/route");
const proofRoute = await import("@/app/api/disputes/[id]/proof/route");
const { decideDisputeAction } = await import("@/app/(hrss)/hrss/disputes/actions");
const { getCurrentUser } = await import("@/lib/auth/session");

const id = (first17: string) => first17 + idCheckChar(first17);
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a1d6b5c40000000049454e44ae426082", "hex");

let t: TestDb;
let hrssGy: string; // demo_hrss, 贵阳市人社局
let hrssOther: string; // another 人社部门
let n = 0;

async function occupant(idNumber: string) {
  const [u] = await t.db.insert(users).values({ role: "person", name: "冒名者", idType: "resident", idNumber, passwordHash: "x" }).returning({ id: users.id });
  return u.id;
}
async function file(idNumber: string, proof: Buffer, name = "proof.pdf") {
  n += 1;
  await t.db.delete(rateLimits); // every filing here is one address; the per-address limit is not under test

  const form = new FormData();
  const fields = {
    name: "赵真人", idType: "resident", idNumber, phone: "13800000000", username: `filer_${n}_${Date.now() % 100000}`, password: "Passw0rd!x",
    confirmPassword: "Passw0rd!x", statement: "本人证件号码被他人注册，附身份证扫描件。", consent: "true", ...(await solvedCaptcha()),
  };
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set("proof", new File([new Uint8Array(proof)], name, { type: "application/pdf" }));
  const res = await filingRoute.POST(new Request("http://localhost:3000/api/disputes", { method: "POST", body: form, headers: { "sec-fetch-site": "same-origin" } }));
  return { status: res.status, body: (await res.json()) as { ok: boolean; message: string; disputeId?: string; fieldErrors?: Record<string, string> }, username: fields.username };
}
function as(userId: string) {
  session.current = { id: userId, sessionVersion: 1 };
}
async function user(userId: string) {
  const [u] = await t.db.select().from(users).where(eq(users.id, userId));
  return u;
}
async function dispute(disputeId: string) {
  const [d] = await t.db.select().from(idDisputes).where(eq(idDisputes.id, disputeId));
  return d;
}
const pdf = () => Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const by = async (username: string) => (await t.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0].id;
  hrssGy = await by("demo_hrss");
  hrssOther = await by("demo_province");
}, 120_000);
afterAll(() => t?.close());

describe("filing a dispute", () => {
  it("refuses a proof file that is not PDF/JPEG/PNG by content (a text file named .pdf) and writes nothing", async () => {
    const idNumber = id("52010219850101101");
    await occupant(idNumber);
    const before = (await t.db.select({ id: users.id }).from(users)).length;
    const r = await file(idNumber, Buffer.from("just some text pretending to be a PDF"), "证明.pdf");
    expect(r.status).toBe(400);
    expect(r.body.fieldErrors?.proof).toBe("证明材料须为 PDF、JPG 或 PNG 文件（按文件内容识别），请重新选择");
    expect((await t.db.select({ id: users.id }).from(users)).length).toBe(before);
    // (The demo seed holds a dispute of its own, about another number.)
    expect(await t.db.select({ id: idDisputes.id }).from(idDisputes).where(eq(idDisputes.claimedIdNumber, idNumber))).toEqual([]);
  });

  it("creates an account without the ID, and the dispute routed by the first four digits to 贵阳市人社局", async () => {
    const idNumber = id("52010219850101102");
    const occ = await occupant(idNumber);
    const r = await file(idNumber, PNG, "id.png");
    expect(r.status).toBe(201);
    const d = await dispute(r.body.disputeId!);
    expect(d).toMatchObject({ status: "pending", occupantId: occ, claimedIdNumber: idNumber, proofType: "png" });
    const [gy] = await t.db.select({ orgId: users.orgId }).from(users).where(eq(users.id, hrssGy));
    expect(d.regionOrgId).toBe(gy.orgId);
    expect(await user(d.filerId)).toMatchObject({ idType: null, idNumber: null, status: "active", name: "赵真人" });
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "dispute.file"), eq(auditLog.targetId, d.id)));
    expect(audits).toHaveLength(1);
  });

  it("an address over its filing limit is refused (429) before its upload is read, and nothing is written", async () => {
    await t.db.delete(rateLimits);
    // The address has used its 5 filings of the hour (no X-Forwarded-For here: the address is unknown).
    await t.db.insert(rateLimits).values({ key: "dispute-file:unknown", windowStart: new Date(), count: 5 });
    const before = (await t.db.select({ id: users.id }).from(users)).length;
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(64 * 1024));
        if (pulled >= 16) controller.close();
      },
    });
    const res = await filingRoute.POST(
      new Request("http://localhost:3000/api/disputes", {
        method: "POST",
        body,
        duplex: "half",
        headers: { "sec-fetch-site": "same-origin", "content-type": "multipart/form-data; boundary=x" },
      } as RequestInit),
    );
    expect(res.status).toBe(429);
    expect(((await res.json()) as { message: string }).message).toMatch(/^提交过于频繁，请\d+分钟后再试$/);
    // The stream may be primed once by the runtime; the 1 MB upload itself was never read.
    expect(pulled).toBeLessThanOrEqual(1);
    expect((await t.db.select({ id: users.id }).from(users)).length).toBe(before);
    await t.db.delete(rateLimits);
  });
});

describe("deciding a dispute", () => {
  async function filed(first17: string) {
    const idNumber = id(first17);
    const occ = await occupant(idNumber);
    const r = await file(idNumber, pdf());
    expect(r.status).toBe(201);
    return { occ, d: await dispute(r.body.disputeId!) };
  }

  it("another region's 人社部门 can neither see the proof (404) nor decide it", async () => {
    const { d } = await filed("52010219850101103");
    as(hrssOther);
    const res = await proofRoute.GET(new Request(`http://localhost:3000/api/disputes/${d.id}/proof`), { params: Promise.resolve({ id: d.id }) });
    expect(res.status).toBe(404);
    expect(await decideDisputeAction({ disputeId: d.id, decision: "uphold" })).toMatchObject({ ok: false, message: "申诉不存在" });
    expect((await dispute(d.id)).status).toBe("pending");
    as(hrssGy);
    const ok = await proofRoute.GET(new Request(`http://localhost:3000/api/disputes/${d.id}/proof`), { params: Promise.resolve({ id: d.id }) });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("application/pdf");
    expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, "dispute.view_proof"), eq(auditLog.targetId, d.id), eq(auditLog.outcome, "success")))).toHaveLength(1);
  });

  it("upheld: the ID moves to the filer, the other account is disabled and its session ends; both are told; each step audited", async () => {
    const { occ, d } = await filed("52010219850101104");
    as(occ);
    expect((await getCurrentUser())?.id).toBe(occ);
    as(hrssGy);
    expect(await decideDisputeAction({ disputeId: d.id, decision: "uphold", reason: "身份证原件核实" })).toMatchObject({ ok: true });
    expect(await user(occ)).toMatchObject({ status: "disabled", idType: null, idNumber: null, sessionVersion: 2 });
    expect(await user(d.filerId)).toMatchObject({ status: "active", idType: "resident", idNumber: d.claimedIdNumber, birthDate: "1985-01-01" });
    as(occ);
    expect(await getCurrentUser()).toBeNull();
    const told = await t.db.select({ userId: notifications.userId, kind: notifications.kind }).from(notifications).where(eq(notifications.kind, "id_dispute_upheld"));
    expect(told).toContainEqual({ userId: d.filerId, kind: "id_dispute_upheld" });
    expect(await t.db.select().from(notifications).where(and(eq(notifications.userId, occ), eq(notifications.kind, "id_dispute_account_disabled")))).toHaveLength(1);
    for (const action of ["dispute.decide", "account.disable_by_dispute", "account.bind_id_by_dispute"]) {
      expect(await t.db.select().from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorId, hrssGy), eq(auditLog.outcome, "success"))), action).not.toHaveLength(0);
    }
  });

  it("rejected (with a reason): both accounts unchanged, both told", async () => {
    const { occ, d } = await filed("52010219850101105");
    as(hrssGy);
    expect(await decideDisputeAction({ disputeId: d.id, decision: "reject" })).toMatchObject({ ok: false, fieldErrors: { reason: "请填写不成立的理由" } });
    expect(await decideDisputeAction({ disputeId: d.id, decision: "reject", reason: "材料不足以证明" })).toMatchObject({ ok: true });
    expect(await dispute(d.id)).toMatchObject({ status: "rejected", decisionReason: "材料不足以证明", decidedBy: hrssGy });
    expect(await user(occ)).toMatchObject({ status: "active", idNumber: d.claimedIdNumber, sessionVersion: 1 });
    expect(await user(d.filerId)).toMatchObject({ status: "active", idNumber: null });
    const kinds = await t.db.select({ userId: notifications.userId }).from(notifications).where(eq(notifications.kind, "id_dispute_rejected"));
    expect(kinds.map((k) => k.userId)).toEqual(expect.arrayContaining([occ, d.filerId]));
  });

  it("two decisions at once: exactly one wins, the other is told it was already decided", async () => {
    const { d } = await filed("52010219850101106");
    as(hrssGy);
    const results = await Promise.all([
      decideDisputeAction({ disputeId: d.id, decision: "uphold" }),
      decideDisputeAction({ disputeId: d.id, decision: "reject", reason: "材料不足以证明" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const loser = results.find((r) => !r.ok);
    expect(loser?.message).toBe("该申诉已处理，请刷新页面查看结果");
    const success = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "dispute.decide"), eq(auditLog.targetId, d.id), eq(auditLog.outcome, "success")));
    expect(success).toHaveLength(1);
  });
});
