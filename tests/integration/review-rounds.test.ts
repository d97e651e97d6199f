/**
 * A review round through lib/review-rounds on a real database (docs/domain.md §17): creation under a filing,
 * candidates, members, conflicts of every kind (declared ID number and unit, same 二级单位 in a self-review,
 * level below the target, a suggestion pinned and one dismissed), panels and distribution, the 承诺书,
 * opinions (others' only after mine), summaries, attendance with a quorum short by one, 25 experts voting
 * concurrently on 50 candidates, close, 统票 with confirmations, signature, the database refusing any change,
 * the chain verification catching a superuser's edit, and a ballot table without a voter column.
 */
import { spawnSync } from "node:child_process";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import {
  auditLog,
  ballotParticipation,
  ballotStaging,
  ballotVotes,
  declarations,
  expertConflicts,
  orgs,
  roleGrants,
  roundCandidates,
  roundConflicts,
  reviewRounds,
  tallies,
} from "@/db/schema";
import type { BallotChoice } from "@/db/schema/enums";
import { decideCandidate } from "@/lib/review-rounds/arithmetic";
import { ALREADY_VOTED, castSheet, checkIn, closeBallot, openBallot, recordAttendance } from "@/lib/review-rounds/ballot";
import { assertNotBlocked, decideConflict } from "@/lib/review-rounds/conflicts";
import { getBallotSheet, getReceiptBoard, listRoundsForExpert, visibleCandidatesForExpert } from "@/lib/review-rounds/expert-queries";
import { getMinutesData } from "@/lib/review-rounds/minutes";
import { assignCandidates, distribute, formPanel, startPanelReview } from "@/lib/review-rounds/panels";
import { getChairConsole, getRoundDetail, listAddableDeclarations, listRoundsForChair, listRoundsForOrg } from "@/lib/review-rounds/queries";
import { assertExpertMayOpenDeclaration, assertMaterialsAccess, listOpinionsForExpert, signPledge, submitOpinion, writeSummary } from "@/lib/review-rounds/review";
import { addCandidates, cancelRound, createRound, removeCandidate, selectMembers } from "@/lib/review-rounds/rounds";
import { decideConflictSchema } from "@/lib/review-rounds/schemas";
import { computeTally, confirmTally, signTally } from "@/lib/review-rounds/tally";
import { verifyRoundChains } from "@/lib/review-rounds/verify";
import type { SessionUser } from "@/lib/auth/session-user";
import { actorOf, buildRoundFixture, FIXTURE_PASSWORD, type RoundFixture } from "../helpers/review-round-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
let fx: RoundFixture;
let roundId: string;
const staff: SessionUser[] = [];
let chair: SessionUser;
const expert: SessionUser[] = [];
/** round_candidates.id by the fixture's candidate index. */
const cand: string[] = [];

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const msg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};
/** Reads the version first: a t.db query inside the transaction would wait forever on PGlite (one connection). */
const atVersion = async <T>(fn: (tx: Db, v: number) => Promise<T>) => {
  const v = await version();
  return inTx((tx) => fn(tx, v));
};
const version = async () => (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].v;
/** At once on PostgreSQL; one after another on PGlite (one connection: nothing concurrent to test). */
async function concurrently<T>(fns: (() => Promise<T>)[]): Promise<PromiseSettledResult<T>[]> {
  if (t.driver === "postgres") return Promise.allSettled(fns.map((f) => f()));
  const out: PromiseSettledResult<T>[] = [];
  for (const f of fns) out.push(await f().then((value) => ({ status: "fulfilled" as const, value }), (reason: unknown) => ({ status: "rejected" as const, reason })));
  return out;
}

/** Panel p holds members 5p … 5p+4; its 组长 is member 5p+2. Candidates 0–4 go to chosen panels, the rest to k mod 5. */
const PANEL_OF_CANDIDATE = [1, 4, 2, 0, 3];
const panelOf = (k: number) => (k < 5 ? PANEL_OF_CANDIDATE[k] : k % 5);
/** The blocks the fixture sets up (member indices per candidate index); everything else is unblocked. */
const ODD = Array.from({ length: 12 }, (_, i) => 2 * i + 1);
const BLOCKED: Record<number, number[]> = { 0: [5], 1: [1, 6, 11, 16, 21], 2: [10], 3: ODD, 4: [15] };
const isBlocked = (i: number, k: number) => (BLOCKED[k] ?? []).includes(i);
/** What voter i marks for candidate k. Candidate 5 is refused by the first ten voters. */
function choiceOf(i: number, k: number): BallotChoice {
  if (k === 5 && i < 10) return "no";
  if ((i + k) % 7 === 0) return "no";
  if ((i * 3 + k) % 11 === 0) return "abstain";
  return "yes";
}

beforeAll(async () => {
  t = await useTestDb();
  fx = await buildRoundFixture(t.db, { seed: 1, candidates: 50 });
  for (const id of fx.staff) staff.push(await actorOf(t.db, id));
  chair = await actorOf(t.db, fx.chair, { role: "committee_member", position: "主任委员" });
  for (const m of fx.members) expert.push(await actorOf(t.db, m.userId, { role: "expert" }));
  const d = (k: number) => fx.declarationIds[k];
  const [c0] = await t.db.select({ idNumber: declarations.idNumber, name: declarations.personName }).from(declarations).where(eq(declarations.id, d(0)));
  // 0: member 5 names candidate 0's ID number in the 回避声明.
  await t.db.insert(expertConflicts).values({ userId: fx.members[5].userId, kind: "person", personIdType: "resident", personIdNumber: c0.idNumber, personName: c0.name, relation: "relative" });
  // 1: a self-review (the candidate works at the forming university) in the department of members 1, 6, 11, 16, 21.
  await t.db
    .update(declarations)
    .set({ unitOrgId: fx.orgId, selfReview: true, basic: { gender: "男", birthDate: "1985-01-01", phone: "13900000000", email: "", department: fx.members[6].department, post: "讲师" } })
    .where(eq(declarations.id, d(1)));
  // 2: worked at the forming university until last year: a suggestion for every member.
  const lastYear = `${new Date().getUTCFullYear() - 1}-06-30`;
  await t.db
    .update(declarations)
    .set({ work: [{ id: crypto.randomUUID(), from: "2012-07-01", to: lastYear, employer: fx.orgName, post: "讲师" }, { id: crypto.randomUUID(), from: lastYear, to: null, employer: "申报测试学院1", post: "副教授" }] })
    .where(eq(declarations.id, d(2)));
  // 3: targets 正高: every 副高 member (odd index) is below it.
  await t.db.update(declarations).set({ targetLevel: "senior_full" }).where(eq(declarations.id, d(3)));
  // 4: from another unit, which member 15 names in the 回避声明.
  const [other] = await t.db.insert(orgs).values({ name: "另一测试学院1", kind: "unit", level: "city", regionCode: "520100" }).returning({ id: orgs.id });
  await t.db.update(declarations).set({ unitOrgId: other.id }).where(eq(declarations.id, d(4)));
  await t.db.insert(expertConflicts).values({ userId: fx.members[15].userId, kind: "unit", unitName: "另一测试学院1", relation: "same_unit" });
}, 180_000);
afterAll(() => t?.close());

describe("creating the round (forming organisation)", () => {
  it("is refused on a day the filing does not cover, and by another organisation", async () => {
    const late = `${new Date().getUTCFullYear() + 5}-03-01`;
    expect(await msg(inTx((tx) => createRound(tx, staff[0], { termId: fx.termId, name: "测试评审会", meetingDate: late })))).toMatch(/会议日期须在本届任期内|没有有效的评审权备案/);
    const outsider = await actorOf(t.db, (await buildRoundFixture(t.db, { seed: 2, members: 3, candidates: 0 })).staff[0]);
    expect(await msg(inTx((tx) => createRound(tx, outsider, { termId: fx.termId, name: "测试评审会", meetingDate: fx.meetingDate })))).toBe("该届不存在");
  });

  it("creates a draft round with an audit row and lists it for its organisation only", async () => {
    const round = await inTx((tx) => createRound(tx, staff[0], { termId: fx.termId, name: "2026年度高校教师高级职称评审会", meetingDate: fx.meetingDate }));
    roundId = round.id;
    expect(round).toMatchObject({ state: "draft", version: 1, formingOrgId: fx.orgId });
    const list = await listRoundsForOrg(t.db, staff[1], { q: "高级职称" });
    expect(list.rows.map((r) => r.id)).toEqual([roundId]);
    const [a] = await t.db.select().from(auditLog).where(eq(auditLog.action, "review_round.create")).orderBy(desc(auditLog.chainSeq)).limit(1);
    expect(a).toMatchObject({ outcome: "success", targetId: roundId });
  });

  it("adds the 50 accepted declarations (they move to in_review) and refuses one not accepted", async () => {
    await t.db.update(declarations).set({ status: "submitted" }).where(eq(declarations.id, fx.declarationIds[49]));
    const first = await inTx((tx) => addCandidates(tx, staff[0], { roundId, declarationIds: fx.declarationIds }));
    expect(first.added).toHaveLength(49);
    expect(first.refused).toEqual([{ id: fx.declarationIds[49], reason: "只有已受理的申报可以参加评审" }]);
    await t.db.update(declarations).set({ status: "accepted" }).where(eq(declarations.id, fx.declarationIds[49]));
    const second = await inTx((tx) => addCandidates(tx, staff[0], { roundId, declarationIds: [fx.declarationIds[49]] }));
    expect(second.added).toEqual([fx.declarationIds[49]]);
    const rows = await t.db.select({ id: roundCandidates.id, d: roundCandidates.declarationId }).from(roundCandidates).where(eq(roundCandidates.roundId, roundId));
    const byDecl = new Map(rows.map((r) => [r.d, r.id]));
    fx.declarationIds.forEach((d, k) => (cand[k] = byDecl.get(d)!));
    const statuses = await t.db.select({ s: declarations.status }).from(declarations).where(inArray(declarations.id, fx.declarationIds));
    expect(statuses.every((s) => s.s === "in_review")).toBe(true);
  });

  it("selects the members: an even number is refused, all 25 are seated", async () => {
    const ids = fx.members.map((m) => m.termMemberId);
    expect(await msg(atVersion((tx, v) => selectMembers(tx, staff[0], { roundId, version: v, termMemberIds: ids.slice(0, 24) })))).toBe("参会委员人数须为单数，当前为24人；参会委员至少25人，当前为24人");
    const v = await version();
    expect(await inTx((tx) => selectMembers(tx, staff[0], { roundId, version: v, termMemberIds: ids }))).toEqual({ seated: 25, notSeated: 0 });
  });
});

describe("conflicts", () => {
  it("computes every block the data implies, and the 主任 sees the category but never a declared ID number", async () => {
    const console_ = await getChairConsole(t.db, chair, roundId);
    const blocking = console_.blocks.filter((b) => b.status === "blocking");
    const pairs = (cat: string) => blocking.filter((b) => b.category === cat).map((b) => `${fx.members.findIndex((m) => m.userId === b.userId)}:${cand.indexOf(b.candidateId)}`).sort();
    expect(pairs("declared_id")).toEqual(["5:0"]);
    expect(pairs("same_department")).toEqual(["1:1", "6:1", "11:1", "16:1", "21:1"].sort());
    expect(pairs("level_below")).toEqual(ODD.map((i) => `${i}:3`).sort());
    expect(pairs("declared_unit")).toEqual(["15:4"]);
    expect(blocking).toHaveLength(1 + 5 + 12 + 1);
    expect(console_.blocks.filter((b) => b.status === "suggested" && cand.indexOf(b.candidateId) === 2)).toHaveLength(25);
    const json = JSON.stringify(console_);
    for (const m of fx.members) expect(json).not.toContain(m.idNumber);
    const [c0] = await t.db.select({ idNumber: declarations.idNumber }).from(declarations).where(eq(declarations.id, fx.declarationIds[0]));
    expect(json).not.toContain(c0.idNumber!);
  });

  it("the 主任 pins one suggestion (it blocks) and dismisses another with a reason; a dismissal without reason fails validation", async () => {
    expect(decideConflictSchema.safeParse({ roundId, conflictId: roundId, decision: "dismiss" }).success).toBe(false);
    const sugg = await t.db.select().from(roundConflicts).where(and(eq(roundConflicts.roundId, roundId), eq(roundConflicts.source, "suggestion")));
    const of = (i: number) => sugg.find((s) => s.userId === fx.members[i].userId)!.id;
    await inTx((tx) => decideConflict(tx, chair, { roundId, conflictId: of(10), decision: "pin" }));
    await inTx((tx) => decideConflict(tx, chair, { roundId, conflictId: of(11), decision: "dismiss", reason: "已离开该单位五年" }));
    expect(await msg(assertNotBlocked(t.db, roundId, fx.members[10].userId, cand[2]))).toBe("您须回避该申报人，不能查看材料、发表意见或投票");
    expect(await msg(assertNotBlocked(t.db, roundId, fx.members[11].userId, cand[2]))).toBe("no error");
    expect(await msg(inTx((tx) => decideConflict(tx, expert[11], { roundId, conflictId: of(12), decision: "dismiss", reason: "本人认为无需回避" })))).toBe("评审会议不存在");
  });
});

describe("panels and distribution (主任)", () => {
  it("a panel of two is refused; five panels of five are formed, each 组长 gets a round grant", async () => {
    const ids = (p: number) => fx.members.slice(5 * p, 5 * p + 5).map((m) => m.userId);
    expect(await msg(inTx((tx) => formPanel(tx, chair, { roundId, name: "第一评议组", memberUserIds: ids(0).slice(0, 2), leaderUserId: ids(0)[0] })))).toBe("评议组至少3名专家，当前为2名");
    for (let p = 0; p < 5; p++) {
      await inTx((tx) => formPanel(tx, chair, { roundId, name: `第${p + 1}评议组`, memberUserIds: ids(p), leaderUserId: ids(p)[2] }));
    }
    const grants = await t.db.select().from(roleGrants).where(and(eq(roleGrants.roundId, roundId), eq(roleGrants.status, "active")));
    expect(grants.map((g) => g.userId).sort()).toEqual([2, 7, 12, 17, 22].map((i) => fx.members[i].userId).sort());
    expect(grants.every((g) => g.role === "committee_member" && g.position === "评议组组长")).toBe(true);
  });

  it("distribution is refused while a candidate has fewer than 3 unblocked reviewers or a blocked 组长, then succeeds", async () => {
    const panels = (await getChairConsole(t.db, chair, roundId)).panels;
    const byIndex = (p: number) => panels.find((x) => x.name === `第${p + 1}评议组`)!.panelId;
    for (let p = 0; p < 5; p++) {
      const ks = cand.map((_, k) => k).filter((k) => panelOf(k) === p && k !== 3);
      await inTx((tx) => assignCandidates(tx, chair, { roundId, panelId: byIndex(p), candidateIds: ks.map((k) => cand[k]) }));
    }
    // Candidate 3 (正高) on panel 2 (members 5–9): 5, 7, 9 are 副高, so only 2 may review, and the 组长 (7) is one of them.
    await inTx((tx) => assignCandidates(tx, chair, { roundId, panelId: byIndex(1), candidateIds: [cand[3]] }));
    const name3 = (await t.db.select({ n: declarations.personName }).from(declarations).where(eq(declarations.id, fx.declarationIds[3])))[0].n;
    expect(await msg(atVersion((tx, v) => distribute(tx, chair, { roundId, version: v })))).toBe(
      `不能分发材料：${name3}（2人）的评议组中无需回避的专家不足3人；${name3}所在评议组的组长须回避，请更换组长或调整分组`,
    );
    await inTx((tx) => assignCandidates(tx, chair, { roundId, panelId: byIndex(0), candidateIds: [cand[3]] }));
    const v = await version();
    const round = await inTx((tx) => distribute(tx, chair, { roundId, version: v }));
    expect(round).toMatchObject({ state: "distributed", memberCount: 25 });
    expect(await msg(inTx((tx) => distribute(tx, chair, { roundId, version: v })))).toBe("评审会议当前为“已分发材料”，不能分发材料");
  });
});

describe("panel review (experts)", () => {
  it("no material opens before the 承诺书; the list is empty until it is signed", async () => {
    expect(await msg(assertMaterialsAccess(t.db, expert[6], roundId, cand[0]))).toBe("请先签署专家纪律承诺书");
    expect((await visibleCandidatesForExpert(t.db, expert[6], roundId)).candidates).toEqual([]);
    for (const e of expert) await inTx((tx) => signPledge(tx, e, { roundId, accepted: true }));
    await atVersion((tx, v) => startPanelReview(tx, chair, { roundId, version: v }));
  });

  it("a blocked expert is refused on every path and never sees the candidate; nothing says why", async () => {
    const blocked = expert[5];
    const BLOCKED_MSG = "您须回避该申报人，不能查看材料、发表意见或投票";
    expect(await msg(assertMaterialsAccess(t.db, blocked, roundId, cand[0]))).toBe(BLOCKED_MSG);
    expect(await msg(assertExpertMayOpenDeclaration(t.db, blocked, fx.declarationIds[0]))).toBe(BLOCKED_MSG);
    expect(await msg(inTx((tx) => submitOpinion(tx, blocked, { roundId, candidateId: cand[0], text: "材料齐全，建议通过", recommend: true })))).toBe(BLOCKED_MSG);
    expect(await msg(listOpinionsForExpert(t.db, blocked, roundId, cand[0]))).toBe(BLOCKED_MSG);
    const visible = (await visibleCandidatesForExpert(t.db, blocked, roundId)).candidates.map((c) => c.candidateId);
    expect(visible).not.toContain(cand[0]);
    expect(visible).toHaveLength(cand.filter((_, k) => panelOf(k) === 1).length - 1);
    // Level below the target and same department block the same way; another panel's candidate is not found.
    expect(await msg(assertMaterialsAccess(t.db, expert[1], roundId, cand[3]))).toBe(BLOCKED_MSG);
    expect(await msg(assertMaterialsAccess(t.db, expert[21], roundId, cand[1]))).toBe(BLOCKED_MSG);
    expect(await msg(assertMaterialsAccess(t.db, expert[6], roundId, cand[1]))).toBe("申报人不在本次评审中");
    // A colleague on the panel sees the candidate and learns nothing about the block.
    const colleague = await visibleCandidatesForExpert(t.db, expert[6], roundId);
    expect(colleague.candidates.map((c) => c.candidateId)).toContain(cand[0]);
    expect(JSON.stringify(colleague)).not.toMatch(/回避|blocked|conflict/);
  });

  it("others' opinions are visible only after mine is submitted", async () => {
    expect(await listOpinionsForExpert(t.db, expert[6], roundId, cand[0])).toMatchObject({ mine: null, others: null });
    await inTx((tx) => submitOpinion(tx, expert[7], { roundId, candidateId: cand[0], text: "业绩突出，建议通过", recommend: true }));
    expect((await listOpinionsForExpert(t.db, expert[6], roundId, cand[0])).others).toBeNull();
    await inTx((tx) => submitOpinion(tx, expert[6], { roundId, candidateId: cand[0], text: "论文质量较好，建议通过", recommend: true }));
    const seen = await listOpinionsForExpert(t.db, expert[6], roundId, cand[0]);
    expect(seen.mine?.text).toBe("论文质量较好，建议通过");
    expect(seen.others?.map((o) => o.text)).toEqual(["业绩突出，建议通过"]);
  });

  it("every unblocked panel member writes an opinion and each 组长 the summary; only the 组长 may", async () => {
    expect(await msg(inTx((tx) => writeSummary(tx, expert[6], { roundId, candidateId: cand[0], text: "评议组建议通过", recommend: true })))).toBe("只有评议组组长可以填写评议组意见");
    for (let k = 0; k < cand.length; k++) {
      for (let i = 5 * panelOf(k); i < 5 * panelOf(k) + 5; i++) {
        if (isBlocked(i, k)) continue;
        await inTx((tx) => submitOpinion(tx, expert[i], { roundId, candidateId: cand[k], text: `第${i}位专家对第${k}位申报人的意见`, recommend: (i + k) % 4 !== 0 }));
      }
      await inTx((tx) => writeSummary(tx, expert[5 * panelOf(k) + 2], { roundId, candidateId: cand[k], text: "评议组综合意见：建议提交评委会表决", recommend: true }));
    }
    const detail = await getRoundDetail(t.db, staff[0], roundId);
    expect(detail.panels.reduce((s, p) => s + p.opinionsWritten, 0)).toBe(250 - 6);
    expect(detail.panels.every((p) => p.opinionsWritten === p.opinionsExpected && p.summariesWritten === p.candidates)).toBe(true);
  });
});

describe("meeting and ballot", () => {
  it("counts are hidden before the close", async () => {
    expect(await msg(computeTally(t.db, staff[0], roundId))).toBe("投票结束前不公布票数");
  });

  it("check-in needs the password", async () => {
    expect(await msg(inTx((tx) => checkIn(tx, expert[3], { roundId, password: "wrong-password" })))).toBe("密码错误，请重新输入");
    await inTx((tx) => checkIn(tx, expert[3], { roundId, password: FIXTURE_PASSWORD }));
  });

  it("a quorum short by one cannot open the ballot: 16 of 25 is refused, 17 opens", async () => {
    await inTx((tx) => recordAttendance(tx, chair, { roundId, presentUserIds: fx.members.slice(0, 16).map((m) => m.userId) }));
    expect(await msg(atVersion((tx, v) => openBallot(tx, chair, { roundId, version: v })))).toBe("出席委员16人，不足应到委员25人的三分之二（至少17人），不能开始投票");
    await inTx((tx) => recordAttendance(tx, chair, { roundId, presentUserIds: fx.members.slice(0, 17).map((m) => m.userId) }));
    const v = await version();
    const opened = await msg(
      inTx(async (tx) => {
        const r = await openBallot(tx, chair, { roundId, version: v });
        throw new Error(`rolled back: ${r.state}`);
      }),
    );
    expect(opened).toBe("rolled back: ballot_open");
    await inTx((tx) => recordAttendance(tx, chair, { roundId, presentUserIds: fx.members.map((m) => m.userId) }));
    expect((await inTx((tx) => openBallot(tx, chair, { roundId, version: v }))).state).toBe("ballot_open");
  });

  it("a sheet naming a blocked candidate is refused, and so is an incomplete one", async () => {
    const full = (i: number) => cand.map((c, k) => ({ candidateId: c, choice: choiceOf(i, k) }));
    expect(await msg(inTx((tx) => castSheet(tx, expert[5], { roundId, choices: full(5), password: FIXTURE_PASSWORD })))).toBe("您须回避该申报人，不能查看材料、发表意见或投票");
    const sheet = await getBallotSheet(t.db, expert[5], roundId);
    expect(sheet.candidates.map((c) => c.candidateId)).not.toContain(cand[0]);
    expect(await msg(inTx((tx) => castSheet(tx, expert[5], { roundId, choices: sheet.candidates.slice(1).map((c) => ({ candidateId: c.candidateId, choice: "yes" as const })), password: FIXTURE_PASSWORD })))).toBe(
      `请对全部${sheet.candidates.length}名申报人逐一表决（同意、不同意或弃权）`,
    );
  });

  it("25 experts vote concurrently on 50 candidates: exactly 25 × 50 minus blocked votes, none lost or doubled; a second concurrent sheet is refused", async () => {
    const sheets = await Promise.all(expert.map((e) => getBallotSheet(t.db, e, roundId)));
    const choicesOf = (i: number) => sheets[i].candidates.map((c) => ({ candidateId: c.candidateId, choice: choiceOf(i, cand.indexOf(c.candidateId)) }));
    const cast = (i: number) => () => inTx((tx) => castSheet(tx, expert[i], { roundId, choices: choicesOf(i), password: FIXTURE_PASSWORD }));
    const results = await concurrently([...expert.map((_, i) => cast(i)), cast(3)]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(25);
    expect(refused.map((r) => (r.reason as Error).message)).toEqual([ALREADY_VOTED]);

    const expected = 25 * 50 - Object.values(BLOCKED).reduce((s, b) => s + b.length, 0);
    expect(expected).toBe(1230);
    expect(await t.db.$count(ballotStaging, eq(ballotStaging.roundId, roundId))).toBe(expected);
    expect(await t.db.$count(ballotParticipation, eq(ballotParticipation.roundId, roundId))).toBe(25);
    const perCandidate = await executeRows<{ candidate_id: string; n: number }>(t.db, sql`select candidate_id, count(*)::int as n from ballot_staging where round_id = ${roundId}::uuid group by candidate_id`);
    for (const row of perCandidate) {
      const k = cand.indexOf(row.candidate_id);
      const eligible = 25 - (BLOCKED[k]?.length ?? 0);
      expect(Number(row.n), `candidate ${k}`).toBe(eligible);
    }
    const receipts = ok.map((r) => (r as PromiseFulfilledResult<{ receipt: string }>).value.receipt);
    expect(receipts.every((x) => /^[0-9a-f]{8}$/.test(x))).toBe(true);
    expect((await getReceiptBoard(t.db, expert[0], roundId)).receipts).toEqual([...receipts].sort());
    const audits = await t.db.select().from(auditLog).where(eq(auditLog.action, "review_round.sheet_submitted"));
    expect(audits.filter((a) => a.outcome === "success")).toHaveLength(25);
    expect(audits.every((a) => a.detail === null && a.targetId === roundId)).toBe(true);
  });

  it("the close waits for nothing more: a sheet after it is refused, and the database refuses a late ballot row", async () => {
    await atVersion((tx, v) => closeBallot(tx, chair, { roundId, version: v }));
    expect(await msg(inTx((tx) => castSheet(tx, expert[0], { roundId, choices: [{ candidateId: cand[0], choice: "yes" }], password: FIXTURE_PASSWORD })))).toBe("投票已结束，不能再投票");
    expect(await msg(t.db.insert(ballotStaging).values({ roundId, candidateId: cand[0], choice: "yes" }))).toMatch(/not open|Failed query/);
  });
});

describe("统票 and signature", () => {
  it("counts follow the votes cast; signing needs 2 staff and 1 监票人 on the same counts", async () => {
    const tally = await computeTally(t.db, staff[0], roundId);
    for (const line of tally.lines) {
      const k = cand.indexOf(line.candidateId);
      const voters = fx.members.map((_, i) => i).filter((i) => !isBlocked(i, k));
      const yes = voters.filter((i) => choiceOf(i, k) === "yes").length;
      const no = voters.filter((i) => choiceOf(i, k) === "no").length;
      const blocked = 25 - voters.length;
      expect(line, `candidate ${k}`).toMatchObject({ members: 25, present: 25, blocked, yes, no, abstain: voters.length - yes - no, ...decideCandidate({ members: 25, present: 25, blocked, yes, no, abstain: voters.length - yes - no }) });
    }
    expect(tally.lines[cand.indexOf(cand[3])].result).toBe("deferred");
    expect(tally.lines.find((l) => l.candidateId === cand[5])?.result).toBe("failed");
    expect(await msg(atVersion((tx, v) => signTally(tx, chair, { roundId, version: v })))).toBe("统票须经2名工作人员和1名监票人确认后方可签署（已确认：工作人员0名，监票人0名）");
    await inTx((tx) => confirmTally(tx, staff[0], { roundId, digest: tally.digest }));
    await inTx((tx) => confirmTally(tx, staff[1], { roundId, digest: tally.digest }));
    expect(await msg(inTx((tx) => confirmTally(tx, expert[4], { roundId, digest: "0".repeat(64) })))).toBe("统票结果已变化，请刷新后重新确认");
    expect((await inTx((tx) => confirmTally(tx, expert[4], { roundId, digest: tally.digest }))).kind).toBe("scrutineer");
  });

  it("signing copies the box (shuffled, chained), deletes the staging rows, writes chained tallies and moves the declarations", async () => {
    const before = await computeTally(t.db, chair, roundId);
    const signed = await atVersion((tx, v) => signTally(tx, chair, { roundId, version: v }));
    expect(signed.closingHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await t.db.$count(ballotStaging, eq(ballotStaging.roundId, roundId))).toBe(0);
    expect(await t.db.$count(ballotVotes, eq(ballotVotes.roundId, roundId))).toBe(1230);
    expect(await t.db.$count(tallies, eq(tallies.roundId, roundId))).toBe(50);
    const [round] = await t.db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId));
    expect(round).toMatchObject({ state: "signed", closingHash: signed.closingHash, ballotBoxHash: signed.ballotBoxHash });
    const after = await computeTally(t.db, staff[0], roundId);
    expect(after.lines.map((l) => [l.yes, l.no, l.abstain, l.result])).toEqual(before.lines.map((l) => [l.yes, l.no, l.abstain, l.result]));
    const status = async (k: number) => (await t.db.select({ s: declarations.status }).from(declarations).where(eq(declarations.id, fx.declarationIds[k])))[0].s;
    expect(await status(3)).toBe("accepted");
    expect(await status(5)).toBe("failed");
    expect(signed.passed + signed.failed + signed.deferred).toBe(50);
    expect(await t.db.$count(roleGrants, and(eq(roleGrants.roundId, roundId), eq(roleGrants.status, "active")))).toBe(0);
    expect(await verifyRoundChains(t.db, { roundId })).toEqual({ ok: true, rounds: 1, votes: 1230, tallies: 50 });
  });

  it("the database refuses any change of the signed box and tallies", async () => {
    expect(await msg(t.db.update(tallies).set({ yes: 0 }).where(eq(tallies.roundId, roundId)))).not.toBe("no error");
    expect(await msg(t.db.delete(tallies).where(eq(tallies.roundId, roundId)))).not.toBe("no error");
    expect(await msg(t.db.update(ballotVotes).set({ choice: "no" }).where(eq(ballotVotes.roundId, roundId)))).not.toBe("no error");
    expect(await msg(t.db.delete(ballotVotes).where(eq(ballotVotes.roundId, roundId)))).not.toBe("no error");
    expect(await msg(t.db.execute(sql`truncate ballot_votes cascade`))).not.toBe("no error");
    expect(await msg(t.db.update(reviewRounds).set({ closingHash: "0".repeat(64) }).where(eq(reviewRounds.id, roundId)))).not.toBe("no error");
    expect(await t.db.$count(ballotVotes, eq(ballotVotes.roundId, roundId))).toBe(1230);
  });

  it("the verification finds a superuser's edit made with the trigger disabled (and the CLI exits 1)", async () => {
    const [row] = await t.db.select().from(tallies).where(and(eq(tallies.roundId, roundId), eq(tallies.candidateId, cand[5])));
    const edit = async (yes: number, no: number) => {
      await t.db.execute(sql`alter table tallies disable trigger tallies_immutable`);
      await t.db.execute(sql`update tallies set yes = ${yes}, no = ${no} where id = ${row.id}::uuid`);
      await t.db.execute(sql`alter table tallies enable trigger tallies_immutable`);
    };
    await edit(row.yes + 1, row.no - 1);
    const report = await verifyRoundChains(t.db);
    expect(report).toMatchObject({ ok: false, roundId, table: "tallies", seq: row.seq });
    if (t.url) {
      const cli = spawnSync("npx", ["tsx", "scripts/verify-tallies.ts"], { env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8" });
      expect(cli.status).toBe(1);
      expect(cli.stdout).toContain(`tallies 第${row.seq}条`);
    }
    await edit(row.yes, row.no);
    expect((await verifyRoundChains(t.db)).ok).toBe(true);
    if (t.url) {
      const cli = spawnSync("npx", ["tsx", "scripts/verify-tallies.ts"], { env: { ...process.env, DATABASE_URL: t.url }, encoding: "utf8" });
      expect(cli.status).toBe(0);
      expect(cli.stdout).toContain("OK");
    }
    // A vote changed in the box breaks its link too.
    const [vote] = await t.db.select().from(ballotVotes).where(and(eq(ballotVotes.roundId, roundId), eq(ballotVotes.seq, 100)));
    await t.db.execute(sql`alter table ballot_votes disable trigger ballot_votes_immutable`);
    await t.db.execute(sql`update ballot_votes set choice = ${vote.choice === "yes" ? "no" : "yes"}::ballot_choice where id = ${vote.id}::uuid`);
    await t.db.execute(sql`alter table ballot_votes enable trigger ballot_votes_immutable`);
    expect(await verifyRoundChains(t.db)).toMatchObject({ ok: false, table: "ballot_votes", seq: 100 });
  });

  it("neither ballot table has a voter column, a voter-derived key or a timestamp", async () => {
    const cols = async (table: string) =>
      (await executeRows<{ column_name: string }>(t.db, sql`select column_name from information_schema.columns where table_schema = 'public' and table_name = ${table} order by ordinal_position`)).map((c) => c.column_name);
    expect(await cols("ballot_staging")).toEqual(["id", "round_id", "candidate_id", "choice"]);
    expect(await cols("ballot_votes")).toEqual(["id", "round_id", "candidate_id", "choice", "seq", "hash"]);
    const participation = await cols("ballot_participation");
    expect(participation).toEqual(["id", "round_id", "user_id", "receipt"]);
  });

  it("the minutes data is for the forming organisation and the 主任 only", async () => {
    const minutes = await getMinutesData(t.db, staff[1], roundId);
    expect(minutes.candidates).toHaveLength(50);
    expect(minutes).toMatchObject({ memberCount: 25, presentCount: 25 });
    expect(minutes.round.closingHash).toMatch(/^[0-9a-f]{64}$/);
    expect(minutes.confirmations.map((c) => c.kind).sort()).toEqual(["scrutineer", "staff", "staff"]);
    expect((await getMinutesData(t.db, chair, roundId)).candidates[0].hash).toBe(minutes.candidates[0].hash);
    expect(await msg(getMinutesData(t.db, expert[4], roundId))).toBe("评审会议不存在");
  });
});

describe("after the round", () => {
  it("a deferred candidate can join the next round; a draft round can drop a candidate and be cancelled", async () => {
    const addable = await listAddableDeclarations(t.db, staff[0], roundId, {});
    expect(addable.rows.map((r) => r.id)).toEqual([fx.declarationIds[3]]);
    expect(addable.rows[0].maskedIdNumber).toMatch(/\*{4,}/);
    const next = await inTx((tx) => createRound(tx, staff[1], { termId: fx.termId, name: "第二次评审会", meetingDate: fx.meetingDate }));
    expect((await inTx((tx) => addCandidates(tx, staff[1], { roundId: next.id, declarationIds: [fx.declarationIds[3]] }))).added).toHaveLength(1);
    const [c] = await t.db.select({ id: roundCandidates.id }).from(roundCandidates).where(eq(roundCandidates.roundId, next.id));
    await inTx((tx) => removeCandidate(tx, staff[1], { roundId: next.id, candidateId: c.id }));
    expect((await t.db.select({ s: declarations.status }).from(declarations).where(eq(declarations.id, fx.declarationIds[3])))[0].s).toBe("accepted");
    const cancelled = await inTx((tx) => cancelRound(tx, staff[1], { roundId: next.id, version: next.version, reason: "会议改期" }));
    expect(cancelled).toMatchObject({ state: "cancelled", cancelReason: "会议改期" });
    expect(await msg(inTx((tx) => cancelRound(tx, staff[1], { roundId, version: 1, reason: "已签署的会议" })))).toBe("评审会议当前为“已签署”，不能取消");
  });

  it("each side lists its rounds: the 主任 his committee's, the expert those they sit in", async () => {
    expect((await listRoundsForChair(t.db, chair)).map((r) => r.id)).toContain(roundId);
    expect((await listRoundsForExpert(t.db, expert[4])).map((r) => [r.id, r.state, r.voted])).toEqual([[roundId, "signed", true]]);
    expect(await listRoundsForChair(t.db, expert[4])).toEqual([]);
    expect((await getChairConsole(t.db, staff[0], roundId)).detail.viewer).toBe("forming");
  });
});
