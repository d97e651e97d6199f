/**
 * The examiners' server actions of the declarations (app/_declarations-review/actions.ts) called through their
 * real protectedAction wrappers with a chosen session, as an attacker could: wrong role, another unit, another
 * region, a withdrawn declaration, a stale version, a batch mixing foreign ids — each refused, nothing else
 * written; and the whole way up 贵州省建筑设计研究院 → 贵州省住建厅 → 省人社厅 → 贵州大学 (受理).
 */
import { randomUUID } from "node:crypto";
import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, committees, declarationBatches, declarationEvents, declarationNotices, declarations, orgs, publicities, publicityObjections, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { SessionUser } from "@/lib/auth/session-user";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

const session = vi.hoisted(() => ({ current: null as null | SessionUser }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(async () => session.current),
  currentRequestIp: vi.fn(async () => "198.51.100.7"),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const a = await import("@/app/_declarations-review/actions");
const drafts = await import("@/lib/declarations/drafts");
const { addDemoPhoto } = await import("@/db/seed-declaration-demo");
const tr = await import("@/lib/declarations/transitions");
const { publicityEnd } = await import("@/lib/declarations/publicity-dates");
const { listQueue } = await import("@/lib/declarations/review-queries");
const { todayInChina } = await import("@/lib/filings/constants");
const { idCheckChar } = await import("@/lib/validation/id-number");

let t: TestDb;
const u: Record<string, SessionUser> = {};
const org: Record<string, string> = {};
let batch004: string;
const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const as = (name: string) => (session.current = u[name]);

async function newPerson(name: string, seq: string): Promise<SessionUser> {
  const first17 = `5201021986020${seq}`.slice(0, 17);
  const [row] = await t.db
    .insert(users)
    .values({ role: "person", name, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x", username: `pa_${seq}` })
    .returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}

/** A submitted declaration of a new person of `unitKey` to committee 004. */
async function submitted(name: string, seq: string, unitKey: string): Promise<string> {
  const p = await newPerson(name, seq);
  let d = await inTx((tx) => drafts.createDraft(tx, p, { batchId: batch004, specialty: "建筑设计", targetLevel: "senior_deputy" }));
  const ref = () => ({ declarationId: d.id, version: d.version });
  d = await inTx((tx) => drafts.saveBasicSection(tx, p, { ...ref(), unitOrgId: org[unitKey], gender: "女", birthDate: "1986-02-01", phone: "13800000001", email: "", department: "设计所", post: "工程师", employment: "in_service" }));
  d = await inTx((tx) => drafts.saveEducationSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), level: "master", school: "贵州大学", major: "建筑学", from: "2005-09-01", to: "2008-07-01", degree: "工学硕士", fullTime: true }] }));
  d = await inTx((tx) => drafts.saveWorkSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), from: "2008-07-15", to: null, employer: "设计院", post: "工程师" }] }));
  d = await inTx((tx) => drafts.saveTitleSection(tx, p, { ...ref(), currentTitle: "工程师", currentTitleLevel: "intermediate", currentTitleDate: "2015-01-01" }));
  d = await inTx((tx) => drafts.saveAchievementsSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), kind: "project", title: "某项目", detail: "", date: "2020-01-01", attachmentId: null }] }));
  d = await inTx((tx) => addDemoPhoto(tx, p, d));
  d = await inTx((tx) => drafts.acceptPledge(tx, p, { ...ref(), accepted: true }));
  await inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version }));
  u[seq] = p;
  return d.id;
}

async function row(id: string) {
  const [d] = await t.db.select().from(declarations).where(eq(declarations.id, id));
  return d;
}
const events = async (id: string) => (await t.db.select({ n: count() }).from(declarationEvents).where(eq(declarationEvents.declarationId, id)))[0].n;
const notices = async (id: string) => (await t.db.select({ n: count() }).from(declarationNotices).where(eq(declarationNotices.declarationId, id)))[0].n;

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_person", "demo_unit", "demo_dept", "demo_edu", "demo_hrss", "demo_province", "demo_selfunit"]) {
    const [r] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, name));
    u[name] = await sessionUserOf(t.db, r.id);
  }
  for (const [key, name] of [
    ["sjy", "贵州省建筑设计研究院有限责任公司"],
    ["gzu", "贵州大学"],
  ]) {
    const [o] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name));
    org[key] = o.id;
  }
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c.id));
}, 180_000);
afterAll(() => t?.close());

describe("declaration actions: who may do what", () => {
  let A: string; // 设计院, the way up
  let B: string; // 设计院, returned then rejected
  let G: string; // 贵州大学 (self-review)
  let W: string; // 设计院, withdrawn

  beforeAll(async () => {
    A = await submitted("甲申报", "0001", "sjy");
    B = await submitted("乙申报", "0002", "sjy");
    G = await submitted("丙申报", "0003", "gzu");
    W = await submitted("丁申报", "0004", "sjy");
    const w = await row(W);
    await inTx((tx) => tr.withdrawDeclaration(tx, u["0004"], { declarationId: W, version: w.version }));
  }, 180_000);

  it("a wrong role is refused before anything runs, with a denied audit row", async () => {
    as("demo_person");
    expect(await a.unitVerifyAction({ ids: [A] })).toEqual({ ok: false, message: "您无权执行此操作" });
    as("demo_dept");
    expect(await a.unitVerifyAction({ ids: [A] })).toEqual({ ok: false, message: "您无权执行此操作" });
    as("demo_unit");
    expect(await a.deptApproveAction({ ids: [A] })).toEqual({ ok: false, message: "您无权执行此操作" });
    expect(await a.hrssCheckAction({ ids: [A] })).toEqual({ ok: false, message: "您无权执行此操作" });
    expect(await a.acceptAction({ ids: [A] })).toEqual({ ok: false, message: "您无权执行此操作" });
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "declaration.accept.action")).orderBy(desc(auditLog.chainSeq)).limit(1);
    expect(audit).toMatchObject({ outcome: "denied", actorId: u.demo_unit.id });
    expect((await row(A)).status).toBe("submitted");
    expect(await events(A)).toBe(1);
  });

  it("a batch mixing another unit's, a withdrawn and an unknown id moves only the unit's own", async () => {
    as("demo_unit");
    const ghost = randomUUID();
    const r = await a.unitVerifyAction({ ids: [A, G, W, ghost] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.data.moved).toEqual([A]);
    expect(new Map(r.data.refused.map((x) => [x.id, x.reason]))).toEqual(
      new Map([
        [G, "申报不存在"],
        [W, "该申报当前为“已撤回”，不能单位审核通过"],
        [ghost, "申报不存在"],
      ]),
    );
    expect(r.message).toBe("已审核通过1份申报，3份未处理");
    expect((await row(G)).status).toBe("submitted");
    expect((await row(W)).status).toBe("withdrawn");
    expect(await events(G)).toBe(1);
    // 贵州大学 (another unit) cannot verify 设计院's declaration either.
    as("demo_selfunit");
    const other = await a.unitVerifyAction({ ids: [B] });
    expect(other.ok && other.data).toEqual({ moved: [], refused: [{ id: B, reason: "申报不存在" }] });
    expect((await row(B)).status).toBe("submitted");
  });

  it("zod at the edge: no ids, a non-uuid, an empty 一次性告知", async () => {
    as("demo_unit");
    expect(await a.unitVerifyAction({ ids: [] })).toMatchObject({ ok: false, fieldErrors: { ids: "请选择申报" } });
    expect(await a.unitVerifyAction({ ids: ["x"] })).toMatchObject({ ok: false });
    const b = await row(B);
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "材料不全", items: [] })).toMatchObject({ ok: false, fieldErrors: { items: "请列出需要补正的全部事项" } });
    expect(await notices(B)).toBe(0);
  });

  it("return and reject: stale version, another unit, a withdrawn declaration, the 主管部门 before its stage — all refused, no notice written", async () => {
    const b = await row(B);
    const items = [{ slot: "education", field: "学历证书", text: "请上传学历证书扫描件" }];
    as("demo_unit");
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version - 1, reason: "材料不全", items })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    expect(await a.rejectDeclarationAction({ declarationId: B, version: b.version + 1, reason: "不符合条件" })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    const w = await row(W);
    expect(await a.returnDeclarationAction({ declarationId: W, version: w.version, reason: "材料不全", items })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    // Another 主管部门: no office on it at all.
    as("demo_edu");
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "材料不全", items })).toEqual({ ok: false, message: "申报不存在" });
    expect(await a.rejectDeclarationAction({ declarationId: B, version: b.version, reason: "不符合条件" })).toEqual({ ok: false, message: "申报不存在" });
    // 贵州大学 is the forming organisation of committee 004, but does not hold it at the unit stage.
    as("demo_selfunit");
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "材料不全", items })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    as("demo_dept");
    expect(await a.rejectDeclarationAction({ declarationId: B, version: b.version, reason: "不符合条件" })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    expect(await notices(B)).toBe(0);
    expect(await row(B)).toMatchObject({ status: "submitted", version: b.version });

    as("demo_unit");
    const r = await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "材料不全", items });
    expect(r.ok).toBe(true);
    expect(await row(B)).toMatchObject({ status: "returned", returnedFrom: "submitted" });
    // The second identical request carries the old version: refused, one notice only.
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "材料不全", items })).toEqual({ ok: false, message: "该申报的状态已变化，请刷新后重试" });
    expect(await notices(B)).toBe(1);
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "declaration.return.action")).orderBy(desc(auditLog.chainSeq));
    expect(audits.filter((x) => x.outcome === "success").map((x) => x.targetId)).toEqual([B]);
    expect(audits[0]).toMatchObject({ outcome: "failure", detail: { reason: "该申报的状态已变化，请刷新后重试" } });
  });

  it("a second return only on the first notice's items; reject needs the confirmed current version", async () => {
    const p = u["0002"];
    const b0 = await row(B);
    await inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: B, version: b0.version }));
    const b = await row(B);
    expect(b.status).toBe("submitted");
    as("demo_unit");
    expect(await a.returnDeclarationAction({ declarationId: B, version: b.version, reason: "仍不清晰", items: [{ slot: "work", field: "工作经历", text: "补充" }] })).toMatchObject({
      ok: false,
      message: "第二次退回只能针对第一次告知的事项（一次性告知）",
    });
    expect(await notices(B)).toBe(1);
    const r = await a.rejectDeclarationAction({ declarationId: B, version: b.version, reason: "学历不符合申报条件" });
    expect(r).toMatchObject({ ok: true, message: "已作不予受理处理" });
    expect(await row(B)).toMatchObject({ status: "rejected", finalReason: "学历不符合申报条件" });
  });

  it("申报公示: the preview equals publicityEnd; another unit cannot post, record objections on or finish this unit's 公示", async () => {
    const today = todayInChina();
    as("demo_unit");
    const preview = await a.previewPublicityEndAction({ postedOn: today });
    expect(preview).toEqual({ ok: true, data: { endsOn: await publicityEnd(t.db, today) }, message: undefined });
    const before = (await t.db.select({ n: count() }).from(publicities))[0].n;
    as("demo_selfunit");
    expect(await a.startPublicityAction({ ids: [A], postedOn: today })).toEqual({ ok: false, message: "所选申报都不能公示" });
    expect((await t.db.select({ n: count() }).from(publicities))[0].n).toBe(before);
    as("demo_dept");
    expect(await a.startPublicityAction({ ids: [A], postedOn: today })).toEqual({ ok: false, message: "您无权执行此操作" });

    as("demo_unit");
    const s = await a.startPublicityAction({ ids: [A, W], postedOn: today });
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.data.moved).toEqual([A]);
    expect(s.data.refused.map((x) => x.id)).toEqual([W]);
    const pid = s.data.publicityId;

    as("demo_selfunit");
    expect(await a.recordObjectionAction({ publicityId: pid, declarationId: A, text: "业绩存疑", filedByName: "王某", filedByContact: "13900000000" })).toEqual({ ok: false, message: "公示不存在" });
    expect(await a.finishPublicityAction({ publicityId: pid })).toEqual({ ok: false, message: "公示不存在" });
    as("demo_unit");
    expect(await a.finishPublicityAction({ publicityId: pid })).toMatchObject({ ok: false, message: expect.stringContaining("期满后才能结束公示") });
    const o = await a.recordObjectionAction({ publicityId: pid, declarationId: A, text: "业绩存疑", filedByName: "王某", filedByContact: "13900000000" });
    expect(o.ok).toBe(true);
    if (!o.ok) return;
    as("demo_selfunit");
    expect(await a.resolveObjectionAction({ objectionId: o.data.objectionId, outcome: "kept", reason: "经核实无问题" })).toEqual({ ok: false, message: "异议不存在" });
    as("demo_unit");
    expect(await a.resolveObjectionAction({ objectionId: o.data.objectionId, outcome: "kept", reason: "经核实无问题" })).toMatchObject({ ok: true });
    const [obj] = await t.db.select().from(publicityObjections).where(eq(publicityObjections.id, o.data.objectionId));
    expect(obj.status).toBe("kept");
    // Recommending before the 公示 is finished is refused with the reason.
    const early = await a.unitRecommendAction({ ids: [A] });
    expect(early.ok && early.data.refused).toEqual([{ id: A, reason: "公示尚未结束，或有成立的异议（请退回或不予受理）" }]);
    await t.db.update(publicities).set({ endsOn: "2000-01-03" }).where(eq(publicities.id, pid));
    expect(await a.finishPublicityAction({ publicityId: pid })).toMatchObject({ ok: true });
    expect((await a.unitRecommendAction({ ids: [A] })).ok).toBe(true);
    expect((await row(A)).status).toBe("unit_recommended");
  });

  it("主管部门, 人社部门 and 受理: another 主管部门, a 人社局 of another region and a non-forming office are refused", async () => {
    as("demo_edu");
    const other = await a.deptApproveAction({ ids: [A] });
    expect(other.ok && other.data).toEqual({ moved: [], refused: [{ id: A, reason: "申报不存在" }] });
    expect((await listQueue(t.db, u.demo_edu, "dept_approve")).rows.map((r) => r.id)).not.toContain(A);
    as("demo_dept");
    expect((await listQueue(t.db, u.demo_dept, "dept_approve")).rows.map((r) => r.id)).toContain(A); // the demo data holds others too
    const ok = await a.deptApproveAction({ ids: [A, G] });
    expect(ok.ok && ok.data.moved).toEqual([A]);
    expect(ok.ok && ok.data.refused).toEqual([{ id: G, reason: "申报不存在" }]);

    as("demo_hrss");
    const city = await a.hrssCheckAction({ ids: [A] });
    expect(city.ok && city.data).toEqual({ moved: [], refused: [{ id: A, reason: "申报不存在" }] });
    expect((await row(A)).status).toBe("dept_approved");
    as("demo_dept");
    expect(await a.acceptAction({ ids: [A] })).toMatchObject({ ok: true, data: { moved: [] } });
    as("demo_province");
    expect((await a.hrssCheckAction({ ids: [A] })).ok).toBe(true);
    expect((await row(A)).status).toBe("hrss_checked");

    as("demo_province");
    const notForming = await a.acceptAction({ ids: [A] });
    expect(notForming.ok && notForming.data.moved).toEqual([]);
    as("demo_selfunit");
    expect((await listQueue(t.db, u.demo_selfunit, "accept")).rows.map((r) => r.id)).toContain(A); // the demo data holds others too
    const acc = await a.acceptAction({ ids: [A] });
    expect(acc).toMatchObject({ ok: true, data: { moved: [A], refused: [] }, message: "已受理1份申报" });
    expect((await row(A)).status).toBe("accepted");
    expect(await t.db.$count(declarationEvents, and(eq(declarationEvents.declarationId, A), eq(declarationEvents.toStatus, "accepted")))).toBe(1);
  });
});
