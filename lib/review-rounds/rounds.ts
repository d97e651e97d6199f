/**
 * Round management by the forming organisation (线上评审管理, docs/domain.md §17): create a round for a
 * term whose filing covers the meeting date, add accepted declarations as candidates, select the members,
 * cancel. Every write runs in the caller's transaction and ends with its audit row.
 */
import { and, eq, inArray, max, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import {
  ballotStaging,
  committees,
  committeeTermMembers,
  declarations,
  panelMembers,
  roleGrants,
  roundCandidates,
  roundConflicts,
  roundMembers,
  reviewRounds,
  type ReviewRound,
} from "@/db/schema";
import { UserError } from "@/lib/errors";
import { canHoldReviewRound } from "@/lib/filings/can-hold";
import { loadOwnedTerm } from "@/lib/terms/terms";
import { assertFormingOrg, assertManager, assertState, type RoundActor } from "./access";
import { refreshConflicts } from "./conflicts";
import { seatedCountBreaks } from "./panels";
import { CANDIDATE_NOT_FOUND, MAX_ROUND_CANDIDATES, PANEL_LEADER_POSITION, VICE_CHAIR_POSITION } from "./constants";
import { auditRound, moveDeclarations, moveRound } from "./moves";
import type { ActingChair, AddCandidates, CancelRound, CreateRound, RemoveCandidate, SelectMembers } from "./schemas";

type Ip = { ip?: string | null };

/**
 * 新建评审会议 for one of the actor's committee terms. Refused unless the committee holds an approved
 * filing covering the meeting date (canHoldReviewRound) and the date lies within the term.
 */
export async function createRound(tx: Db, actor: RoundActor, input: CreateRound & Ip): Promise<ReviewRound> {
  const term = await loadOwnedTerm(tx, actor, input.termId);
  if (input.meetingDate < term.startDate || input.meetingDate > term.endDate) throw new UserError(`会议日期须在本届任期内（${term.startDate}至${term.endDate}）`, { meetingDate: "会议日期不在本届任期内" });
  if (!(await canHoldReviewRound(tx, term.committeeId, input.meetingDate))) {
    throw new UserError("该评委会在会议日期没有有效的评审权备案，不能召开评审会议", { meetingDate: "会议日期不在已核准备案的有效期内" });
  }
  const [committee] = await tx.select({ formingOrgId: committees.formingOrgId }).from(committees).where(eq(committees.id, term.committeeId));
  const [round] = await tx
    .insert(reviewRounds)
    .values({ committeeId: term.committeeId, termId: term.id, formingOrgId: committee.formingOrgId, name: input.name, meetingDate: input.meetingDate, createdBy: actor.id })
    .returning();
  await auditRound(tx, actor, "create", round.id, input.ip, { termId: term.id, meetingDate: input.meetingDate });
  return round;
}

export type AddCandidatesResult = { added: string[]; refused: { id: string; reason: string }[] };

/**
 * 添加申报人: accepted declarations of the round's committee (accepted → in_review, one event each), while
 * the round is a draft. A declaration in another state or of another committee is refused with its reason.
 */
export async function addCandidates(tx: Db, actor: RoundActor, input: AddCandidates & Ip): Promise<AddCandidatesResult> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "添加申报人");
  const ids = [...new Set(input.declarationIds)];
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id));
  if (n + ids.length > MAX_ROUND_CANDIDATES) throw new UserError(`一次评审会议最多${MAX_ROUND_CANDIDATES}名申报人`);
  const rows = await tx
    .select({ id: declarations.id, status: declarations.status, committeeId: declarations.committeeId, formingOrgId: declarations.formingOrgId })
    .from(declarations)
    .where(sql`${declarations.id} = any(${uuidArray(ids)})`);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const refused: AddCandidatesResult["refused"] = [];
  const eligible: string[] = [];
  for (const id of ids) {
    const d = byId.get(id);
    if (!d || d.committeeId !== round.committeeId || d.formingOrgId !== round.formingOrgId) refused.push({ id, reason: "申报不存在或不属于该评委会" });
    else if (d.status !== "accepted") refused.push({ id, reason: "只有已受理的申报可以参加评审" });
    else eligible.push(id);
  }
  const moved = await moveDeclarations(tx, actor, eligible, "accepted", "in_review", `参加评审会议：${round.name}`);
  for (const id of eligible.filter((e) => !moved.includes(e))) refused.push({ id, reason: "该申报的状态已变化，请刷新后重试" });
  if (moved.length > 0) {
    const [{ top }] = await tx.select({ top: max(roundCandidates.position) }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id));
    const start = (top ?? 0) + 1;
    const order = ids.filter((id) => moved.includes(id));
    await tx.insert(roundCandidates).values(order.map((declarationId, i) => ({ roundId: round.id, declarationId, position: start + i })));
    await refreshConflicts(tx, round.id);
  }
  await auditRound(tx, actor, "add_candidates", round.id, input.ip, { added: moved.length, refused: refused.length });
  return { added: moved, refused };
}

/** 移出申报人 while the round is a draft: the declaration goes back to accepted. */
export async function removeCandidate(tx: Db, actor: RoundActor, input: RemoveCandidate & Ip): Promise<void> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "移出申报人");
  const [c] = await tx.select().from(roundCandidates).where(and(eq(roundCandidates.id, input.candidateId), eq(roundCandidates.roundId, round.id)));
  if (!c) throw new UserError(CANDIDATE_NOT_FOUND);
  await tx.delete(roundConflicts).where(eq(roundConflicts.candidateId, c.id));
  await tx.delete(roundCandidates).where(eq(roundCandidates.id, c.id));
  await moveDeclarations(tx, actor, [c.declarationId], "in_review", "accepted", `移出评审会议：${round.name}`);
  await auditRound(tx, actor, "remove_candidate", round.id, input.ip, { declarationId: c.declarationId });
}

export type SelectMembersResult = { seated: number; notSeated: number };

/**
 * 选定参会委员 from the term (forming organisation or 主任, draft only, at the version seen). A member with
 * an open declaration to this committee is kept but not seated. The seated number must be odd and at least
 * the term's minimum (lib/terms/rules.ts, by the filing's scope). Replaces the previous selection; panel
 * seats of members no longer selected go with them.
 */
export async function selectMembers(tx: Db, actor: RoundActor, input: SelectMembers & Ip): Promise<SelectMembersResult> {
  const round = await assertManager(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "调整参会委员");
  const ids = [...new Set(input.termMemberIds)];
  const chosen = await tx
    .select({ id: committeeTermMembers.id, userId: committeeTermMembers.userId, position: committeeTermMembers.position })
    .from(committeeTermMembers)
    .where(and(eq(committeeTermMembers.termId, round.termId), inArray(committeeTermMembers.id, ids)));
  if (chosen.length !== ids.length) throw new UserError("所选委员不是本届评委会成员", { termMemberIds: "所选委员不是本届评委会成员" });
  const open = chosen.length
    ? await tx
        .selectDistinct({ userId: declarations.userId })
        .from(declarations)
        .where(
          and(
            eq(declarations.committeeId, round.committeeId),
            inArray(
              declarations.userId,
              chosen.map((c) => c.userId),
            ),
            sql`${declarations.status} not in ('draft', 'withdrawn', 'rejected', 'abandoned', 'passed', 'failed', 'result_publicity', 'confirmed', 'disqualified', 'withheld')`,
          ),
        )
    : [];
  const notSeated = new Set(open.map((o) => o.userId));
  const seated = chosen.length - chosen.filter((c) => notSeated.has(c.userId)).length;
  const breaks = await seatedCountBreaks(tx, round, seated);
  if (breaks.length > 0) {
    if (notSeated.size > 0) breaks.push(`其中${notSeated.size}人本人有在途申报，不计入参会委员`);
    throw new UserError(breaks.join("；"), { termMemberIds: breaks.join("；") });
  }

  const keep = new Set(chosen.map((c) => c.userId));
  const previous = await tx.select({ userId: roundMembers.userId }).from(roundMembers).where(eq(roundMembers.roundId, round.id));
  const gone = previous.map((p) => p.userId).filter((u) => !keep.has(u));
  if (gone.length > 0) {
    await tx.delete(panelMembers).where(and(eq(panelMembers.roundId, round.id), inArray(panelMembers.userId, gone)));
    await tx
      .update(roleGrants)
      .set({ status: "revoked", revokedBy: actor.id, revokedAt: new Date() })
      .where(and(eq(roleGrants.roundId, round.id), eq(roleGrants.position, PANEL_LEADER_POSITION), eq(roleGrants.status, "active"), inArray(roleGrants.userId, gone)));
    await tx.delete(roundConflicts).where(and(eq(roundConflicts.roundId, round.id), inArray(roundConflicts.userId, gone)));
    await tx.delete(roundMembers).where(and(eq(roundMembers.roundId, round.id), inArray(roundMembers.userId, gone)));
  }
  const existing = new Set(previous.map((p) => p.userId));
  const fresh = chosen.filter((c) => !existing.has(c.userId));
  if (fresh.length > 0) {
    await tx.insert(roundMembers).values(fresh.map((c) => ({ roundId: round.id, userId: c.userId, termMemberId: c.id, position: c.position, seated: !notSeated.has(c.userId) })));
  }
  for (const c of chosen.filter((c) => existing.has(c.userId))) {
    await tx.update(roundMembers).set({ seated: !notSeated.has(c.userId) }).where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.userId, c.userId)));
  }
  await moveRound(tx, round, "draft", "draft", input.version);
  await refreshConflicts(tx, round.id);
  await auditRound(tx, actor, "select_members", round.id, input.ip, { seated, notSeated: notSeated.size });
  return { seated, notSeated: notSeated.size };
}

/**
 * 指定副主任主持 (EVALUATION §7: "a designated 副主任 chairs when the 主任 is absent or blocked"): the forming
 * organisation names one 副主任委员 of the round's term, with the reason, at the version seen, before the
 * round is signed; from then on that 副主任 holds the 主任's console and signature and the 主任 does not.
 * `userId: null` gives the chair back to the 主任.
 */
export async function setActingChair(tx: Db, actor: RoundActor, input: ActingChair & Ip): Promise<ReviewRound> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "update" });
  const active = ["draft", "distributed", "panel_review", "ballot_open", "closed"] as const;
  assertState(round, active, input.userId ? "指定副主任主持" : "恢复由主任主持");
  if (input.userId) {
    const [vice] = await tx
      .select({ id: committeeTermMembers.id })
      .from(committeeTermMembers)
      .where(and(eq(committeeTermMembers.termId, round.termId), eq(committeeTermMembers.userId, input.userId), eq(committeeTermMembers.position, "vice_chair")));
    if (!vice) throw new UserError("只能指定本届评委会的副主任委员", { userId: "只能指定本届评委会的副主任委员" });
    const [grant] = await tx
      .select({ id: roleGrants.id })
      .from(roleGrants)
      .where(
        and(
          eq(roleGrants.userId, input.userId),
          eq(roleGrants.role, "committee_member"),
          eq(roleGrants.committeeId, round.committeeId),
          eq(roleGrants.position, VICE_CHAIR_POSITION),
          eq(roleGrants.status, "active"),
        ),
      );
    if (!grant) throw new UserError("该副主任委员没有有效的评委会成员身份，不能主持", { userId: "该副主任委员没有有效的评委会成员身份，不能主持" });
  } else if (round.actingChairUserId === null) {
    throw new UserError("本次会议已由主任主持");
  }
  const moved = await moveRound(tx, round, round.state, round.state, input.version, { actingChairUserId: input.userId, actingChairReason: input.userId ? input.reason : null });
  await auditRound(tx, actor, input.userId ? "designate_acting_chair" : "restore_chair", round.id, input.ip, { userId: input.userId, reason: input.reason });
  return moved;
}

/**
 * 取消评审会议 (forming organisation, before signing, with a reason): the candidates go back to accepted,
 * votes of an open or closed ballot are void (deleted), the 组长 grants end.
 */
export async function cancelRound(tx: Db, actor: RoundActor, input: CancelRound & Ip): Promise<ReviewRound> {
  const round = await assertFormingOrg(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft", "distributed", "panel_review", "ballot_open", "closed"], "取消");
  const moved = await moveRound(tx, round, round.state, "cancelled", input.version, { cancelReason: input.reason });
  await tx.delete(ballotStaging).where(eq(ballotStaging.roundId, round.id));
  const cands = await tx.select({ declarationId: roundCandidates.declarationId }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id));
  await moveDeclarations(
    tx,
    actor,
    cands.map((c) => c.declarationId),
    "in_review",
    "accepted",
    `评审会议已取消：${round.name}`,
  );
  await revokeLeaderGrants(tx, actor.id, round.id);
  await auditRound(tx, actor, "cancel", round.id, input.ip, { reason: input.reason, from: round.state });
  return moved;
}

/** The round-bound 评委会成员 grants of the panel leaders end (signing, cancelling). */
export async function revokeLeaderGrants(tx: Db, by: string, roundId: string): Promise<void> {
  await tx
    .update(roleGrants)
    .set({ status: "revoked", revokedBy: by, revokedAt: new Date() })
    .where(and(eq(roleGrants.roundId, roundId), eq(roleGrants.position, PANEL_LEADER_POSITION), eq(roleGrants.status, "active")));
}
