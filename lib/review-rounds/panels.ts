/**
 * The 主任's console (docs/domain.md §17): 评议组 (≥ 3 members, one 组长), 分发材料 in bulk, distribution
 * (refused unless every candidate has ≥ 3 unblocked reviewers), start of the panel review.
 */
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, uuidArray } from "@/db/raw";
import { committeeFilings, committees, panelMembers, panels, roleGrants, roundCandidates, roundMembers, users, type Panel, type ReviewRound } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { isUniqueViolation } from "@/lib/db-errors";
import { minMembersFor } from "@/lib/terms/rules";
import { assertChair, assertState, type RoundActor } from "./access";
import { refreshConflicts } from "./conflicts";
import { MIN_PANEL_SIZE, MIN_REVIEWERS, PANEL_LEADER_POSITION } from "./constants";
import { auditRound, moveRound } from "./moves";
import type { AssignCandidates, FormPanel, RoundStep } from "./schemas";

type Ip = { ip?: string | null };

/** Names for a message: the first five, then 「等N人」. */
function nameList(names: readonly string[]): string {
  return names.length <= 5 ? names.join("、") : `${names.slice(0, 5).join("、")}等${names.length}人`;
}

/**
 * 组建 / 调整评议组 (draft only): ≥ 3 seated members of the round, not on another panel, one of them 组长.
 * The 组长 gets a round-bound 评委会成员 grant (评议组组长); a replaced 组长's grant ends.
 */
export async function formPanel(tx: Db, actor: RoundActor, input: FormPanel & Ip): Promise<Panel> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "调整评议组");
  const ids = [...new Set(input.memberUserIds)];
  if (ids.length < MIN_PANEL_SIZE) throw new UserError(`评议组至少${MIN_PANEL_SIZE}名专家，当前为${ids.length}名`, { memberUserIds: `评议组至少${MIN_PANEL_SIZE}名专家` });
  if (!ids.includes(input.leaderUserId)) throw new UserError("组长须是评议组成员", { leaderUserId: "组长须是评议组成员" });
  const seats = await tx
    .select({ userId: roundMembers.userId, seated: roundMembers.seated })
    .from(roundMembers)
    .where(and(eq(roundMembers.roundId, round.id), inArray(roundMembers.userId, ids)));
  if (seats.length !== ids.length || seats.some((s) => !s.seated)) throw new UserError("评议组成员须是本次会议的参会委员", { memberUserIds: "评议组成员须是本次会议的参会委员" });

  let panel: Panel | undefined;
  if (input.panelId) {
    [panel] = await tx.update(panels).set({ name: input.name }).where(and(eq(panels.id, input.panelId), eq(panels.roundId, round.id))).returning();
    if (!panel) throw new UserError("评议组不存在");
  } else {
    try {
      [panel] = await tx.insert(panels).values({ roundId: round.id, name: input.name }).returning();
    } catch (err) {
      if (isUniqueViolation(err, "panels_name_uq")) throw new UserError("评议组名称已存在", { name: "评议组名称已存在" });
      throw err;
    }
  }
  const elsewhere = await tx
    .select({ name: users.name })
    .from(panelMembers)
    .innerJoin(users, eq(users.id, panelMembers.userId))
    .where(and(eq(panelMembers.roundId, round.id), inArray(panelMembers.userId, ids), ne(panelMembers.panelId, panel.id)));
  if (elsewhere.length > 0) throw new UserError(`${nameList(elsewhere.map((e) => e.name))}已在其他评议组`, { memberUserIds: "所选专家已在其他评议组" });
  await tx.delete(panelMembers).where(eq(panelMembers.panelId, panel.id));
  await tx.insert(panelMembers).values(ids.map((userId) => ({ panelId: panel.id, roundId: round.id, userId, isLeader: userId === input.leaderUserId })));
  await syncLeaderGrants(tx, actor.id, round);
  await auditRound(tx, actor, "form_panel", round.id, input.ip, { panelId: panel.id, members: ids.length, leaderUserId: input.leaderUserId });
  return panel;
}

/** The 组长 of each panel holds one active round grant; nobody else does. */
async function syncLeaderGrants(tx: Db, by: string, round: ReviewRound): Promise<void> {
  const leaders = new Set(
    (
      await tx
        .select({ userId: panelMembers.userId })
        .from(panelMembers)
        .where(and(eq(panelMembers.roundId, round.id), eq(panelMembers.isLeader, true)))
    ).map((l) => l.userId),
  );
  const grants = await tx
    .select({ id: roleGrants.id, userId: roleGrants.userId })
    .from(roleGrants)
    .where(and(eq(roleGrants.roundId, round.id), eq(roleGrants.position, PANEL_LEADER_POSITION), eq(roleGrants.status, "active")));
  const stale = grants.filter((g) => !leaders.has(g.userId)).map((g) => g.id);
  if (stale.length > 0) await tx.update(roleGrants).set({ status: "revoked", revokedBy: by, revokedAt: new Date() }).where(inArray(roleGrants.id, stale));
  const held = new Set(grants.map((g) => g.userId));
  const fresh = [...leaders].filter((u) => !held.has(u));
  if (fresh.length > 0) {
    await tx.insert(roleGrants).values(
      fresh.map((userId) => ({ userId, role: "committee_member" as const, orgId: round.formingOrgId, committeeId: round.committeeId, termId: round.termId, roundId: round.id, position: PANEL_LEADER_POSITION, createdBy: by })),
    );
  }
}

/** 分发材料 in bulk (draft only): the candidates go to the panel. */
export async function assignCandidates(tx: Db, actor: RoundActor, input: AssignCandidates & Ip): Promise<{ assigned: number }> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "分配申报人");
  const [panel] = await tx.select({ id: panels.id }).from(panels).where(and(eq(panels.id, input.panelId), eq(panels.roundId, round.id)));
  if (!panel) throw new UserError("评议组不存在");
  const ids = [...new Set(input.candidateIds)];
  const done = await tx
    .update(roundCandidates)
    .set({ panelId: panel.id })
    .where(and(eq(roundCandidates.roundId, round.id), sql`${roundCandidates.id} = any(${uuidArray(ids)})`))
    .returning({ id: roundCandidates.id });
  if (done.length !== ids.length) throw new UserError("部分申报人不在本次评审中，请刷新后重试");
  await auditRound(tx, actor, "assign_candidates", round.id, input.ip, { panelId: panel.id, assigned: done.length });
  return { assigned: done.length };
}

/** A candidate with fewer than MIN_REVIEWERS unblocked reviewers on its panel (or no panel). */
export type ShortCandidate = { candidateId: string; personName: string; reviewers: number };

/** Each candidate's number of panel members not blocked from them (stored conflicts: refresh first). */
export async function reviewerCounts(db: Db, roundId: string): Promise<{ candidateId: string; personName: string; panelId: string | null; reviewers: number; leaderBlocked: boolean }[]> {
  const rows = await executeRows<{ candidate_id: string; person_name: string; panel_id: string | null; reviewers: number; leader_blocked: boolean }>(
    db,
    sql`select rc.id as candidate_id, d.person_name, rc.panel_id,
               (select count(*)::int from panel_members pm
                 where pm.panel_id = rc.panel_id
                   and not exists (select 1 from round_conflicts x where x.candidate_id = rc.id and x.user_id = pm.user_id
                                   and x.status in ('blocking', 'pinned'))) as reviewers,
               exists (select 1 from panel_members pm join round_conflicts x on x.candidate_id = rc.id and x.user_id = pm.user_id and x.status in ('blocking', 'pinned')
                       where pm.panel_id = rc.panel_id and pm.is_leader) as leader_blocked
        from round_candidates rc join declarations d on d.id = rc.declaration_id
        where rc.round_id = ${roundId}::uuid
        order by rc.position`,
  );
  return rows.map((r) => ({ candidateId: r.candidate_id, personName: r.person_name, panelId: r.panel_id, reviewers: Number(r.reviewers), leaderBlocked: r.leader_blocked }));
}

/** Seated count rules (odd, ≥ the term minimum by the filing's scope); the broken ones. */
export async function seatedCountBreaks(tx: Db, round: ReviewRound, seated: number): Promise<string[]> {
  const [committee] = await tx.select({ levelFrom: committees.levelFrom, levelTo: committees.levelTo }).from(committees).where(eq(committees.id, round.committeeId));
  const [filing] = await tx
    .select({ scope: committeeFilings.scope })
    .from(committeeFilings)
    .where(and(eq(committeeFilings.termId, round.termId), eq(committeeFilings.status, "approved")))
    .orderBy(desc(committeeFilings.approvedAt))
    .limit(1);
  const min = minMembersFor(committee.levelFrom, committee.levelTo, filing?.scope ?? "series");
  const out: string[] = [];
  if (seated % 2 === 0) out.push(`参会委员人数须为单数，当前为${seated}人`);
  if (seated < min) out.push(`参会委员至少${min}人，当前为${seated}人`);
  return out;
}

/**
 * 分发材料 (draft → distributed, at the version seen): refused unless the seated members still meet the
 * size rules, every panel has ≥ 3 members and a 组长, and every candidate is on a panel with ≥ 3 reviewers
 * not blocked from them and a 组长 who is not. The seated count is frozen as the round's `members`.
 */
export async function distribute(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["draft"], "分发材料");
  const [{ seated }] = await tx
    .select({ seated: sql<number>`count(*)::int` })
    .from(roundMembers)
    .where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.seated, true)));
  const problems = await seatedCountBreaks(tx, round, seated);
  const panelRows = await executeRows<{ name: string; members: number; leaders: number }>(
    tx,
    sql`select p.name, count(pm.id)::int as members, count(pm.id) filter (where pm.is_leader)::int as leaders
        from panels p left join panel_members pm on pm.panel_id = p.id where p.round_id = ${round.id}::uuid group by p.id, p.name`,
  );
  if (panelRows.length === 0) problems.push("尚未组建评议组");
  for (const p of panelRows) {
    if (Number(p.members) < MIN_PANEL_SIZE) problems.push(`评议组“${p.name}”不足${MIN_PANEL_SIZE}人`);
    if (Number(p.leaders) !== 1) problems.push(`评议组“${p.name}”未指定组长`);
  }
  await refreshConflicts(tx, round.id);
  const counts = await reviewerCounts(tx, round.id);
  if (counts.length === 0) problems.push("尚未添加申报人");
  const unassigned = counts.filter((c) => !c.panelId);
  if (unassigned.length > 0) problems.push(`${nameList(unassigned.map((c) => c.personName))}尚未分配评议组`);
  const short = counts.filter((c) => c.panelId && c.reviewers < MIN_REVIEWERS);
  if (short.length > 0) problems.push(`${nameList(short.map((c) => `${c.personName}（${c.reviewers}人）`))}的评议组中无需回避的专家不足${MIN_REVIEWERS}人`);
  // The 组长 writes every summary of the panel: one who must recuse from a candidate cannot lead it.
  const leaderOut = counts.filter((c) => c.panelId && c.leaderBlocked);
  if (leaderOut.length > 0) problems.push(`${nameList(leaderOut.map((c) => c.personName))}所在评议组的组长须回避，请更换组长或调整分组`);
  if (problems.length > 0) throw new UserError(`不能分发材料：${problems.join("；")}`);
  const moved = await moveRound(tx, round, "draft", "distributed", input.version, { memberCount: seated, distributedAt: new Date() });
  await auditRound(tx, actor, "distribute", round.id, input.ip, { members: seated, candidates: counts.length, panels: panelRows.length });
  return moved;
}

/** 开始评议 (distributed → panel_review): opinions may be written from now on. */
export async function startPanelReview(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["distributed"], "开始评议");
  const moved = await moveRound(tx, round, "distributed", "panel_review", input.version);
  await auditRound(tx, actor, "start_review", round.id, input.ip);
  return moved;
}
