/**
 * Retirees, 破格 and withdrawal after the unit's check (docs/domain.md §16; EVALUATION §7 "Batches and
 * eligibility", "Declarations") on a real database, through lib/declarations: the declared 人员状态 refuses a
 * retiree's submission and the unit's 审核 confirms 在职; a 破格 declaration goes up with its reason and is
 * accepted only with the forming organisation's explicit approval; a withdrawal after unit_verified is a
 * request the holding office approves or refuses, it holds the office's other moves, and it is impossible
 * once the review has begun. Route: 贵州省建筑设计研究院 → 住建厅 → 省人社厅 → 贵州大学 (committee 004).
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  auditLog,
  committees,
  declarationBatches,
  declarationEvents,
  declarationNotices,
  declarations,
  declarationSnapshots,
  declarationWithdrawals,
  notifications,
  orgs,
  publicities,
  publicityItems,
  users,
} from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createCompleteDraft, walkDeclaration, type DeclarationProfile, type OfficeActors, type WalkStage } from "@/db/seed-declaration-demo";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Actor } from "@/lib/declarations/access";
import { RETIREE_REFUSAL, WITHDRAWAL_PENDING } from "@/lib/declarations/constants";
import * as drafts from "@/lib/declarations/drafts";
import { getDeclarationForViewer, listDeclarations } from "@/lib/declarations/queries";
import { exceptionalSectionSchema } from "@/lib/declarations/schemas";
import * as tr from "@/lib/declarations/transitions";
import { todayInChina } from "@/lib/filings/constants";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
const u: Record<string, SessionUser> = {};
let sjy: string;
let batch004: string;
let offices: OfficeActors;
const year = Number(todayInChina().slice(0, 4));

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const catchMsg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};
async function row(id: string) {
  const [d] = await t.db.select().from(declarations).where(eq(declarations.id, id));
  return d;
}
const lastAudit = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.chainSeq)).limit(1))[0];
const lastMessage = async (userId: string) => (await t.db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.id)).limit(1))[0];

let seq = 0;
async function newPerson(name: string): Promise<SessionUser> {
  seq += 1;
  const first17 = `52010219870301${String(seq).padStart(3, "0")}`;
  const [r] = await t.db
    .insert(users)
    .values({ role: "person", name, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x", username: `ew_${seq}` })
    .returning({ id: users.id });
  return sessionUserOf(t.db, r.id);
}

/** A 副高 declaration of a 建筑设计研究院 engineer; `titleDate` decides the years rule (2015: met). */
function profile(opts: { titleDate?: string; employment?: "in_service" | "retired" } = {}): DeclarationProfile {
  return {
    specialty: "建筑设计",
    targetLevel: "senior_deputy",
    unitOrgId: sjy,
    basic: { gender: "男", birthDate: "1987-03-01", phone: "13800000009", email: "", department: "设计所", post: "工程师", employment: opts.employment ?? "in_service" },
    education: [{ level: "master", school: "贵州大学", major: "建筑学", from: "2006-09-01", to: "2009-07-01", degree: "工学硕士", fullTime: true }],
    work: [{ from: "2009-07-15", to: null, employer: "贵州省建筑设计研究院", post: "工程师" }],
    currentTitle: "工程师",
    currentTitleLevel: "intermediate",
    currentTitleDate: opts.titleDate ?? "2015-01-01",
    achievements: [{ kind: "project", title: "某医院综合楼设计", detail: "", date: "2020-01-01" }],
  };
}

/** A new person's declaration, walked to `stage` by the offices holding it. */
async function declared(name: string, stage: WalkStage, opts: Parameters<typeof profile>[0] = {}): Promise<{ id: string; person: SessionUser }> {
  const person = await newPerson(name);
  const id = await inTx(async (tx) => {
    const d = await createCompleteDraft(tx, person, batch004, profile(opts));
    await walkDeclaration(tx, person, offices, d.id, stage, { publicity: "finished" });
    return d.id;
  });
  return { id, person };
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_unit", "demo_dept", "demo_edu", "demo_hrss", "demo_province", "demo_selfunit"]) {
    const [r] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, name));
    u[name] = await sessionUserOf(t.db, r.id);
  }
  [{ id: sjy }] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, "贵州省建筑设计研究院有限责任公司"));
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c.id));
  offices = new Map<string, Actor>([
    [sjy, u.demo_unit],
    [u.demo_dept.orgId!, u.demo_dept],
    [u.demo_province.orgId!, u.demo_province],
    [u.demo_selfunit.orgId!, u.demo_selfunit],
  ]);
}, 120_000);
afterAll(() => t?.close());

describe("retirees cannot declare", () => {
  it("a person who declares 已退休 is refused at submission, with nothing written", async () => {
    const person = await newPerson("退休张");
    const d = await inTx((tx) => createCompleteDraft(tx, person, batch004, profile({ employment: "retired" })));
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: d.id, version: d.version })))).toBe(RETIREE_REFUSAL);
    expect(await row(d.id)).toMatchObject({ status: "draft", version: d.version, submittedAt: null });
    expect(await t.db.$count(declarationSnapshots, eq(declarationSnapshots.declarationId, d.id))).toBe(0);
  });

  it("a 基本信息 saved without 人员状态 (before the field existed) must be completed first", async () => {
    const person = await newPerson("旧草稿");
    const d = await inTx((tx) => createCompleteDraft(tx, person, batch004, profile()));
    const { employment: _dropped, ...old } = d.basic!;
    await t.db.update(declarations).set({ basic: old }).where(eq(declarations.id, d.id));
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: d.id, version: d.version })))).toBe("请在基本信息中选择人员状态");
  });

  it("the unit's 审核 confirms 在职: a submitted declaration not declared 在职 is refused with the reason", async () => {
    const { id } = await declared("在职李", "submitted");
    // A row submitted before the field existed: its basic has no 人员状态.
    const before = await row(id);
    const { employment: _dropped, ...old } = before.basic!;
    await t.db.update(declarations).set({ basic: old }).where(eq(declarations.id, id));
    const res = await inTx((tx) => tr.unitVerify(tx, u.demo_unit, { ids: [id] }));
    expect(res).toEqual({ moved: [], refused: [{ id, reason: "申报人基本信息中的人员状态不是“在职”（退休人员不能申报），请退回补正或不予受理" }] });
    expect((await row(id)).status).toBe("submitted");
    await t.db.update(declarations).set({ basic: before.basic }).where(eq(declarations.id, id));
    expect((await inTx((tx) => tr.unitVerify(tx, u.demo_unit, { ids: [id] }))).moved).toEqual([id]);
  });
});

describe("破格: the rule fails, the person gives a reason, the forming organisation approves", () => {
  let id: string;
  let person: SessionUser;

  it("years short and no 破格 reason: refused, with the hint that 破格 may be asked for", async () => {
    person = await newPerson("破格王");
    const d = await inTx((tx) => createCompleteDraft(tx, person, batch004, profile({ titleDate: `${year - 2}-06-01` })));
    id = d.id;
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: id, version: d.version })))).toBe(
      `任职年限不足：须满5年（计算至${year}-12-31为2年），${year + 3}-06-01起符合；如确有突出业绩，可申请破格申报并说明理由`,
    );
  });

  it("the reason is required (10–500 characters) and passes the text rule", () => {
    const ref = { declarationId: id, version: 1 };
    expect(exceptionalSectionSchema.safeParse({ ...ref, requested: true, reason: "业绩突出" }).error?.issues[0].message).toBe("请填写破格申报理由（至少10个字）");
    expect(exceptionalSectionSchema.safeParse({ ...ref, requested: true, reason: "甲".repeat(501) }).error?.issues[0].message).toBe("破格申报理由不能超过500个字");
    expect(exceptionalSectionSchema.safeParse({ ...ref, requested: true, reason: "主持完成省级重点工程设计\u202e三项" }).success).toBe(false);
    expect(exceptionalSectionSchema.safeParse({ ...ref, requested: false, reason: "" }).success).toBe(true);
  });

  it("with a reason it is submitted as 破格: the flag, the reason in the snapshot, the audit detail", async () => {
    const reason = "主持完成省级重点工程设计三项，获省级优秀设计一等奖";
    let d = await row(id);
    d = await inTx((tx) => drafts.saveExceptionalSection(tx, person, { declarationId: id, version: d.version, requested: true, reason }));
    // The content changed: the 诚信承诺 is ticked again.
    expect(d.pledgeAcceptedAt).toBeNull();
    d = await inTx((tx) => drafts.acceptPledge(tx, person, { declarationId: id, version: d.version, accepted: true }));
    await inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: id, version: d.version }));
    expect(await row(id)).toMatchObject({ status: "submitted", exceptional: true, exceptionalReason: reason, exceptionalApprovedAt: null });
    const [snap] = await t.db.select().from(declarationSnapshots).where(eq(declarationSnapshots.declarationId, id));
    expect(snap.snapshot).toMatchObject({ exceptionalReason: reason });
    expect((await lastAudit("declaration.submit")).detail).toMatchObject({ exceptional: true, problems: [expect.stringContaining("任职年限不足")] });
  });

  it("an eligible person's leftover 破格 reason is dropped at submission", async () => {
    const p = await newPerson("合格赵");
    let d = await inTx((tx) => createCompleteDraft(tx, p, batch004, profile()));
    d = await inTx((tx) => drafts.saveExceptionalSection(tx, p, { declarationId: d.id, version: d.version, requested: true, reason: "以防万一，也写上破格理由" }));
    d = await inTx((tx) => drafts.acceptPledge(tx, p, { declarationId: d.id, version: d.version, accepted: true }));
    await inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version }));
    expect(await row(d.id)).toMatchObject({ status: "submitted", exceptional: false, exceptionalReason: null });
  });

  it("the examiners see it as 破格; the forming organisation's batch 受理 refuses it and offers 批准破格并受理 instead", async () => {
    // 审核, 公示 (its end moved into the past), 推荐, 主管部门, 人社部门.
    expect((await inTx((tx) => tr.unitVerify(tx, u.demo_unit, { ids: [id] }))).moved).toEqual([id]);
    const pub = await inTx((tx) => tr.startPublicity(tx, u.demo_unit, { ids: [id], postedOn: todayInChina() }));
    await t.db.update(publicities).set({ endsOn: "2000-01-01" }).where(eq(publicities.id, pub.publicityId));
    await inTx((tx) => tr.finishPublicity(tx, u.demo_unit, { publicityId: pub.publicityId }));
    await inTx((tx) => tr.unitRecommend(tx, u.demo_unit, { ids: [id] }));
    await inTx((tx) => tr.deptApprove(tx, u.demo_dept, { ids: [id] }));
    await inTx((tx) => tr.hrssCheck(tx, u.demo_province, { ids: [id] }));
    const list = await listDeclarations(t.db, u.demo_selfunit, { view: "todo" });
    expect(list.rows.find((r) => r.id === id)).toMatchObject({ exceptional: true, withdrawalPending: false });
    expect((await getDeclarationForViewer(t.db, u.demo_selfunit, id))?.moves).toEqual(["accept_exceptional", "return", "reject"]);
    const res = await inTx((tx) => tr.acceptDeclarations(tx, u.demo_selfunit, { ids: [id] }));
    expect(res).toEqual({ moved: [], refused: [{ id, reason: "破格申报须在申报详情中批准破格后受理" }] });
    expect((await row(id)).status).toBe("hrss_checked");
  });

  it("only the forming organisation approves; the approval is stamped, evented, audited and told to the person", async () => {
    const v = (await row(id)).version;
    expect(await catchMsg(inTx((tx) => tr.acceptExceptional(tx, u.demo_province, { declarationId: id, version: v })))).toBe("该申报的状态已变化，请刷新后重试");
    expect(await catchMsg(inTx((tx) => tr.acceptExceptional(tx, u.demo_edu, { declarationId: id, version: v })))).toBe("申报不存在");
    expect(await catchMsg(inTx((tx) => tr.acceptExceptional(tx, u.demo_selfunit, { declarationId: id, version: v - 1 })))).toBe("该申报的状态已变化，请刷新后重试");
    await inTx((tx) => tr.acceptExceptional(tx, u.demo_selfunit, { declarationId: id, version: v, note: "经评委会组建单位集体研究同意" }));
    const d = await row(id);
    expect(d).toMatchObject({ status: "accepted", exceptionalApprovedBy: u.demo_selfunit.id });
    expect(d.exceptionalApprovedAt).toBeInstanceOf(Date);
    expect(d.acceptedAt).toBeInstanceOf(Date);
    const [ev] = await t.db.select().from(declarationEvents).where(eq(declarationEvents.declarationId, id)).orderBy(desc(declarationEvents.id)).limit(1);
    expect(ev).toMatchObject({ fromStatus: "hrss_checked", toStatus: "accepted", note: "批准破格：经评委会组建单位集体研究同意", actorOrgId: u.demo_selfunit.orgId });
    expect(await lastAudit("declaration.accept_exceptional")).toMatchObject({ outcome: "success", targetId: id, actorId: u.demo_selfunit.id });
    expect((await lastMessage(person.id)).message).toContain("已获批准破格，并被评委会受理");
  });

  it("a declaration that is not 破格 is accepted by the ordinary 受理, not by the approval", async () => {
    const { id: plain } = await declared("普通孙", "hrss_checked");
    const v = (await row(plain)).version;
    expect(await catchMsg(inTx((tx) => tr.acceptExceptional(tx, u.demo_selfunit, { declarationId: plain, version: v })))).toBe("该申报不是破格申报，请直接受理");
    expect((await inTx((tx) => tr.acceptDeclarations(tx, u.demo_selfunit, { ids: [plain] }))).moved).toEqual([plain]);
  });
});

describe("withdrawal: free before the unit's check, then by the holder's approval, never once in review", () => {
  it("free while submitted", async () => {
    const { id, person } = await declared("自由撤", "submitted");
    await inTx(async (tx) => tr.withdrawDeclaration(tx, person, { declarationId: id, version: (await tx.select().from(declarations).where(eq(declarations.id, id)))[0].version }));
    expect((await row(id)).status).toBe("withdrawn");
    const v = (await row(id)).version;
    expect(await catchMsg(inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "个人原因" })))).toBe("该申报已终止，不能撤回");
  });

  it("after unit_verified: a request to the unit; it holds the unit's moves; another office cannot decide; a refusal needs a reason", async () => {
    const { id, person } = await declared("申请撤", "unit_verified");
    let v = (await row(id)).version;
    expect(await catchMsg(inTx((tx) => tr.withdrawDeclaration(tx, person, { declarationId: id, version: v })))).toBe("该申报已通过单位审核，不能直接撤回，请提交撤回申请，经审核单位同意后撤回");
    await inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "工作调动，本年度不再申报" }));
    const d = await row(id);
    expect(d.status).toBe("unit_verified");
    expect(d.withdrawalRequestedAt).toBeInstanceOf(Date);
    const [req] = await t.db.select().from(declarationWithdrawals).where(eq(declarationWithdrawals.declarationId, id));
    expect(req).toMatchObject({ status: "pending", fromStatus: "unit_verified", holderOrgId: sjy, reason: "工作调动，本年度不再申报", requestedBy: person.id });
    const [orgMsg] = await t.db.select().from(notifications).where(and(eq(notifications.orgId, sjy), eq(notifications.kind, "declaration_withdrawal_requested")));
    expect(orgMsg.message).toContain("申请撤回");
    expect(await lastAudit("declaration.request_withdrawal")).toMatchObject({ outcome: "success", targetId: id });
    v = d.version;
    expect(await catchMsg(inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "再次申请" })))).toBe("您已提交撤回申请，请等待审批结果");
    // The unit's other moves wait for the decision.
    const pub = await catchMsg(inTx((tx) => tr.startPublicity(tx, u.demo_unit, { ids: [id], postedOn: todayInChina() })));
    expect(pub).toBe("所选申报都不能公示");
    expect(await catchMsg(inTx((tx) => tr.returnWithNotice(tx, u.demo_unit, { declarationId: id, version: v, reason: "补材料", items: [{ slot: "work", field: "工作经历", text: "补充" }] })))).toBe(WITHDRAWAL_PENDING);
    expect(await catchMsg(inTx((tx) => tr.rejectDeclaration(tx, u.demo_unit, { declarationId: id, version: v, reason: "不符合" })))).toBe(WITHDRAWAL_PENDING);
    expect((await getDeclarationForViewer(t.db, u.demo_unit, id))?.moves).toEqual(["approve_withdrawal", "refuse_withdrawal"]);
    expect((await listDeclarations(t.db, u.demo_unit, { view: "withdrawal" })).rows.map((r) => r.id)).toEqual([id]);
    // Nobody else decides: another 主管部门 does not see it, its own 主管部门 does not hold it.
    expect(await catchMsg(inTx((tx) => tr.decideWithdrawal(tx, u.demo_edu, { declarationId: id, version: v, approve: true })))).toBe("申报不存在");
    expect(await catchMsg(inTx((tx) => tr.decideWithdrawal(tx, u.demo_dept, { declarationId: id, version: v, approve: true })))).toBe("只有当前办理该申报的单位可以审批撤回申请");
    expect(await catchMsg(inTx((tx) => tr.decideWithdrawal(tx, u.demo_unit, { declarationId: id, version: v, approve: false, reason: "" })))).toBe("请填写不同意撤回的理由");
    // Refused: the declaration goes on where it was.
    await inTx((tx) => tr.decideWithdrawal(tx, u.demo_unit, { declarationId: id, version: v, approve: false, reason: "已进入公示准备，请与单位人事处联系" }));
    expect(await row(id)).toMatchObject({ status: "unit_verified", withdrawalRequestedAt: null });
    const [refused] = await t.db.select().from(declarationWithdrawals).where(eq(declarationWithdrawals.declarationId, id));
    expect(refused).toMatchObject({ status: "refused", decidedBy: u.demo_unit.id, decisionReason: "已进入公示准备，请与单位人事处联系" });
    expect((await lastMessage(person.id)).message).toContain("撤回申请未获同意，原因：已进入公示准备");
    const [ev] = await t.db.select().from(declarationEvents).where(eq(declarationEvents.declarationId, id)).orderBy(desc(declarationEvents.id)).limit(1);
    expect(ev).toMatchObject({ fromStatus: "unit_verified", toStatus: "unit_verified", note: "不同意撤回：已进入公示准备，请与单位人事处联系" });
    // The unit moves it again.
    expect((await inTx((tx) => tr.startPublicity(tx, u.demo_unit, { ids: [id], postedOn: todayInChina() }))).moved).toEqual([id]);
  });

  it("during the 公示, approved: withdrawn, out of the 公示, the batch free for a new declaration", async () => {
    const { id, person } = await declared("公示撤", "in_publicity");
    let v = (await row(id)).version;
    await inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "身体原因" }));
    v = (await row(id)).version;
    await inTx((tx) => tr.decideWithdrawal(tx, u.demo_unit, { declarationId: id, version: v, approve: true }));
    expect(await row(id)).toMatchObject({ status: "withdrawn", withdrawalRequestedAt: null });
    expect(await t.db.$count(publicityItems, and(eq(publicityItems.declarationId, id), eq(publicityItems.current, true)))).toBe(0);
    expect(await lastAudit("declaration.approve_withdrawal")).toMatchObject({ outcome: "success", targetId: id, actorId: u.demo_unit.id });
    expect((await lastMessage(person.id)).message).toContain("撤回申请已获同意");
    const again = await inTx((tx) => drafts.createDraft(tx, person, { batchId: batch004, specialty: "建筑设计", targetLevel: "senior_deputy" }));
    expect(again.status).toBe("draft");
  });

  it("accepted: the forming organisation decides; 20 concurrent approvals withdraw it once", async () => {
    const { id, person } = await declared("受理撤", "accepted");
    let v = (await row(id)).version;
    await inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "转评其他系列" }));
    v = (await row(id)).version;
    expect(await catchMsg(inTx((tx) => tr.decideWithdrawal(tx, u.demo_unit, { declarationId: id, version: v, approve: true })))).toBe("只有当前办理该申报的单位可以审批撤回申请");
    const call = () => inTx((tx) => tr.decideWithdrawal(tx, u.demo_selfunit, { declarationId: id, version: v, approve: true }));
    const results = t.driver === "postgres" ? await Promise.allSettled(Array.from({ length: 20 }, call)) : [await Promise.allSettled([call()]), await Promise.allSettled([call()])].flat();
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await row(id)).status).toBe("withdrawn");
    expect(await t.db.$count(declarationEvents, and(eq(declarationEvents.declarationId, id), eq(declarationEvents.toStatus, "withdrawn")))).toBe(1);
    expect(await t.db.$count(declarationWithdrawals, and(eq(declarationWithdrawals.declarationId, id), eq(declarationWithdrawals.status, "approved")))).toBe(1);
  });

  it("impossible once the review has begun", async () => {
    const { id, person } = await declared("评审中", "accepted");
    // No transition moves to in_review yet (the review-round issue); the state is set directly.
    await t.db.update(declarations).set({ status: "in_review" }).where(eq(declarations.id, id));
    const v = (await row(id)).version;
    expect(await catchMsg(inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "个人原因" })))).toBe("该申报已进入评审，不能撤回");
    expect(await catchMsg(inTx((tx) => tr.withdrawDeclaration(tx, person, { declarationId: id, version: v })))).toBe("该申报当前不能撤回");
  });

  it("a returned declaration: the office that returned it decides; past the deadline the request lapses with the declaration", async () => {
    const { id, person } = await declared("退回撤", "unit_recommended");
    let v = (await row(id)).version;
    await inTx((tx) => tr.returnWithNotice(tx, u.demo_dept, { declarationId: id, version: v, reason: "材料不全", items: [{ slot: "work", field: "工作经历", text: "补充证明" }] }));
    v = (await row(id)).version;
    const req = await inTx((tx) => tr.requestWithdrawal(tx, person, { declarationId: id, version: v, reason: "不再申报" }));
    expect(req.holderOrgId).toBe(u.demo_dept.orgId);
    v = (await row(id)).version;
    // While the request waits the person cannot resubmit.
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: id, version: v })))).toBe("您已申请撤回该申报，请等待审批结果");
    await t.db.update(declarationNotices).set({ deadline: "2000-01-01" }).where(eq(declarationNotices.declarationId, id));
    const abandoned = await inTx((tx) => tr.abandonOverdue(tx));
    expect(abandoned).toContain(id);
    expect(await row(id)).toMatchObject({ status: "abandoned", withdrawalRequestedAt: null });
    const [w] = await t.db.select().from(declarationWithdrawals).where(eq(declarationWithdrawals.declarationId, id));
    expect(w).toMatchObject({ status: "cancelled", decisionReason: "逾期未补正，申报已终止" });
  });
});

describe("申报专业与级别 of a draft", () => {
  it("editable until the first submission, within the batch's levels; the change clears the 诚信承诺 and is audited", async () => {
    const person = await newPerson("改级别");
    let d = await inTx((tx) => createCompleteDraft(tx, person, batch004, profile()));
    d = await inTx((tx) => drafts.saveTargetSection(tx, person, { declarationId: d.id, version: d.version, specialty: "建筑结构", targetLevel: "intermediate" }));
    expect(d).toMatchObject({ specialty: "建筑结构", targetLevel: "intermediate", pledgeAcceptedAt: null });
    expect(await lastAudit("declaration.save")).toMatchObject({ targetId: d.id, detail: { section: "target" } });
    // 员级 is outside committee 004's range (中级 to 正高).
    expect(await catchMsg(inTx((tx) => drafts.saveTargetSection(tx, person, { declarationId: d.id, version: d.version, specialty: "建筑结构", targetLevel: "junior" })))).toBe("该批次不受理所选级别的申报");
    d = await inTx((tx) => drafts.saveTargetSection(tx, person, { declarationId: d.id, version: d.version, specialty: "建筑设计", targetLevel: "senior_deputy" }));
    d = await inTx((tx) => drafts.acceptPledge(tx, person, { declarationId: d.id, version: d.version, accepted: true }));
    await inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: d.id, version: d.version }));
    const v = (await row(d.id)).version;
    await inTx((tx) => tr.returnWithNotice(tx, u.demo_unit, { declarationId: d.id, version: v, reason: "材料不全", items: [{ slot: "target", field: "申报专业", text: "请核对" }] }));
    const v2 = (await row(d.id)).version;
    expect(await catchMsg(inTx((tx) => drafts.saveTargetSection(tx, person, { declarationId: d.id, version: v2, specialty: "建筑结构", targetLevel: "senior_deputy" })))).toBe("已提交过的申报不能更改申报专业和级别");
  });
});
