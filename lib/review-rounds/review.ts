/**
 * Panel review (docs/domain.md §17): the 专家纪律承诺书, materials access, opinions (others' visible only
 * after mine), the 组长's summary. Every path to a candidate goes through `candidateForMember`, which ends
 * in assertNotBlocked.
 */
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { opinions, panelMembers, panelSummaries, reviewRounds, roundCandidates, roundMembers, users, type Opinion, type PanelSummary, type ReviewRound, type RoundCandidate, type RoundMember } from "@/db/schema";
import type { RoundState } from "@/db/schema/enums";
import { ForbiddenError, NotFoundError } from "@/lib/errors";
import { actsAsMember, assertMember, assertState, type RoundActor } from "./access";
import { assertNotBlocked } from "./conflicts";
import { CANDIDATE_NOT_FOUND } from "./constants";
import { auditRound } from "./moves";
import type { OpinionInput, SignPledge, SummaryInput } from "./schemas";

type Ip = { ip?: string | null };

/** States in which a member may read materials: from distribution to the close of the ballot. */
export const MATERIAL_STATES: readonly RoundState[] = ["distributed", "panel_review", "ballot_open"];
const REVIEW_STATES: readonly RoundState[] = ["distributed", "panel_review"];

/** 签署专家纪律承诺书 (once; no material opens before it). */
export async function signPledge(tx: Db, actor: RoundActor, input: SignPledge & Ip): Promise<void> {
  const { round, member } = await assertMember(tx, actor, input.roundId);
  assertState(round, ["draft", ...MATERIAL_STATES], "签署承诺书");
  if (member.pledgeSignedAt) return;
  await tx.update(roundMembers).set({ pledgeSignedAt: new Date() }).where(eq(roundMembers.id, member.id));
  await auditRound(tx, actor, "pledge", round.id, input.ip);
}

/**
 * The candidate as the member may reach it: in the round; during the review only on the member's panel
 * (another panel's candidate answers 「申报人不在本次评审中」); during the ballot any candidate; never one
 * the member is blocked from. `needPledge`: the 承诺书 must be signed.
 */
async function candidateForMember(
  db: Db,
  round: ReviewRound,
  member: RoundMember,
  candidateId: string,
  opts: { needPledge: boolean; panelOnly: boolean },
): Promise<RoundCandidate> {
  const [c] = await db.select().from(roundCandidates).where(and(eq(roundCandidates.id, candidateId), eq(roundCandidates.roundId, round.id)));
  if (!c) throw new NotFoundError(CANDIDATE_NOT_FOUND);
  if (opts.panelOnly || REVIEW_STATES.includes(round.state)) {
    const [seat] = c.panelId
      ? await db.select({ id: panelMembers.id }).from(panelMembers).where(and(eq(panelMembers.panelId, c.panelId), eq(panelMembers.userId, member.userId)))
      : [];
    if (!seat) throw new NotFoundError(CANDIDATE_NOT_FOUND);
  }
  if (opts.needPledge && !member.pledgeSignedAt) throw new ForbiddenError("请先签署专家纪律承诺书");
  await assertNotBlocked(db, round.id, member.userId, c.id);
  return c;
}

/**
 * May the actor open this candidate's materials (pages, attachments, PDF)? Returns the declaration id;
 * throws NotFound / Forbidden (blocked, pledge not signed, not their panel) otherwise. Audited by the caller.
 */
export async function assertMaterialsAccess(db: Db, actor: RoundActor, roundId: string, candidateId: string): Promise<{ declarationId: string }> {
  const { round, member } = await assertMember(db, actor, roundId);
  if (!MATERIAL_STATES.includes(round.state)) throw new NotFoundError(CANDIDATE_NOT_FOUND);
  const c = await candidateForMember(db, round, member, candidateId, { needPledge: true, panelOnly: false });
  return { declarationId: c.declarationId };
}

/**
 * The same check by declaration id (the attachment and PDF routes): some round the actor sits in holds the
 * declaration and lets the actor open it. A blocked expert is refused whichever round is tried.
 */
export async function assertExpertMayOpenDeclaration(db: Db, actor: RoundActor, declarationId: string): Promise<{ roundId: string; candidateId: string }> {
  const rows = await db
    .select({ roundId: roundCandidates.roundId, candidateId: roundCandidates.id, committeeId: reviewRounds.committeeId, formingOrgId: reviewRounds.formingOrgId })
    .from(roundCandidates)
    .innerJoin(reviewRounds, eq(reviewRounds.id, roundCandidates.roundId))
    .innerJoin(roundMembers, and(eq(roundMembers.roundId, reviewRounds.id), eq(roundMembers.userId, actor.id)))
    .where(and(eq(roundCandidates.declarationId, declarationId), inArray(reviewRounds.state, [...MATERIAL_STATES])))
    .orderBy(desc(reviewRounds.createdAt));
  let refusal: Error = new NotFoundError("申报不存在");
  for (const r of rows) {
    if (!actsAsMember(actor, { id: r.roundId, committeeId: r.committeeId, formingOrgId: r.formingOrgId })) continue;
    try {
      await assertMaterialsAccess(db, actor, r.roundId, r.candidateId);
      return { roundId: r.roundId, candidateId: r.candidateId };
    } catch (err) {
      refusal = err as Error;
    }
  }
  throw refusal;
}

/** 提交评议意见 (panel_review; my panel; not blocked; pledge signed). A second submission revises mine. */
export async function submitOpinion(tx: Db, actor: RoundActor, input: OpinionInput & Ip): Promise<Opinion> {
  const { round, member } = await assertMember(tx, actor, input.roundId, { lock: "share" });
  assertState(round, ["panel_review"], "发表评议意见");
  const c = await candidateForMember(tx, round, member, input.candidateId, { needPledge: true, panelOnly: true });
  const [row] = await tx
    .insert(opinions)
    .values({ roundId: round.id, candidateId: c.id, userId: actor.id, text: input.text, recommend: input.recommend })
    .onConflictDoUpdate({ target: [opinions.candidateId, opinions.userId], set: { text: input.text, recommend: input.recommend, submittedAt: new Date() } })
    .returning();
  await auditRound(tx, actor, "opinion", round.id, input.ip, { candidateId: c.id });
  return row;
}

/** 评议组意见 by the 组长 of the candidate's panel (panel_review; not blocked). A second one revises it. */
export async function writeSummary(tx: Db, actor: RoundActor, input: SummaryInput & Ip): Promise<PanelSummary> {
  const { round, member } = await assertMember(tx, actor, input.roundId, { lock: "share" });
  assertState(round, ["panel_review"], "填写评议组意见");
  const c = await candidateForMember(tx, round, member, input.candidateId, { needPledge: true, panelOnly: true });
  const [leader] = await tx
    .select({ id: panelMembers.id })
    .from(panelMembers)
    .where(and(eq(panelMembers.panelId, c.panelId!), eq(panelMembers.userId, actor.id), eq(panelMembers.isLeader, true)));
  if (!leader) throw new ForbiddenError("只有评议组组长可以填写评议组意见");
  const [row] = await tx
    .insert(panelSummaries)
    .values({ candidateId: c.id, roundId: round.id, panelId: c.panelId!, text: input.text, recommend: input.recommend, writtenBy: actor.id })
    .onConflictDoUpdate({ target: panelSummaries.candidateId, set: { text: input.text, recommend: input.recommend, writtenBy: actor.id, writtenAt: new Date() } })
    .returning();
  await auditRound(tx, actor, "summary", round.id, input.ip, { candidateId: c.id });
  return row;
}

export type OpinionView = { userId: string; name: string; mine: boolean; text: string; recommend: boolean; submittedAt: Date };

/**
 * My opinion, and the panel's others only once mine is submitted (HotCRP's rule); the 组长's summary
 * likewise. Refused exactly as the materials are.
 */
export async function listOpinionsForExpert(
  db: Db,
  actor: RoundActor,
  roundId: string,
  candidateId: string,
): Promise<{ mine: OpinionView | null; others: OpinionView[] | null; summary: { text: string; recommend: boolean; writtenAt: Date } | null; isLeader: boolean }> {
  const { round, member } = await assertMember(db, actor, roundId);
  if (!MATERIAL_STATES.includes(round.state) && round.state !== "closed") throw new NotFoundError(CANDIDATE_NOT_FOUND);
  const c = await candidateForMember(db, round, member, candidateId, { needPledge: true, panelOnly: false });
  const rows = await db
    .select({ userId: opinions.userId, name: users.name, text: opinions.text, recommend: opinions.recommend, submittedAt: opinions.submittedAt })
    .from(opinions)
    .innerJoin(users, eq(users.id, opinions.userId))
    .where(eq(opinions.candidateId, c.id))
    .orderBy(asc(opinions.submittedAt));
  const views = rows.map((r) => ({ ...r, mine: r.userId === actor.id }));
  const mine = views.find((v) => v.mine) ?? null;
  const [seat] = c.panelId
    ? await db.select({ isLeader: panelMembers.isLeader }).from(panelMembers).where(and(eq(panelMembers.panelId, c.panelId), eq(panelMembers.userId, actor.id)))
    : [];
  const [s] = await db.select({ text: panelSummaries.text, recommend: panelSummaries.recommend, writtenAt: panelSummaries.writtenAt }).from(panelSummaries).where(eq(panelSummaries.candidateId, c.id));
  // A voter from another panel (ballot) sees the panel's summary, never the individual opinions.
  if (!seat) return { mine: null, others: null, summary: REVIEW_STATES.includes(round.state) ? null : (s ?? null), isLeader: false };
  if (!mine) return { mine: null, others: null, summary: null, isLeader: seat.isLeader };
  return { mine, others: views.filter((v) => !v.mine), summary: s ?? null, isLeader: seat.isLeader };
}

/** Shown where others' opinions would be, until mine is submitted. */
export const OWN_OPINION_FIRST = "提交本人意见后方可查看其他专家的意见";
