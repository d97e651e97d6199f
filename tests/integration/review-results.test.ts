/**
 * Results of a review round through lib/review-results on a real database (docs/domain.md §18): the 结果公示
 * (its end date skipping an override holiday), objections kept and upheld, the 备案 refused before the end of
 * the 公示, by a 人社部门 of another region and by the forming organisation, then 20 concurrent confirmations of
 * which exactly one records the result and issues nothing; the round then waits in the 专技处's queue, and of
 * 20 concurrent 发证 clicks exactly one issues one set of certificates — numbered after the back-fill's sequence
 * for the committee and year, signed, publicly verifiable, with provenance — and none for a withheld candidate.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import {
  auditLog,
  certificates,
  committeeFilings,
  committees,
  declarationEvents,
  declarations,
  notifications,
  orgs,
  reviewCertificates,
  reviewRounds,
  rosterCertCounters,
  roundResultPublicities,
  roundResults,
  rosterPhotos,
  users,
  workingDayOverrides,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { signedFieldsOf } from "@/lib/certificates/issue";
import { verifySignature } from "@/lib/certificates/token";
import { shiftDays } from "@/lib/calendar/working-days";
import { addWorkingDays, publicityEnd } from "@/lib/declarations/publicity-dates";
import { DECLARATION_MESSAGES } from "@/lib/declarations/constants";
import { verifyCertificateLink } from "@/lib/query/verify-link";
import { addCandidates, createRound } from "@/lib/review-rounds/rounds";
import { confirmResults, issueResultCertificates, publishResults, recordObjection, resolveObjection } from "@/lib/review-results/results";
import { certificateProvenance, getRoundResults, listPendingResults, listResultsToIssue } from "@/lib/review-results/queries";
import { confirmResultsSchema } from "@/lib/review-results/schemas";
import { buildCertNo } from "@/lib/roster/numbering";
import { todayInChina } from "@/lib/roster/dates";
import { insertPhotos, insertRecords } from "../helpers/backfill-fixtures";
import { actorOf, buildRoundFixture, type RoundFixture } from "../helpers/review-round-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "review-results-test-signing-secret-0123456789";

let t: TestDb;
let fx: RoundFixture;
let roundId: string;
let staff: SessionUser;
let hrss: SessionUser;
let otherHrss: SessionUser;
let zjc: SessionUser;
const today = todayInChina();
const year = Number(today.slice(0, 4));
/** The back-fill already numbered 7 certificates of this committee this year. */
const BACKFILL_LAST_SEQ = 7;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const msg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};
const version = async () => (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].v;
const statusOf = async (k: number) => (await t.db.select({ s: declarations.status, r: declarations.finalReason }).from(declarations).where(eq(declarations.id, fx.declarationIds[k])))[0];
/** The 站内消息 of kind `kind` in candidate k's inbox (addressed to the declaration's account). */
const messagesOf = async (k: number, kind: string) =>
  (await t.db.select({ m: notifications.message }).from(notifications).where(and(eq(notifications.userId, fx.candidateUsers[k]), eq(notifications.kind, kind)))).map((r) => r.m);
const committeeName = async () => (await t.db.select({ n: committees.name }).from(committees).where(eq(committees.id, fx.committeeId)))[0].n;
async function concurrently<T>(fns: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  if (t.driver === "postgres") return Promise.allSettled(fns.map((f) => f()));
  const out: PromiseSettledResult<T>[] = [];
  for (const f of fns) out.push(await f().then((value) => ({ status: "fulfilled" as const, value }), (reason: unknown) => ({ status: "rejected" as const, reason })));
  return out;
}

async function hrssUser(name: string, regionCode: string, seed: string, certDivision = false): Promise<{ orgId: string; actor: SessionUser }> {
  const [org] = await t.db
    .insert(orgs)
    .values({ name, kind: "hrss", level: certDivision ? "province" : "city", regionCode, status: "active", isCertDivision: certDivision })
    .returning({ id: orgs.id });
  const [u] = await t.db.insert(users).values({ username: `results_hrss_${seed}`, role: "hrss", name: `${name}工作人员`, orgId: org.id, passwordHash: "x" }).returning({ id: users.id });
  return { orgId: org.id, actor: await actorOf(t.db, u.id) };
}

beforeAll(async () => {
  t = await useTestDb();
  fx = await buildRoundFixture(t.db, { seed: 41, members: 5, candidates: 6 });
  staff = await actorOf(t.db, fx.staff[0]);
  const city = await hrssUser("贵阳市人力资源和社会保障局", "520100", "city");
  const other = await hrssUser("遵义市人力资源和社会保障局", "520300", "other");
  hrss = city.actor;
  otherHrss = other.actor;
  zjc = (await hrssUser("贵州省人力资源和社会保障厅专业技术人员管理处", "520000", "zjc", true)).actor;
  // The filing was approved by the city office.
  await t.db.update(committeeFilings).set({ hrssExaminerOrgId: city.orgId }).where(eq(committeeFilings.termId, fx.termId));
  await t.db.insert(rosterCertCounters).values({ committeeId: fx.committeeId, year, lastSeq: BACKFILL_LAST_SEQ });

  const round = await inTx((tx) => createRound(tx, staff, { termId: fx.termId, name: "结果测试评审会", meetingDate: today }));
  roundId = round.id;
  await inTx((tx) => addCandidates(tx, staff, { roundId, declarationIds: fx.declarationIds }));
  // Setup, not under test (the signature is tested in review-rounds.test.ts): the round signed, 0–4 passed, 5 failed.
  await t.db.update(reviewRounds).set({ state: "signed", signedAt: new Date(), closingHash: "ab".repeat(32), ballotBoxHash: "cd".repeat(32), memberCount: 5 }).where(eq(reviewRounds.id, roundId));
  await t.db.update(declarations).set({ status: "passed" }).where(inArray(declarations.id, fx.declarationIds.slice(0, 5)));
  await t.db.update(declarations).set({ status: "failed" }).where(eq(declarations.id, fx.declarationIds[5]));
}, 180_000);
afterAll(() => t?.close());

describe("结果公示", () => {
  it("is refused to another party; the forming organisation publishes and the end date skips an override holiday", async () => {
    const v0 = await version();
    expect(await msg(inTx((tx) => publishResults(tx, hrss, { roundId, version: v0 })))).toBe("评审会议不存在");
    const before = await publicityEnd(t.db, today);
    // A local holiday on the first working day of the window pushes the end one working day on.
    const firstDay = await addWorkingDays(t.db, today, 1);
    const expected = await addWorkingDays(t.db, before, 1);
    await t.db.insert(workingDayOverrides).values({ date: firstDay, kind: "holiday", note: "测试：地方假日" });
    const v = await version();
    const res = await inTx((tx) => publishResults(tx, staff, { roundId, version: v }));
    expect(res).toMatchObject({ postedOn: today, endsOn: expected, candidates: 5 });
    expect(res.endsOn > before).toBe(true);
    const [pub] = await t.db.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, roundId));
    expect(pub).toMatchObject({ postedOn: today, endsOn: expected });
    for (let k = 0; k < 5; k++) expect((await statusOf(k)).s).toBe("result_publicity");
    expect((await statusOf(5)).s).toBe("failed");
    const [ev] = await t.db.select().from(declarationEvents).where(and(eq(declarationEvents.declarationId, fx.declarationIds[0]), eq(declarationEvents.toStatus, "result_publicity")));
    expect(ev).toMatchObject({ fromStatus: "passed", actorId: staff.id });
    const notice = DECLARATION_MESSAGES.resultPublicity(await committeeName(), expected);
    expect(notice).toContain(`公示期至${expected}`);
    for (let k = 0; k < 5; k++) expect(await messagesOf(k, "declaration_result_publicity")).toEqual([notice]);
    expect(await messagesOf(5, "declaration_result_publicity")).toEqual([]);
    expect(await msg(inTx((tx) => publishResults(tx, staff, { roundId, version: v + 1 })))).toBe("评审会议当前为“结果公示中”，不能发布结果公示");
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "review_round.publish_results"), eq(auditLog.targetId, roundId)));
    expect(audits).toHaveLength(1);
  });
});

describe("objections", () => {
  it("records objections, keeps one, upholds one (withheld with the reason); a second resolution is stale", async () => {
    expect(await msg(inTx((tx) => recordObjection(tx, staff, { roundId, declarationId: fx.declarationIds[5], content: "该同志未通过评审" })))).toBe("该申报人的结果不在公示中");
    const o1 = await inTx((tx) => recordObjection(tx, staff, { roundId, declarationId: fx.declarationIds[1], content: "论文疑似代写" }));
    const o2 = await inTx((tx) => recordObjection(tx, staff, { roundId, declarationId: fx.declarationIds[2], content: "任职年限不足" }));
    await inTx((tx) => resolveObjection(tx, staff, { roundId, objectionId: o1.id, decision: "kept", reason: "经核查论文为本人独立完成" }));
    await inTx((tx) => resolveObjection(tx, staff, { roundId, objectionId: o2.id, decision: "upheld", reason: "经核查任职年限不足" }));
    expect(await msg(inTx((tx) => resolveObjection(tx, staff, { roundId, objectionId: o2.id, decision: "kept", reason: "重复处理" })))).toBe("该异议已处理，请刷新后重试");
    expect(await statusOf(1)).toMatchObject({ s: "result_publicity" });
    expect(await statusOf(2)).toEqual({ s: "withheld", r: "结果公示异议成立：经核查任职年限不足" });
    expect(await messagesOf(2, "declaration_withheld")).toEqual([DECLARATION_MESSAGES.withheld(await committeeName(), "结果公示异议成立：经核查任职年限不足")]);
    expect(await messagesOf(1, "declaration_withheld")).toEqual([]);
  });
});

describe("备案 / confirmation", () => {
  const input = async (over: Partial<Parameters<typeof confirmResults>[2]> = {}) =>
    confirmResultsSchema.parse({
      roundId,
      version: await version(),
      approvalNo: "筑人社备〔2026〕12号",
      issueDate: shiftDays(today, -1),
      withhold: [{ declarationId: fx.declarationIds[3], reason: "材料待核实" }],
      expectedCount: 3,
      ...over,
    });

  it("is refused before the 公示 ends, to another region's 人社部门 and to the forming organisation", async () => {
    const i = await input();
    expect(await msg(inTx((tx) => confirmResults(tx, hrss, i)))).toMatch(/^结果公示至\d{4}-\d{2}-\d{2}，公示期满后方可备案$/);
    // Time passes: the 公示 ended the day before yesterday.
    await t.db.update(roundResultPublicities).set({ postedOn: shiftDays(today, -12), endsOn: shiftDays(today, -2) }).where(eq(roundResultPublicities.roundId, roundId));
    expect(await msg(inTx((tx) => confirmResults(tx, otherHrss, i)))).toBe("评审会议不存在");
    expect(await msg(inTx((tx) => confirmResults(tx, staff, i)))).toBe("评审会议不存在");
    expect(await msg(inTx(async (tx) => confirmResults(tx, hrss, { ...i, issueDate: shiftDays(today, -2) })))).toMatch(/^发文日期须在公示期满/);
    // An open objection blocks it (checked under the round's row lock, after the guarded move, which rolls back).
    const o = await inTx((tx) => recordObjection(tx, staff, { roundId, declarationId: fx.declarationIds[4], content: "学历存疑" }));
    const i2 = await input();
    expect(await msg(inTx((tx) => confirmResults(tx, hrss, i2)))).toBe("还有1条异议未处理，处理后方可备案");
    expect((await t.db.select({ s: reviewRounds.state }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].s).toBe("publicity");
    await inTx((tx) => resolveObjection(tx, staff, { roundId, objectionId: o.id, decision: "kept", reason: "经核查学历属实" }));
    expect(await t.db.$count(certificates, eq(certificates.committeeId, fx.committeeId))).toBe(0);
  });

  it("the round waits in the approving 人社部门's queue only; its results page masks ID numbers", async () => {
    const mine = await listPendingResults(t.db, hrss);
    expect(mine.rows.map((r) => r.roundId)).toEqual([roundId]);
    expect(mine.rows[0]).toMatchObject({ candidates: 4, openObjections: 0, formingOrgKind: "unit" });
    expect((await listPendingResults(t.db, otherHrss)).total).toBe(0);
    expect(await msg(getRoundResults(t.db, otherHrss, roundId))).toBe("评审会议不存在");
    const page = await getRoundResults(t.db, staff, roundId);
    expect(page).toMatchObject({ kind: "filing_record", viewer: "forming", mayConfirm: false });
    expect(await getRoundResults(t.db, hrss, roundId)).toMatchObject({ viewer: "authority", mayConfirm: true });
    expect(page.candidates).toHaveLength(5);
    const [d0] = await t.db.select({ id: declarations.idNumber }).from(declarations).where(eq(declarations.id, fx.declarationIds[0]));
    expect(JSON.stringify(page)).not.toContain(d0.id!);
  });

  it("20 concurrent confirmations record exactly one result and issue nothing; the withheld candidate is told why", async () => {
    const i = await input();
    const results = await concurrently(Array.from({ length: 20 }, () => () => inTx((tx) => confirmResults(tx, hrss, i))));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as Error).message).toMatch(/^(评审会议的状态已变化，请刷新后重试|评审会议当前为“已确认”，不能备案)$/);
    expect(await t.db.$count(certificates, eq(certificates.committeeId, fx.committeeId))).toBe(0);
    for (const k of [0, 1, 4]) expect((await statusOf(k)).s).toBe("confirmed");
    expect(await statusOf(3)).toEqual({ s: "withheld", r: "备案时暂缓：材料待核实" });
    const name = await committeeName();
    for (const k of [0, 1, 4]) expect(await messagesOf(k, "declaration_results_confirmed")).toEqual([DECLARATION_MESSAGES.resultsConfirmed(name, "备案", "筑人社备〔2026〕12号")]);
    expect(await messagesOf(3, "declaration_withheld")).toEqual([DECLARATION_MESSAGES.withheld(name, "备案时暂缓：材料待核实")]);
    const [rr] = await t.db.select().from(roundResults).where(eq(roundResults.roundId, roundId));
    expect(rr).toMatchObject({ kind: "filing_record", confirmedCount: 3, withheldCount: 1, confirmedBy: hrss.id, issuedAt: null, certificateCount: null });
    expect((await t.db.select({ s: reviewRounds.state }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].s).toBe("confirmed");
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, "review_round.results_filed"), eq(auditLog.targetId, roundId)))).toBe(1);
  });
});

describe("发证 by the 专技处", () => {
  it("the confirmed round waits in the 专技处's queue only; nobody else may issue", async () => {
    const queue = await listResultsToIssue(t.db, zjc);
    expect(queue.rows.map((r) => r.roundId)).toEqual([roundId]);
    expect(queue.rows[0]).toMatchObject({ kind: "filing_record", approvalNo: "筑人社备〔2026〕12号", confirmedCount: 3, issuedAt: null });
    expect(queue.waiting).toBe(1);
    expect((await listResultsToIssue(t.db, hrss)).total).toBe(0);
    expect(await getRoundResults(t.db, zjc, roundId)).toMatchObject({ viewer: "issuer", mayConfirm: false, mayIssue: true });
    for (const who of [hrss, otherHrss]) expect(await msg(inTx((tx) => issueResultCertificates(tx, who, { roundId, expectedCount: 3 })))).toBe("仅省人社厅专技处可以确认、退回、撤销或更正证书");
    expect(await msg(inTx((tx) => issueResultCertificates(tx, zjc, { roundId, expectedCount: 4 })))).toBe("待发证人数已变化：页面为4人，现在为3人。请刷新后重试");
    expect(await t.db.$count(certificates, eq(certificates.committeeId, fx.committeeId))).toBe(0);
    expect((await t.db.select({ at: roundResults.issuedAt }).from(roundResults).where(eq(roundResults.roundId, roundId)))[0].at).toBeNull();
  });

  it("20 concurrent 发证 clicks issue exactly one set, numbered after the back-fill's, none for withheld candidates", async () => {
    const results = await concurrently(Array.from({ length: 20 }, () => () => inTx((tx) => issueResultCertificates(tx, zjc, { roundId, expectedCount: 3 }))));
    const ok = results.filter((r) => r.status === "fulfilled");
    expect(ok).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect((r.reason as Error).message).toBe("该评审结果已发证或尚未确认，请刷新后查看");

    const certs = await t.db.select().from(certificates).where(eq(certificates.committeeId, fx.committeeId)).orderBy(asc(certificates.certNo));
    expect(certs).toHaveLength(3);
    const seqs = certs.map((c) => Number(c.certNo.slice(12, 17))).sort((a, b) => a - b);
    expect(seqs).toEqual([BACKFILL_LAST_SEQ + 1, BACKFILL_LAST_SEQ + 2, BACKFILL_LAST_SEQ + 3]);
    const [counter] = await t.db.select().from(rosterCertCounters).where(and(eq(rosterCertCounters.committeeId, fx.committeeId), eq(rosterCertCounters.year, year)));
    expect(counter.lastSeq).toBe(BACKFILL_LAST_SEQ + 3);
    const [committeeCode] = await t.db.select({ code: committees.code }).from(committees).where(eq(committees.id, fx.committeeId));
    for (const c of certs) {
      expect(c.certNo).toBe(buildCertNo(year, "012", committeeCode.code, Number(c.certNo.slice(12, 17))));
      expect(c).toMatchObject({ status: "valid", version: 1, rosterRecordId: null, approvalNo: "筑人社备〔2026〕12号", issueDate: shiftDays(today, -1), passDate: today, qualificationName: "副教授", level: "senior_deputy", obtainMethod: "review", gender: "male", issuingAuthority: fx.orgName, photoId: null, issuedBy: zjc.id });
      expect(verifySignature(signedFieldsOf(c), c.signature)).toBe(true);
      const link = await verifyCertificateLink(t.db, c.verifyToken, { ip: null });
      expect(link.kind).toBe("verified");
    }
    // Candidates 0, 1 and 4 have one each; 2 (objection upheld), 3 (withheld) and 5 (failed) none.
    const prov = await t.db.select().from(reviewCertificates).where(eq(reviewCertificates.roundId, roundId));
    expect(prov.map((p) => fx.declarationIds.indexOf(p.declarationId)).sort()).toEqual([0, 1, 4]);
    for (const p of prov) expect(p).toMatchObject({ closingHash: "ab".repeat(32), publicityFrom: shiftDays(today, -11), publicityTo: shiftDays(today, -2) });
    expect(await certificateProvenance(t.db, prov[0].certNo)).toMatchObject({ roundId, closingHash: "ab".repeat(32), publicityTo: shiftDays(today, -2) });
    // 站内消息: one 证书已签发 per certificate (with its number) whatever the number of clicks.
    const name = await committeeName();
    for (const p of prov) {
      const k = fx.declarationIds.indexOf(p.declarationId);
      expect(await messagesOf(k, "declaration_confirmed")).toEqual([DECLARATION_MESSAGES.certificateIssued(name, "备案", p.certNo)]);
    }
    for (const k of [2, 3, 5]) expect(await messagesOf(k, "declaration_confirmed")).toEqual([]);
    const idsOfCerts = new Set(certs.map((c) => c.idNumber));
    const [d2, d3] = await t.db.select({ id: declarations.idNumber }).from(declarations).where(inArray(declarations.id, [fx.declarationIds[2], fx.declarationIds[3]]));
    expect(idsOfCerts.has(d2.id!) || idsOfCerts.has(d3.id!)).toBe(false);
    const [rr] = await t.db.select().from(roundResults).where(eq(roundResults.roundId, roundId));
    expect(rr).toMatchObject({ issuedBy: zjc.id, certificateCount: 3 });
    expect(rr.issuedAt).not.toBeNull();
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, "review_round.certificates_issued"), eq(auditLog.targetId, roundId)))).toBe(1);
    // Issued: out of the waiting queue, in the issued list, no 发证 step on the page.
    expect((await listResultsToIssue(t.db, zjc)).total).toBe(0);
    expect((await listResultsToIssue(t.db, zjc, { issued: true })).rows.map((r) => r.roundId)).toEqual([roundId]);
    expect(await getRoundResults(t.db, zjc, roundId)).toMatchObject({ mayIssue: false });
  });
});

describe("确认 of a committee formed by a 主管部门", () => {
  it("is a confirmation: the 人社部门 is the issuing authority and numbering starts the committee's year", async () => {
    const f2 = await buildRoundFixture(t.db, { seed: 42, members: 5, candidates: 2 });
    await t.db.update(orgs).set({ kind: "dept", name: "贵州省测试主管部门" }).where(eq(orgs.id, f2.orgId));
    const [hrssOrg] = await t.db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, hrss.orgId!));
    await t.db.update(committeeFilings).set({ hrssExaminerOrgId: hrssOrg.id }).where(eq(committeeFilings.termId, f2.termId));
    const owner = await actorOf(t.db, f2.staff[0]);
    // Both candidates have an approved back-fill photo (an earlier title). Candidate 0's declaration has no 证件照
    // (made before the step existed): the certificate falls back to the back-fill photo. Candidate 1's has one: it wins.
    const [c0] = await t.db.select({ idNumber: declarations.idNumber }).from(declarations).where(eq(declarations.id, f2.declarationIds[0]));
    const recs = await insertRecords(t.db, { committeeId: f2.committeeId, count: 2, start: 700_000 + 42 * 20_000 + 5_000, status: "confirmed" });
    const [photoId] = await insertPhotos(t.db, recs, owner.id, "approved");
    const [declared] = await t.db
      .insert(rosterPhotos)
      .values({ declarationId: f2.declarationIds[1], uploadedBy: f2.candidateUsers[1], sha256: "d".repeat(64), bytes: 3, data: Buffer.from([0xff, 0xd8, 0xff]), status: "pending" })
      .returning({ id: rosterPhotos.id });
    const r2 = await inTx((tx) => createRound(tx, owner, { termId: f2.termId, name: "主管部门评审会", meetingDate: today }));
    await inTx((tx) => addCandidates(tx, owner, { roundId: r2.id, declarationIds: f2.declarationIds }));
    await t.db.update(reviewRounds).set({ state: "signed", signedAt: new Date(), closingHash: "ef".repeat(32), memberCount: 5 }).where(eq(reviewRounds.id, r2.id));
    await t.db.update(declarations).set({ status: "passed" }).where(inArray(declarations.id, f2.declarationIds));
    const v1 = (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, r2.id)))[0].v;
    await inTx((tx) => publishResults(tx, owner, { roundId: r2.id, version: v1 }));
    await t.db.update(roundResultPublicities).set({ postedOn: shiftDays(today, -12), endsOn: shiftDays(today, -2) }).where(eq(roundResultPublicities.roundId, r2.id));
    const v2 = (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, r2.id)))[0].v;
    const out = await inTx((tx) => confirmResults(tx, hrss, confirmResultsSchema.parse({ roundId: r2.id, version: v2, approvalNo: "筑人社通〔2026〕3号", issueDate: today, expectedCount: 2 })));
    expect(out).toMatchObject({ kind: "confirmation", confirmed: 2, withheld: 0 });
    await inTx((tx) => issueResultCertificates(tx, zjc, { roundId: r2.id, expectedCount: 2 }));
    const certs = await t.db.select().from(certificates).where(eq(certificates.committeeId, f2.committeeId));
    expect(certs.map((c) => Number(c.certNo.slice(12, 17))).sort()).toEqual([1, 2]);
    for (const c of certs) expect(c).toMatchObject({ issuingAuthority: hrssOrg.name, approvalNo: "筑人社通〔2026〕3号", issueDate: today });
    expect(Object.fromEntries(certs.map((c) => [c.idNumber, c.photoId]))).toEqual({ [c0.idNumber!]: photoId, [certs.find((c) => c.idNumber !== c0.idNumber)!.idNumber]: declared.id });
    expect(await t.db.$count(auditLog, and(eq(auditLog.action, "review_round.results_confirmed"), eq(auditLog.targetId, r2.id)))).toBe(1);
    const [c2] = await t.db.select({ n: committees.name }).from(committees).where(eq(committees.id, f2.committeeId));
    const byId = new Map(certs.map((c) => [c.idNumber, c.certNo]));
    const [u0] = await t.db.select({ m: notifications.message }).from(notifications).where(and(eq(notifications.userId, f2.candidateUsers[0]), eq(notifications.kind, "declaration_confirmed")));
    expect(u0.m).toBe(DECLARATION_MESSAGES.certificateIssued(c2.n, "确认", byId.get(c0.idNumber!)!));
  });
});
