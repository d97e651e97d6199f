/**
 * 申报批次管理 of the forming organisations (docs/domain.md §16 "Batches") through the real protectedAction
 * wrappers with a chosen session: the list of the organisation's own committees' batches, a yearly batch
 * (zod at the edge, the committee's ownership, the filing, one per committee per year), closing early (only
 * one's own, once); and the server actions of 破格 approval and withdrawal decisions refusing bad input.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, committeeFilings, committees, declarationBatches, declarations, orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { SessionUser } from "@/lib/auth/session-user";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

const session = vi.hoisted(() => ({ current: null as null | SessionUser }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(async () => session.current),
  currentRequestIp: vi.fn(async () => "198.51.100.9"),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const b = await import("@/app/_declaration-batches/actions");
const review = await import("@/app/_declarations-review/actions");
const { listOwnBatches, BATCH_PAGE_SIZE } = await import("@/lib/declarations/batches");
const drafts = await import("@/lib/declarations/drafts");
const { createCompleteDraft } = await import("@/db/seed-declaration-demo");
const { todayInChina } = await import("@/lib/filings/constants");
const { idCheckChar } = await import("@/lib/validation/id-number");

let t: TestDb;
const u: Record<string, SessionUser> = {};
const c: Record<string, string> = {};
let batch004: string;
const year = Number(todayInChina().slice(0, 4));
const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const as = (name: string) => (session.current = u[name]);
const lastAudit = async (action: string) => (await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.chainSeq)).limit(1))[0];

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_person", "demo_unit", "demo_dept", "demo_province", "demo_selfunit"]) {
    const [r] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, name));
    u[name] = await sessionUserOf(t.db, r.id);
  }
  for (const code of ["001", "002", "004"]) {
    const [row] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, code));
    c[code] = row.id;
  }
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c["004"]));
}, 180_000);
afterAll(() => t?.close());

describe("申报批次: list, create, close", () => {
  it("each organisation lists only its own committees' batches", async () => {
    const own = await listOwnBatches(t.db, u.demo_selfunit);
    expect(own.rows.map((r) => r.committeeCode)).toEqual(["004"]);
    expect(own.rows[0]).toMatchObject({ year, status: "open", activeDeclarations: expect.any(Number) });
    const province = await listOwnBatches(t.db, u.demo_province);
    expect(province.rows.map((r) => r.committeeCode)).toEqual(["001"]);
    expect((await listOwnBatches(t.db, u.demo_unit)).rows).toEqual([]);
    expect(own.pageSize).toBe(BATCH_PAGE_SIZE);
    expect((await listOwnBatches(t.db, u.demo_selfunit, { q: "不存在的评委会" })).total).toBe(0);
  });

  it("zod at the edge: the close after the open, both in the year; a wrong role is refused and audited", async () => {
    as("demo_province");
    const bad = await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "", opensOn: `${year + 1}-03-01`, closesOn: `${year + 1}-02-01` });
    expect(bad).toMatchObject({ ok: false, fieldErrors: { closesOn: "截止日期须晚于开始日期" } });
    const outside = await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "", opensOn: `${year}-12-01`, closesOn: `${year + 1}-02-01` });
    expect(outside).toMatchObject({ ok: false, fieldErrors: { opensOn: "开始日期须在批次年度内" } });
    expect(await b.createBatchAction({ committeeId: "x", year, name: "", opensOn: "", closesOn: "" })).toMatchObject({ ok: false, fieldErrors: { committeeId: "请选择评委会" } });
    as("demo_unit");
    expect(await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "", opensOn: `${year + 1}-01-10`, closesOn: `${year + 1}-03-31` })).toEqual({ ok: false, message: "您无权执行此操作" });
    expect(await lastAudit("declaration_batch.create.action")).toMatchObject({ outcome: "denied", actorId: u.demo_unit.id });
  });

  it("another organisation's committee is refused on the server", async () => {
    as("demo_selfunit");
    const r = await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "", opensOn: `${year + 1}-01-10`, closesOn: `${year + 1}-03-31` });
    expect(r).toMatchObject({ ok: false, message: "该评委会不属于您的单位" });
    expect(await t.db.$count(declarationBatches, and(eq(declarationBatches.committeeId, c["001"]), eq(declarationBatches.year, year + 1)))).toBe(0);
  });

  it("a committee without a filing valid on the opening day gets no batch", async () => {
    // 002 (省卫健委) has no approved filing in the demo.
    const [wjw] = await t.db.select({ orgId: committees.formingOrgId }).from(committees).where(eq(committees.id, c["002"]));
    expect(await t.db.$count(committeeFilings, and(eq(committeeFilings.committeeId, c["002"]), eq(committeeFilings.status, "approved")))).toBe(0);
    const [acct] = await t.db.insert(users).values({ username: "wjw_batch", role: "dept", name: "卫健委职改办", orgId: wjw.orgId, passwordHash: "x" }).returning({ id: users.id });
    u.wjw = await sessionUserOf(t.db, acct.id);
    as("wjw");
    const r = await b.createBatchAction({ committeeId: c["002"], year, name: "", opensOn: todayInChina(), closesOn: `${year}-12-31` });
    expect(r).toMatchObject({ ok: false, message: "该评委会在开始日期没有有效的评审权备案，不能开放申报批次" });
  });

  it("next year's batch for 001: created open with the committee's series and levels, audited; a second one that year is refused", async () => {
    as("demo_province");
    const r = await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "", opensOn: `${year + 1}-01-10`, closesOn: `${year + 1}-03-31` });
    expect(r).toMatchObject({ ok: true, message: `已开放申报批次“${year + 1}年度贵州省工程技术高级职称评审委员会职称申报”` });
    const [row] = await t.db.select().from(declarationBatches).where(and(eq(declarationBatches.committeeId, c["001"]), eq(declarationBatches.year, year + 1)));
    expect(row).toMatchObject({ status: "open", series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", createdBy: u.demo_province.id });
    expect(await lastAudit("declaration_batch.create")).toMatchObject({ outcome: "success", targetId: row.id });
    const again = await b.createBatchAction({ committeeId: c["001"], year: year + 1, name: "补充批次", opensOn: `${year + 1}-05-01`, closesOn: `${year + 1}-06-30` });
    expect(again).toMatchObject({ ok: false, message: `该评委会${year + 1}年度已有申报批次（每个评委会每年一个批次）` });
  });

  it("closing early: only the owner, with the batch still open; drafts can no longer be started or submitted", async () => {
    // A draft begun before the close.
    const first17 = `52010219880101${"901"}`;
    const [p] = await t.db.insert(users).values({ username: "batch_p", role: "person", name: "批次测", idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x" }).returning({ id: users.id });
    const person = await sessionUserOf(t.db, p.id);
    const [gzu] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, "贵州大学"));
    const d = await inTx((tx) =>
      createCompleteDraft(tx, person, batch004, {
        specialty: "计算机科学与技术",
        targetLevel: "senior_deputy",
        unitOrgId: gzu.id,
        basic: { gender: "男", birthDate: "1988-01-01", phone: "13800000010", email: "", department: "计算机学院", post: "教师", employment: "in_service" },
        education: [{ level: "doctorate", school: "贵州大学", major: "计算机", from: "2010-09-01", to: "2015-07-01", degree: "工学博士", fullTime: true }],
        work: [{ from: "2015-07-15", to: null, employer: "贵州大学", post: "讲师" }],
        currentTitle: "讲师",
        currentTitleLevel: "intermediate",
        currentTitleDate: "2016-01-01",
        achievements: [],
      }),
    );
    as("demo_province");
    expect(await b.closeBatchAction({ batchId: batch004 })).toMatchObject({ ok: false, message: "申报批次不存在" });
    as("demo_selfunit");
    expect(await b.closeBatchAction({ batchId: batch004 })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(declarationBatches).where(eq(declarationBatches.id, batch004));
    expect(row).toMatchObject({ status: "closed", closedBy: u.demo_selfunit.id });
    expect(row.closedAt).toBeInstanceOf(Date);
    expect(await lastAudit("declaration_batch.close")).toMatchObject({ outcome: "success", targetId: batch004 });
    expect(await b.closeBatchAction({ batchId: batch004 })).toMatchObject({ ok: false, message: "该申报批次已截止" });
    const tr = await import("@/lib/declarations/transitions");
    await expect(inTx((tx) => tr.submitDeclaration(tx, person, { declarationId: d.id, version: d.version }))).rejects.toThrow("该申报批次不在申报时间内");
    await expect(inTx((tx) => drafts.createDraft(tx, u.demo_person, { batchId: batch004, specialty: "数学", targetLevel: "senior_deputy" }))).rejects.toThrow("该申报批次不在申报时间内");
  });
});

describe("the actions of 破格 approval and withdrawal decisions", () => {
  it("批准破格并受理 needs the explicit approval; a person may not decide a withdrawal; a refusal needs its reason", async () => {
    // zod answers before the domain: any declaration will do.
    const [anyDecl] = await t.db.select({ id: declarations.id, version: declarations.version }).from(declarations).limit(1);
    as("demo_selfunit");
    expect(await review.acceptExceptionalAction({ declarationId: anyDecl.id, version: anyDecl.version, approved: false })).toMatchObject({ ok: false, fieldErrors: { approved: "请确认已批准破格" } });
    expect(await review.decideWithdrawalAction({ declarationId: anyDecl.id, version: anyDecl.version, approve: false, reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "请填写不同意撤回的理由（至少2个字）" },
    });
    as("demo_person");
    expect(await review.decideWithdrawalAction({ declarationId: anyDecl.id, version: anyDecl.version, approve: true })).toEqual({ ok: false, message: "您无权执行此操作" });
    expect(await review.acceptExceptionalAction({ declarationId: anyDecl.id, version: anyDecl.version, approved: true })).toEqual({ ok: false, message: "您无权执行此操作" });
  });
});
