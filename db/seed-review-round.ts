import { desc, eq } from "drizzle-orm";
import type { SessionUser } from "../lib/auth/session-user";
import { addAttachment } from "../lib/declarations/attachments";
import { acceptPledge } from "../lib/declarations/drafts";
import { todayInChina } from "../lib/filings/constants";
import { assignCandidates, distribute, formPanel, startPanelReview } from "../lib/review-rounds/panels";
import { signPledge, submitOpinion, writeSummary } from "../lib/review-rounds/review";
import { selectMembers } from "../lib/review-rounds/rounds";
import type { Db } from "./client";
import { committeeTermMembers, committeeTerms, declarations, roundCandidates } from "./schema";
import type { DeclarationProfile, OfficeActors } from "./seed-declaration-demo";
import { createRoundWith, declareAccepted, openBatchOf001, roundVersion, provinceExpertUserId, sessionUnderGrant, type GrantRow } from "./seed-review-setup";
import { DEMO_RULES_PDF } from "./seed-terms";

/**
 * 评审会议 demo (docs/domain.md §17), through the functions of lib/review-rounds only:
 *
 * - six engineers declare 工程技术 副高级 to committee 001 (省人社厅), walked to 已受理 by their offices;
 * - the 省人社厅 (demo_province) holds one round in progress, 评议中, with four of them: the 25 members of
 *   the term, two 评议组; 李四 (demo_expert) sits on the first one and is blocked from 韦东 of 贵州大学
 *   (his own unit); 许静 worked at 贵州电网 until last year, so the 主任 (王五, demo_committee) has
 *   suggestions to confirm or dismiss; some opinions are written;
 * - two declarations stay 已受理 for the next round (the e2e spec tests/e2e/review-round.spec.ts runs a
 *   whole round with them).
 */

export const DEMO_ROUND_NAME = "2026年度贵州省工程技术高级职称评审会议（第一次）";

export type Case = { key: string; name: string; id17: string; unit: "sjy" | "gzu"; specialty: string; post: string; dept: string; start: number; extraWork?: { from: string; to: string; employer: string; post: string } };

/** Who declares to committee 001. Keys: `r` in the round, `next` waiting for the next round. */
export const REVIEW_ROUND_CASES: Case[] = [
  { key: "r1", name: "钱进", id17: "52010219830214331", unit: "sjy", specialty: "结构工程", post: "结构设计师", dept: "结构设计所", start: 2009 },
  {
    key: "r2", name: "许静", id17: "52010219860529342", unit: "sjy", specialty: "建筑电气", post: "电气设计师", dept: "机电设计所", start: 2010,
    extraWork: { from: "2021-01-01", to: "2024-06-30", employer: "贵州电网有限责任公司", post: "电气工程师（借调）" },
  },
  { key: "r3", name: "韦东", id17: "52010219840817353", unit: "gzu", specialty: "计算机应用技术", post: "网络工程师", dept: "网络与信息中心", start: 2010 },
  { key: "r4", name: "龙飞", id17: "52010219850302334", unit: "sjy", specialty: "岩土工程", post: "岩土工程师", dept: "岩土工程所", start: 2010 },
  { key: "next1", name: "蒋毅", id17: "52010219870911355", unit: "sjy", specialty: "给排水工程", post: "给排水设计师", dept: "机电设计所", start: 2011 },
  { key: "next2", name: "潘婷", id17: "52010219880126346", unit: "sjy", specialty: "暖通空调", post: "暖通设计师", dept: "机电设计所", start: 2012 },
];

const EMPLOYER = { sjy: "贵州省建筑设计研究院有限责任公司", gzu: "贵州大学" } as const;

export function profileOf(c: Case, unitOrgId: string): DeclarationProfile {
  const id = c.id17;
  const employer = EMPLOYER[c.unit];
  return {
    specialty: c.specialty,
    targetLevel: "senior_deputy",
    unitOrgId,
    basic: { gender: Number(id[16]) % 2 === 1 ? "男" : "女", birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, phone: `139852${id.slice(12, 17)}`, email: "", department: c.dept, post: c.post },
    education: [
      { level: "bachelor", school: "贵州大学", major: c.specialty, from: `${c.start - 7}-09-01`, to: `${c.start - 3}-06-30`, degree: "学士", fullTime: true },
      { level: "master", school: c.unit === "gzu" ? "电子科技大学" : "重庆大学", major: c.specialty, from: `${c.start - 3}-09-01`, to: `${c.start}-06-30`, degree: "硕士", fullTime: true },
    ],
    work: [
      { from: `${c.start}-07-15`, to: `${c.start + 4}-12-31`, employer, post: "助理工程师" },
      ...(c.extraWork ? [c.extraWork] : []),
      { from: `${c.start + 5}-01-01`, to: null, employer, post: c.post },
    ],
    currentTitle: "工程师",
    currentTitleLevel: "intermediate",
    currentTitleDate: `${c.start + 4}-12-20`,
    achievements: [
      { kind: "project", title: `${c.specialty}重点工程项目（${c.name}）`, detail: "项目专业负责人，已竣工验收", date: `${c.start + 10}-06-30` },
      { kind: "paper", title: `山区${c.specialty}若干问题研究`, detail: "第一作者，核心期刊", date: `${c.start + 11}-03-15` },
    ],
  };
}

/** The session a user would have under the grant `pick` chooses (the header's 切换身份), for the lib's checks. */
export function actAs(tx: Db, userId: string, pick: (g: GrantRow) => boolean): Promise<SessionUser> {
  return sessionUnderGrant(tx, userId, pick, "seed-review-round");
}

export type ReviewRoundDemo = { roundId: string; candidates: Record<string, string>; declarations: Record<string, string> };

export async function seedReviewRoundDemo(
  tx: Db,
  ctx: { orgs: ReadonlyMap<string, string>; offices: OfficeActors; province: string; committee: string; expert: string; passwordHash: string },
): Promise<ReviewRoundDemo | null> {
  const batch = await openBatchOf001(tx);
  if (!batch) return null;
  const org = (k: string) => ctx.orgs.get(k)!;

  // The applicants and their declarations, each walked to 已受理 by the offices of its route.
  const declarationOf = await declareAccepted(tx, {
    cases: REVIEW_ROUND_CASES,
    firstNo: 15,
    phonePrefix: "139852",
    batchId: batch.id,
    org,
    offices: ctx.offices,
    passwordHash: ctx.passwordHash,
    profile: profileOf,
    prepare: async (person, declarationId, c) => {
      // One attachment each, so the materials page and the attachment route have something to serve.
      await addAttachment(tx, person, { declarationId, slot: "title", fileName: `${c.name}-工程师资格证书.pdf`, bytes: DEMO_RULES_PDF });
      // A new material withdraws the 诚信承诺 (it covered the materials as they were): accept it again.
      const [{ version }] = await tx.select({ version: declarations.version }).from(declarations).where(eq(declarations.id, declarationId));
      await acceptPledge(tx, person, { declarationId, version, accepted: true });
    },
  });

  const province = await actAs(tx, ctx.province, (g) => g.role === "hrss" && g.orgId === org("province"));
  const chair = await actAs(tx, ctx.committee, (g) => g.role === "committee_member" && g.committeeId === batch.committeeId && g.position === "主任委员");
  const [term] = await tx.select({ id: committeeTerms.id }).from(committeeTerms).where(eq(committeeTerms.committeeId, batch.committeeId)).orderBy(desc(committeeTerms.startDate)).limit(1);
  const round = await createRoundWith(tx, province, { termId: term.id, name: DEMO_ROUND_NAME, meetingDate: todayInChina(), declarationIds: ["r1", "r2", "r3", "r4"].map((k) => declarationOf[k]) }, "seed-review-round");

  // The whole term sits (25: the 高级 minimum by series).
  const seats = await tx.select({ id: committeeTermMembers.id, userId: committeeTermMembers.userId }).from(committeeTermMembers).where(eq(committeeTermMembers.termId, round.termId));
  const version = () => roundVersion(tx, round.id);
  await selectMembers(tx, chair, { roundId: round.id, version: await version(), termMemberIds: seats.map((s) => s.id) });

  // Two 评议组 of generated experts (none of 建筑设计研究院, so both panels can review its people) and 李四, a member
  // of the first; its 组长 is 陈国栋 (a 组长 writes every summary of the panel, so must not recuse from any of them).
  const panel1 = [ctx.expert, ...(await Promise.all([1, 2, 4, 5].map((i) => provinceExpertUserId(tx, i))))];
  const panel2 = await Promise.all([7, 8, 9, 10, 11].map((i) => provinceExpertUserId(tx, i)));
  const p1 = await formPanel(tx, chair, { roundId: round.id, name: "第一评议组", memberUserIds: panel1, leaderUserId: panel1[1] });
  const p2 = await formPanel(tx, chair, { roundId: round.id, name: "第二评议组", memberUserIds: panel2, leaderUserId: panel2[1] });
  const keyOf = new Map(Object.entries(declarationOf).map(([k, d]) => [d, k]));
  const candidateOf = Object.fromEntries(
    (await tx.select({ id: roundCandidates.id, declarationId: roundCandidates.declarationId }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id))).map((c) => [keyOf.get(c.declarationId)!, c.id]),
  );
  await assignCandidates(tx, chair, { roundId: round.id, panelId: p1.id, candidateIds: [candidateOf.r1, candidateOf.r3] });
  await assignCandidates(tx, chair, { roundId: round.id, panelId: p2.id, candidateIds: [candidateOf.r2, candidateOf.r4] });
  await distribute(tx, chair, { roundId: round.id, version: await version() });
  await startPanelReview(tx, chair, { roundId: round.id, version: await version() });

  // 李四 signs the 承诺书 (as the 省人社厅 pool's expert); panel 2 has begun: three opinions on 许静, the 组长's summary pending.
  const li = await actAs(tx, ctx.expert, (g) => g.role === "expert" && g.orgId === org("province"));
  await signPledge(tx, li, { roundId: round.id, accepted: true });
  const reviewers = await Promise.all(panel2.slice(0, 3).map((u) => actAs(tx, u, (g) => g.role === "expert" && g.orgId === org("province"))));
  const texts = [
    "承担的电气设计项目规模较大，技术难度较高，论文与专业结合紧密，业绩符合副高级条件，建议通过。",
    "任职年限和业绩均满足要求，在借调期间参与电网配套工程，实践经验丰富，建议通过。",
    "代表性成果的创新性一般，论文数量偏少，建议进一步积累后再申报。",
  ];
  for (const [i, r] of reviewers.entries()) {
    await signPledge(tx, r, { roundId: round.id, accepted: true });
    await submitOpinion(tx, r, { roundId: round.id, candidateId: candidateOf.r2, text: texts[i], recommend: i < 2 });
  }
  // The panel-2 组长 (reviewers[1]) writes the summary of 许静 after his own opinion.
  await writeSummary(tx, reviewers[1], { roundId: round.id, candidateId: candidateOf.r2, text: "评议组3名专家中2名建议通过。申报人业绩符合条件，建议通过。", recommend: true });
  return { roundId: round.id, candidates: candidateOf, declarations: declarationOf };
}
