/**
 * Declarations through lib/declarations on a real database (docs/domain.md §16): the whole way up on the
 * full route (贵州省建筑设计研究院 → 住建厅 → 省人社厅 → 贵州大学's committee 004), 单位公示 with an objection,
 * 一次性告知 returns (the second only on the first's items, with a new reason), a resubmission that changes a
 * publicised field, the self-review route, refusals by other offices, eligibility and 诚信档案 bars, and 20
 * identical concurrent batch moves with exactly one effect.
 */
import { and, asc, count, desc, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
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
  integrityRecords,
  notifications,
  orgs,
  publicities,
  users,
} from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { addDemoPhoto } from "@/db/seed-declaration-demo";
import type { SessionUser } from "@/lib/auth/session-user";
import * as drafts from "@/lib/declarations/drafts";
import { getDeclarationForViewer, listDeclarations, timelineForPerson } from "@/lib/declarations/queries";
import * as tr from "@/lib/declarations/transitions";
import { todayInChina } from "@/lib/filings/constants";
import { formatChineseDay } from "@/lib/format";
import { integrityBarUntil, integrityReapplyOn } from "@/lib/integrity/rules";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
const u: Record<string, SessionUser> = {};
const org: Record<string, string> = {};
let batch004: string;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
/** Reads the version first: a query on t.db inside the transaction would wait for it forever on PGlite (one connection). */
const atVersion = async <T>(declarationId: string, fn: (v: number) => Promise<T>) => fn((await version(declarationId)).version);
/** 20 identical calls: at once on PostgreSQL; one after another on PGlite (one connection, no concurrency to test). */
async function twenty<T>(fn: () => Promise<T>): Promise<PromiseSettledResult<T>[]> {
  if (t.driver === "postgres") return Promise.allSettled(Array.from({ length: 20 }, fn));
  const out: PromiseSettledResult<T>[] = [];
  for (let i = 0; i < 20; i++) out.push(await fn().then((value) => ({ status: "fulfilled" as const, value }), (reason: unknown) => ({ status: "rejected" as const, reason })));
  return out;
}
const catchMsg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};

async function newPerson(name: string, seq: string): Promise<SessionUser> {
  const first17 = `5201021985010${seq}`.slice(0, 17);
  const [row] = await t.db
    .insert(users)
    .values({ role: "person", name, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x", username: `p_${seq}` })
    .returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}

const entry = () => randomUUID();
/** A complete draft for `person`, unit `unitKey`, target 副高 with a 中级 title of 2018. */
async function completeDraft(person: SessionUser, unitKey: string, opts: { targetLevel?: "senior_deputy" | "senior_full"; titleDate?: string } = {}) {
  let d = await inTx((tx) => drafts.createDraft(tx, person, { batchId: batch004, specialty: "计算机科学与技术", targetLevel: opts.targetLevel ?? "senior_deputy" }));
  const ref = () => ({ declarationId: d.id, version: d.version });
  d = await inTx((tx) => drafts.saveBasicSection(tx, person, { ...ref(), unitOrgId: org[unitKey], gender: "男", birthDate: "1985-01-01", phone: "13800000000", email: "", department: "信息学院", post: "教师", employment: "in_service" }));
  d = await inTx((tx) =>
    drafts.saveEducationSection(tx, person, { ...ref(), entries: [{ id: entry(), level: "master", school: "贵州大学", major: "计算机", from: "2007-09-01", to: "2010-07-01", degree: "工学硕士", fullTime: true }] }),
  );
  d = await inTx((tx) => drafts.saveWorkSection(tx, person, { ...ref(), entries: [{ id: entry(), from: "2010-07-15", to: null, employer: "贵州大学", post: "教师" }] }));
  d = await inTx((tx) => drafts.saveTitleSection(tx, person, { ...ref(), currentTitle: "讲师", currentTitleLevel: "intermediate", currentTitleDate: opts.titleDate ?? "2018-01-01" }));
  d = await inTx((tx) => drafts.saveAchievementsSection(tx, person, { ...ref(), entries: [{ id: entry(), kind: "paper", title: "论文一篇", detail: "", date: "2020-01-01", attachmentId: null }] }));
  d = await inTx((tx) => addDemoPhoto(tx, person, d));
  d = await inTx((tx) => drafts.acceptPledge(tx, person, { ...ref(), accepted: true }));
  return d;
}

async function version(id: string) {
  const [d] = await t.db.select({ version: declarations.version, status: declarations.status }).from(declarations).where(eq(declarations.id, id));
  return d;
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_person", "demo_unit", "demo_dept", "demo_edu", "demo_hrss", "demo_province", "demo_selfunit"]) {
    const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, name));
    u[name] = await sessionUserOf(t.db, row.id);
  }
  for (const [key, name] of [
    ["sjy", "贵州省建筑设计研究院有限责任公司"],
    ["gzu", "贵州大学"],
    ["srmyy", "贵州省人民医院"],
  ]) {
    const [o] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name));
    org[key] = o.id;
  }
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c.id));
}, 120_000);
afterAll(() => t?.close());

describe("the full route: unit → 主管部门 → 人社部门 → forming organisation", () => {
  let id: string;

  it("the person submits a complete draft: snapshot, event, message, audit", async () => {
    const d = await completeDraft(u.demo_person, "sjy");
    id = d.id;
    const res = await inTx((tx) => tr.submitDeclaration(tx, u.demo_person, { declarationId: d.id, version: d.version }));
    expect(res).toMatchObject({ moved: [d.id], status: "submitted" });
    const [row] = await t.db.select().from(declarations).where(eq(declarations.id, id));
    expect(row).toMatchObject({ status: "submitted", routeDept: true, routeHrss: true, selfReview: false, hrssOrgId: expect.any(String) });
    expect(await t.db.$count(declarationSnapshots, eq(declarationSnapshots.declarationId, id))).toBe(1);
    const [ev] = await t.db.select().from(declarationEvents).where(eq(declarationEvents.declarationId, id));
    expect(ev).toMatchObject({ fromStatus: "draft", toStatus: "submitted", actorId: u.demo_person.id });
    const [msg] = await t.db.select().from(notifications).where(eq(notifications.userId, u.demo_person.id)).orderBy(desc(notifications.id)).limit(1);
    expect(msg.message).toContain("已提交，等待单位审核");
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "declaration.submit")).orderBy(desc(auditLog.chainSeq)).limit(1);
    expect(audit).toMatchObject({ outcome: "success", targetId: id });
  });

  it("one active declaration per person per batch", async () => {
    expect(await catchMsg(inTx((tx) => drafts.createDraft(tx, u.demo_person, { batchId: batch004, specialty: "数学", targetLevel: "senior_deputy" })))).toBe(
      "您在该批次已有申报，请在原申报上继续填写",
    );
  });

  it("visibility before the unit's recommendation: the unit sees it, the 主管部门 and 人社部门 do not", async () => {
    expect(await getDeclarationForViewer(t.db, u.demo_unit, id)).not.toBeNull();
    expect(await getDeclarationForViewer(t.db, u.demo_dept, id)).toBeNull();
    expect(await getDeclarationForViewer(t.db, u.demo_province, id)).toBeNull();
    expect(await getDeclarationForViewer(t.db, u.demo_selfunit, id)).toBeNull();
    const list = await listDeclarations(t.db, u.demo_unit, { view: "todo" });
    expect(list.rows.map((r) => r.id)).toContain(id);
    expect(list.rows[0].idNumberMasked).not.toContain("0315");
  });

  it("a 主管部门 cannot verify for the unit (wrong role); the person cannot withdraw after unit_verified", async () => {
    expect(await catchMsg(inTx((tx) => tr.unitVerify(tx, u.demo_dept, { ids: [id] })))).toBe("您无权执行此操作");
  });

  it("20 identical concurrent 单位审核 calls move it once", async () => {
    const results = await twenty(() => inTx((tx) => tr.unitVerify(tx, u.demo_unit, { ids: [id] })));
    const moved = results.flatMap((r) => (r.status === "fulfilled" ? r.value.moved : []));
    expect(moved).toEqual([id]);
    expect(await t.db.$count(declarationEvents, and(eq(declarationEvents.declarationId, id), eq(declarationEvents.toStatus, "unit_verified")))).toBe(1);
    const refused = results.flatMap((r) => (r.status === "fulfilled" ? r.value.refused : []));
    expect(refused[0].reason).toBe("该申报当前为“单位已审核”，不能单位审核通过");
    expect(await catchMsg(atVersion(id, (v) => inTx((tx) => tr.withdrawDeclaration(tx, u.demo_person, { declarationId: id, version: v }))))).toBe("该申报已通过单位审核，不能直接撤回，请提交撤回申请，经审核单位同意后撤回");
  });

  it("单位公示: an objection must be resolved and the 5 working days over before recommendation", async () => {
    const today = todayInChina();
    const pub = await inTx((tx) => tr.startPublicity(tx, u.demo_unit, { ids: [id], postedOn: today }));
    expect(pub.moved).toEqual([id]);
    expect(pub.endsOn > today).toBe(true);
    expect((await version(id)).status).toBe("in_publicity");
    // Recommending during the 公示 is refused with the reason.
    const early = await inTx((tx) => tr.unitRecommend(tx, u.demo_unit, { ids: [id] }));
    expect(early).toEqual({ moved: [], refused: [{ id, reason: "公示尚未结束，或有成立的异议（请退回或不予受理）" }] });
    const obj = await inTx((tx) => tr.recordObjection(tx, u.demo_unit, { publicityId: pub.publicityId, declarationId: id, text: "论文存疑", filedByName: "王某", filedByContact: "13900000000" }));
    expect(await catchMsg(inTx((tx) => tr.finishPublicity(tx, u.demo_unit, { publicityId: pub.publicityId })))).toBe(`公示期至${pub.endsOn}，期满后才能结束公示`);
    // The 公示 is over (moved into the past), but the objection is still open.
    await t.db.update(publicities).set({ endsOn: "2000-01-01" }).where(eq(publicities.id, pub.publicityId));
    expect(await catchMsg(inTx((tx) => tr.finishPublicity(tx, u.demo_unit, { publicityId: pub.publicityId })))).toBe("尚有1条异议未处理，处理后才能结束公示");
    expect(await catchMsg(inTx((tx) => tr.resolveObjection(tx, u.demo_edu, { objectionId: obj.id, outcome: "kept", reason: "经核实无问题" })))).toBe("您无权执行此操作");
    await inTx((tx) => tr.resolveObjection(tx, u.demo_unit, { objectionId: obj.id, outcome: "kept", reason: "经核实无问题" }));
    await inTx((tx) => tr.finishPublicity(tx, u.demo_unit, { publicityId: pub.publicityId }));
    const results = await twenty(() => inTx((tx) => tr.unitRecommend(tx, u.demo_unit, { ids: [id] })));
    expect(results.flatMap((r) => (r.status === "fulfilled" ? r.value.moved : []))).toEqual([id]);
    expect((await version(id)).status).toBe("unit_recommended");
  });

  it("another 主管部门 does not see it; its own 主管部门 approves; a city 人社局 outside the region cannot check it", async () => {
    expect(await getDeclarationForViewer(t.db, u.demo_edu, id)).toBeNull();
    expect(await inTx((tx) => tr.deptApprove(tx, u.demo_edu, { ids: [id] }))).toEqual({ moved: [], refused: [{ id, reason: "申报不存在" }] });
    expect(await getDeclarationForViewer(t.db, u.demo_dept, id)).not.toBeNull();
    expect((await inTx((tx) => tr.deptApprove(tx, u.demo_dept, { ids: [id] }))).moved).toEqual([id]);
    expect(await getDeclarationForViewer(t.db, u.demo_hrss, id)).toBeNull();
    expect((await inTx((tx) => tr.hrssCheck(tx, u.demo_hrss, { ids: [id] }))).moved).toEqual([]);
    // The forming organisation cannot accept before the 人社部门's check.
    expect((await inTx((tx) => tr.acceptDeclarations(tx, u.demo_selfunit, { ids: [id] }))).moved).toEqual([]);
    expect((await inTx((tx) => tr.hrssCheck(tx, u.demo_province, { ids: [id] }))).moved).toEqual([id]);
    const view = await getDeclarationForViewer(t.db, u.demo_selfunit, id);
    expect(view?.moves).toEqual(["accept", "return", "reject"]);
  });

  it("一次性告知: a return, a resubmission back to the same office, a second return only on the first's items with a new reason", async () => {
    const items = [{ slot: "education", field: "学历证书", text: "请上传学历证书" }];
    const first = await atVersion(id, (v) => inTx((tx) => tr.returnWithNotice(tx, u.demo_selfunit, { declarationId: id, version: v, reason: "材料不全", items })));
    expect(first.deadline > todayInChina()).toBe(true);
    expect(await version(id)).toMatchObject({ status: "returned" });
    const person = await timelineForPerson(t.db, u.demo_person.id, id);
    expect(person?.openItems).toEqual(items);
    // Resubmitting without a change goes back to the forming organisation's queue.
    const res = await atVersion(id, (v) => inTx((tx) => tr.submitDeclaration(tx, u.demo_person, { declarationId: id, version: v })));
    expect(res.status).toBe("hrss_checked");
    expect(await t.db.$count(declarationNotices, and(eq(declarationNotices.declarationId, id), eq(declarationNotices.round, 1)))).toBe(1);
    const v = (await version(id)).version;
    expect(await catchMsg(inTx((tx) => tr.returnWithNotice(tx, u.demo_selfunit, { declarationId: id, version: v, reason: "新理由", items: [{ slot: "work", field: "工作经历", text: "补充" }] })))).toBe(
      "第二次退回只能针对第一次告知的事项（一次性告知）",
    );
    expect(await catchMsg(inTx((tx) => tr.returnWithNotice(tx, u.demo_selfunit, { declarationId: id, version: v, reason: "材料不全", items })))).toBe("第二次退回须说明新的理由");
    const second = await inTx((tx) => tr.returnWithNotice(tx, u.demo_selfunit, { declarationId: id, version: v, reason: "学历证书不清晰", items }));
    expect(second.moved).toEqual([id]);
    const notices = await t.db.select().from(declarationNotices).where(eq(declarationNotices.declarationId, id)).orderBy(asc(declarationNotices.round));
    expect(notices.map((n) => [n.stage, n.round])).toEqual([
      ["hrss_checked", 1],
      ["hrss_checked", 2],
    ]);
  });

  it("a changed publicised field after the 公示 sends the resubmission back to a new 公示; examiners see which fields changed", async () => {
    const d = await version(id);
    const [row] = await t.db.select().from(declarations).where(eq(declarations.id, id));
    await inTx((tx) => drafts.saveEducationSection(tx, u.demo_person, { declarationId: id, version: d.version, entries: row.education.map((e) => ({ ...e, school: "清华大学" })) }));
    const v2 = await version(id);
    // The content change cleared the 诚信承诺.
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, u.demo_person, { declarationId: id, version: v2.version })))).toBe("请阅读并勾选诚信承诺");
    await inTx((tx) => drafts.acceptPledge(tx, u.demo_person, { declarationId: id, version: v2.version, accepted: true }));
    const res = await atVersion(id, (v) => inTx((tx) => tr.submitDeclaration(tx, u.demo_person, { declarationId: id, version: v })));
    expect(res.status).toBe("unit_verified");
    const view = await getDeclarationForViewer(t.db, u.demo_unit, id);
    expect(view?.changedFields).toEqual(["education"]);
    expect(view?.openItems).toEqual([]);
  });

  it("reject is final and only by the office holding it", async () => {
    expect(await catchMsg(atVersion(id, (v) => inTx((tx) => tr.rejectDeclaration(tx, u.demo_dept, { declarationId: id, version: v, reason: "不符合条件" }))))).toBe("该申报的状态已变化，请刷新后重试");
    await atVersion(id, (v) => inTx((tx) => tr.rejectDeclaration(tx, u.demo_unit, { declarationId: id, version: v, reason: "不符合条件" })));
    expect((await version(id)).status).toBe("rejected");
    const [msg] = await t.db.select().from(notifications).where(eq(notifications.userId, u.demo_person.id)).orderBy(desc(notifications.id)).limit(1);
    expect(msg.message).toContain("不予受理，原因：不符合条件");
  });
});

describe("self-review: a 贵州大学 teacher declaring to 贵州大学's own committee", () => {
  it("unit stages by 贵州大学, then 贵州大学 accepts; no 主管部门 or 人社部门 stage", async () => {
    const p = await newPerson("韦小宝", "0101");
    const d = await completeDraft(p, "gzu");
    await inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version }));
    const [row] = await t.db.select().from(declarations).where(eq(declarations.id, d.id));
    expect(row).toMatchObject({ selfReview: true, routeDept: false, routeHrss: false });
    const su = u.demo_selfunit;
    expect((await inTx((tx) => tr.unitVerify(tx, su, { ids: [d.id] }))).moved).toEqual([d.id]);
    const pub = await inTx((tx) => tr.startPublicity(tx, su, { ids: [d.id], postedOn: todayInChina() }));
    await t.db.update(publicities).set({ endsOn: "2000-01-01" }).where(eq(publicities.id, pub.publicityId));
    await inTx((tx) => tr.finishPublicity(tx, su, { publicityId: pub.publicityId }));
    expect((await inTx((tx) => tr.unitRecommend(tx, su, { ids: [d.id] }))).moved).toEqual([d.id]);
    expect((await inTx((tx) => tr.deptApprove(tx, u.demo_edu, { ids: [d.id] }))).moved).toEqual([]);
    expect((await inTx((tx) => tr.acceptDeclarations(tx, su, { ids: [d.id] }))).moved).toEqual([d.id]);
    const tl = await timelineForPerson(t.db, p.id, d.id);
    expect(tl?.stages.map((s) => s.status)).toEqual(["submitted", "unit_verified", "in_publicity", "unit_recommended", "accepted"]);
    expect(tl?.stages.every((s) => s.reachedAt !== null)).toBe(true);
  });
});

describe("refusals at submission", () => {
  it("eligibility: 正高 needs a 副高 title; the years count to 31 December of the batch year", async () => {
    const p = await newPerson("令狐冲", "0202");
    const d = await completeDraft(p, "sjy", { targetLevel: "senior_full" });
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version })))).toBe("须逐级申报：申报该级别须已取得低一级职称；如确有突出业绩，可申请破格申报并说明理由");
    const q = await newPerson("任盈盈", "0303");
    const year = Number(todayInChina().slice(0, 4));
    const d2 = await completeDraft(q, "sjy", { titleDate: `${year - 2}-06-01` });
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, q, { declarationId: d2.id, version: d2.version })))).toBe(
      `任职年限不足：须满5年（计算至${year}-12-31为2年），${year + 3}-06-01起符合；如确有突出业绩，可申请破格申报并说明理由`,
    );
  });

  it("诚信档案: a person barred for 3 years is told until when, at submit as at 新建申报", async () => {
    const p = await newPerson("岳不群", "0404");
    const d = await completeDraft(p, "sjy");
    const [row] = await t.db.select({ idNumber: users.idNumber }).from(users).where(eq(users.id, p.id));
    const today = todayInChina();
    await t.db.insert(integrityRecords).values({ idType: "resident", idNumber: row.idNumber!, name: "岳不群", reason: "申报材料造假", revokedAt: today, barUntil: integrityBarUntil(today) });
    const notice = `您因申报材料造假被记入诚信档案，在${formatChineseDay(integrityReapplyOn(today))}之前不能申报职称`;
    expect(await catchMsg(inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version })))).toBe(notice);
    await inTx((tx) => tr.withdrawDeclaration(tx, p, { declarationId: d.id, version: d.version }));
    expect(await catchMsg(inTx((tx) => drafts.createDraft(tx, p, { batchId: batch004, specialty: "数学", targetLevel: "senior_deputy" })))).toBe(notice);
  });

  it("withdrawal while submitted; another person's declaration does not exist for the actor", async () => {
    const p = await newPerson("林平之", "0505");
    const d = await completeDraft(p, "srmyy");
    await inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version }));
    expect(await catchMsg(atVersion(d.id, (v) => inTx((tx) => tr.withdrawDeclaration(tx, u.demo_person, { declarationId: d.id, version: v }))))).toBe("申报不存在");
    await atVersion(d.id, (v) => inTx((tx) => tr.withdrawDeclaration(tx, p, { declarationId: d.id, version: v })));
    expect((await version(d.id)).status).toBe("withdrawn");
    // A withdrawn declaration frees the batch for a new one.
    const again = await inTx((tx) => drafts.createDraft(tx, p, { batchId: batch004, specialty: "数学", targetLevel: "senior_deputy" }));
    expect(again.status).toBe("draft");
    const [{ n }] = await t.db.select({ n: count() }).from(declarations).where(eq(declarations.userId, p.id));
    expect(n).toBe(2);
  });
});
