import { eq } from "drizzle-orm";
import { shiftDays } from "../lib/calendar/working-days";
import type { Actor } from "../lib/declarations/access";
import { todayInChina } from "../lib/filings/constants";
import type { RoundActor } from "../lib/review-rounds/access";
import { castSheet, closeBallot, openBallot, recordAttendance } from "../lib/review-rounds/ballot";
import { getBallotSheet } from "../lib/review-rounds/expert-queries";
import { assignCandidates, distribute, formPanel, startPanelReview } from "../lib/review-rounds/panels";
import { signPledge, submitOpinion, writeSummary } from "../lib/review-rounds/review";
import { selectMembers } from "../lib/review-rounds/rounds";
import { computeTally, confirmTally, signTally } from "../lib/review-rounds/tally";
import { confirmResults, issueResultCertificates, publishResults } from "../lib/review-results/results";
import { confirmResultsSchema } from "../lib/review-results/schemas";
import type { Db } from "./client";
import { committeeTermMembers, committeeTerms, roundCandidates } from "./schema";
import { createCompleteDraft, walkDeclaration, type DeclarationProfile, type OfficeActors } from "./seed-declaration-demo";
import { actAs, profileOf, type Case } from "./seed-review-round";
import { createRoundWith, declareAccepted, openBatchOf001, provinceExpertUserId, roundVersion } from "./seed-review-setup";

/**
 * 评审结果 demo (docs/domain.md §18), through lib/review-rounds and lib/review-results only. Committee 001
 * (省人社厅) holds three more rounds, each driven the whole way by the lib (members, a 评议组, 承诺书, opinions
 * and the 组长's summary, attendance, every present member's ballot sheet, 统票 confirmed by demo_province,
 * demo_province2 and a 监票人, signed by the 主任 王五):
 *
 * - 公示 (DEMO_PUBLICITY_ROUND): signed, its results in 结果公示 from today (three candidates);
 * - 已确认 (DEMO_CONFIRMED_ROUND): 张三 (demo_person) and one more passed; the 公示 ran 20 days ago and the
 *   省人社厅 (the committee's own confirming authority: its filing had no examiner) confirmed them, so their
 *   certificates are issued — 张三 downloads his at /person/certificates;
 * - 已签署 (DEMO_SIGNED_ROUND): signed, 结果公示 not yet published (tests/e2e/review-results.spec.ts
 *   publishes it, confirms it and downloads the certificate).
 *
 * Members vote through castSheet with the password check replaced (the seed acts for members who are not at
 * a keyboard); everything else is the lib's own checks.
 */

export const DEMO_PUBLICITY_ROUND = "2026年度贵州省工程技术高级职称评审会议（第二次）";
export const DEMO_CONFIRMED_ROUND = "2026年度贵州省工程技术高级职称评审会议（上半年）";
export const DEMO_SIGNED_ROUND = "2026年度贵州省工程技术高级职称评审会议（第三次）";
export const DEMO_CONFIRMED_APPROVAL_NO = "黔人社通〔2026〕88号";

/** Applicants of the three rounds. Keys: `p` 公示, `c` 已确认, `s` 已签署. */
export const REVIEW_RESULTS_CASES: Case[] = [
  { key: "p1", name: "赵磊", id17: "52010219820405371", unit: "sjy", specialty: "结构工程", post: "结构设计师", dept: "结构设计所", start: 2008 },
  { key: "p2", name: "孟雪", id17: "52010219850718382", unit: "sjy", specialty: "建筑设计", post: "建筑设计师", dept: "建筑设计所", start: 2010 },
  { key: "p3", name: "杜军", id17: "52010219831109393", unit: "sjy", specialty: "岩土工程", post: "岩土工程师", dept: "岩土工程所", start: 2009 },
  { key: "c1", name: "冯雨", id17: "52010219860312304", unit: "sjy", specialty: "给排水工程", post: "给排水设计师", dept: "机电设计所", start: 2011 },
  { key: "s1", name: "胡斌", id17: "52010219840923315", unit: "sjy", specialty: "暖通空调", post: "暖通设计师", dept: "机电设计所", start: 2010 },
  { key: "s2", name: "沈丽", id17: "52010219870604326", unit: "sjy", specialty: "建筑电气", post: "电气设计师", dept: "机电设计所", start: 2011 },
];

const SJY = "贵州省建筑设计研究院有限责任公司";

/** 张三's declaration in the confirmed round (his earlier one, to committee 004, he withdrew). */
function zhangProfile(unitOrgId: string): DeclarationProfile {
  return {
    specialty: "岩土工程",
    targetLevel: "senior_deputy",
    unitOrgId,
    basic: { gender: "男", birthDate: "1990-03-15", phone: "13985100001", email: "zhangsan@example.com", department: "结构设计所", post: "结构设计师" },
    education: [
      { level: "bachelor", school: "贵州大学", major: "土木工程", from: "2008-09-01", to: "2012-06-30", degree: "学士", fullTime: true },
      { level: "master", school: "同济大学", major: "结构工程", from: "2012-09-01", to: "2015-06-30", degree: "硕士", fullTime: true },
    ],
    work: [
      { from: "2015-07-10", to: "2018-12-31", employer: SJY, post: "助理工程师" },
      { from: "2019-01-01", to: null, employer: SJY, post: "结构设计师" },
    ],
    currentTitle: "工程师",
    currentTitleLevel: "intermediate",
    currentTitleDate: "2018-12-20",
    achievements: [
      { kind: "paper", title: "喀斯特地区岩溶地基处理技术研究", detail: "第一作者，核心期刊", date: "2022-05-10" },
      { kind: "project", title: "贵阳市轨道交通3号线车站基坑支护设计", detail: "岩土专业负责人", date: "2023-09-30" },
    ],
  };
}

export type ReviewResultsDemo = { publicityRoundId: string; confirmedRoundId: string; signedRoundId: string; declarations: Record<string, string> };

type Ctx = {
  orgs: ReadonlyMap<string, string>;
  offices: OfficeActors;
  person: Actor;
  province: string;
  province2: string;
  /** demo_zjc: the 专技处, who issues the confirmed round's certificates. */
  zjc: string;
  committee: string;
  passwordHash: string;
};

export async function seedReviewResultsDemo(tx: Db, ctx: Ctx): Promise<ReviewResultsDemo | null> {
  const batch = await openBatchOf001(tx);
  if (!batch) return null;
  const org = (k: string) => ctx.orgs.get(k)!;
  const today = todayInChina();

  // The applicants, each walked to 已受理 by the offices of the 住建厅 route.
  const declarationOf = await declareAccepted(tx, {
    cases: REVIEW_RESULTS_CASES,
    firstNo: 21,
    phonePrefix: "139853",
    batchId: batch.id,
    org,
    offices: ctx.offices,
    passwordHash: ctx.passwordHash,
    profile: profileOf,
  });
  const zhang = await createCompleteDraft(tx, ctx.person, batch.id, zhangProfile(org("sjy")));
  await walkDeclaration(tx, ctx.person, ctx.offices, zhang.id, "accepted");
  declarationOf.zhang = zhang.id;

  const province = await actAs(tx, ctx.province, (g) => g.role === "hrss" && g.orgId === org("province"));
  const province2 = await actAs(tx, ctx.province2, (g) => g.role === "hrss" && g.orgId === org("province"));
  const chair = await actAs(tx, ctx.committee, (g) => g.role === "committee_member" && g.committeeId === batch.committeeId && g.position === "主任委员");
  const [term] = await tx.select({ id: committeeTerms.id, startDate: committeeTerms.startDate }).from(committeeTerms).where(eq(committeeTerms.committeeId, batch.committeeId)).orderBy(committeeTerms.startDate);
  const seats = await tx.select({ id: committeeTermMembers.id, userId: committeeTermMembers.userId }).from(committeeTermMembers).where(eq(committeeTermMembers.termId, term.id));
  // Each seat acts as the 省人社厅 pool's expert; the 主任 under his 评委会成员 grant.
  const members: RoundActor[] = [];
  for (const s of seats) members.push(s.userId === ctx.committee ? chair : await actAs(tx, s.userId, (g) => g.role === "expert" && g.orgId === org("province")));
  // The 评议组: generated experts none of whom works at 建筑设计研究院 (as the first round's second 评议组).
  const panelUsers = await Promise.all([7, 8, 9, 10, 11].map((i) => provinceExpertUserId(tx, i)));
  const memberOf = (userId: string) => {
    const m = members.find((a) => a.id === userId);
    if (!m) throw new Error(`seed-review-results: ${userId} does not sit on the term`);
    return m;
  };

  /** One round of `keys`, driven through the lib to 已签署 (every present member votes 同意). */
  async function signedRound(name: string, meetingDate: string, keys: string[]): Promise<string> {
    const round = await createRoundWith(tx, province, { termId: term.id, name, meetingDate, declarationIds: keys.map((k) => declarationOf[k]) }, "seed-review-results");
    const version = () => roundVersion(tx, round.id);
    await selectMembers(tx, chair, { roundId: round.id, version: await version(), termMemberIds: seats.map((s) => s.id) });
    const panel = await formPanel(tx, chair, { roundId: round.id, name: "评议组", memberUserIds: panelUsers, leaderUserId: panelUsers[1] });
    const candidates = await tx.select({ id: roundCandidates.id }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id));
    await assignCandidates(tx, chair, { roundId: round.id, panelId: panel.id, candidateIds: candidates.map((c) => c.id) });
    await distribute(tx, chair, { roundId: round.id, version: await version() });
    for (const m of members) await signPledge(tx, m, { roundId: round.id, accepted: true });
    await startPanelReview(tx, chair, { roundId: round.id, version: await version() });
    const leader = memberOf(panelUsers[1]);
    for (const c of candidates) {
      for (const u of panelUsers.slice(0, 3)) {
        await submitOpinion(tx, memberOf(u), { roundId: round.id, candidateId: c.id, text: "业绩和论文符合副高级条件，专业技术能力较强，建议通过。", recommend: true });
      }
      await writeSummary(tx, leader, { roundId: round.id, candidateId: c.id, text: "评议组专家一致建议通过。", recommend: true });
    }
    await recordAttendance(tx, chair, { roundId: round.id, presentUserIds: seats.map((s) => s.userId) });
    await openBallot(tx, chair, { roundId: round.id, version: await version() });
    for (const m of members) {
      const sheet = await getBallotSheet(tx, m, round.id);
      const choices = sheet.candidates.map((c) => ({ candidateId: c.candidateId, choice: "yes" as const }));
      await castSheet(tx, m, { roundId: round.id, choices, password: "-" }, { verifyPassword: () => Promise.resolve(true) });
    }
    await closeBallot(tx, chair, { roundId: round.id, version: await version() });
    const { digest } = await computeTally(tx, province, round.id);
    await confirmTally(tx, province, { roundId: round.id, digest });
    await confirmTally(tx, province2, { roundId: round.id, digest });
    await confirmTally(tx, memberOf(panelUsers[2]), { roundId: round.id, digest });
    const signed = await signTally(tx, chair, { roundId: round.id, version: await version() });
    if (signed.passed !== keys.length) throw new Error(`seed-review-results: ${signed.passed} of ${keys.length} passed`);
    return round.id;
  }

  // 已确认: met 40 days ago (not before the term), 公示 posted 20 days ago, confirmed the day after it ended.
  const pastMeeting = shiftDays(today, -40) < term.startDate ? term.startDate : shiftDays(today, -40);
  const confirmedRoundId = await signedRound(DEMO_CONFIRMED_ROUND, pastMeeting, ["zhang", "c1"]);
  const v1 = await roundVersion(tx, confirmedRoundId);
  const pub = await publishResults(tx, province, { roundId: confirmedRoundId, version: v1 }, { postedOn: shiftDays(today, -20) });
  const v2 = await roundVersion(tx, confirmedRoundId);
  const issueDate = shiftDays(pub.endsOn, 1) > today ? today : shiftDays(pub.endsOn, 1);
  await confirmResults(tx, province, confirmResultsSchema.parse({ roundId: confirmedRoundId, version: v2, approvalNo: DEMO_CONFIRMED_APPROVAL_NO, issueDate, expectedCount: 2 }));
  const zjc = await actAs(tx, ctx.zjc, (g) => g.role === "hrss");
  await issueResultCertificates(tx, zjc, { roundId: confirmedRoundId, expectedCount: 2 });

  // 公示: signed today, its results posted today.
  const publicityRoundId = await signedRound(DEMO_PUBLICITY_ROUND, today, ["p1", "p2", "p3"]);
  const v3 = await roundVersion(tx, publicityRoundId);
  await publishResults(tx, province, { roundId: publicityRoundId, version: v3 });

  // 已签署: waiting for its 结果公示.
  const signedRoundId = await signedRound(DEMO_SIGNED_ROUND, today, ["s1", "s2"]);
  return { publicityRoundId, confirmedRoundId, signedRoundId, declarations: declarationOf };
}
