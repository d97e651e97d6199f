/**
 * Conflicts (回避, docs/domain.md §17 "Conflicts"), computed on the server from the data: the candidate
 * themself, same unit (same 二级单位 in a self-review), the member's 回避声明 (ID number or unit), a member
 * with an open declaration to this committee, a member whose title level is below the candidate's target.
 * Suggestions (the candidate worked at the member's unit within 3 years) wait for the 主任.
 * `assertNotBlocked` guards every material, opinion and vote path.
 *
 * Rule rows are stored (the 主任's console, the tally's eligible count) and recomputed until the ballot
 * opens; until then a check also computes the pair live, so a 回避声明 added a minute ago already blocks.
 * From the ballot on, the stored rows are the frozen truth.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { roundConflicts } from "@/db/schema";
import { BLOCK_CATEGORIES, type BlockCategory, type RoundState } from "@/db/schema/enums";
import { ForbiddenError, NotFoundError, StaleStateError } from "@/lib/errors";
import { auditBase, writeAudit } from "@/lib/audit";
import { assertChair, assertState, loadRound, type RoundActor } from "./access";
import { BLOCKED_MESSAGE } from "./constants";
import type { DecideConflict } from "./schemas";

/** States whose rule rows still follow the data. */
export const LIVE_CONFLICT_STATES: readonly RoundState[] = ["draft", "distributed", "panel_review"];

/** Declaration states that count as an open declaration of a member (not a draft, not finished). */
const OPEN_DECLARATION_STATES = ["submitted", "unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked", "accepted", "returned", "in_review", "on_hold"] as const;

type RuleRow = { user_id: string; candidate_id: string; category: BlockCategory; source: "rule" | "suggestion"; evidence: string | null };

/**
 * Every rule conflict (and suggestion) of a round, optionally for one member and/or one candidate: one
 * statement over members × candidates. The member's unit and department are the expert profile's (else the
 * pool row's unit); the level is the pool row's (the term's rule reads the same one).
 */
async function computeRuleRows(db: Db, roundId: string, filter: { userId?: string; candidateId?: string } = {}): Promise<RuleRow[]> {
  const memberFilter = filter.userId ? sql`and rm.user_id = ${filter.userId}::uuid` : sql``;
  const candidateFilter = filter.candidateId ? sql`and rc.id = ${filter.candidateId}::uuid` : sql``;
  const openStates = sql.raw(OPEN_DECLARATION_STATES.map((s) => `'${s}'`).join(","));
  return executeRows<RuleRow>(
    db,
    sql`
    with r as (select id, committee_id, meeting_date from review_rounds where id = ${roundId}::uuid),
    m as (
      select rm.user_id, nullif(lower(trim(coalesce(ep.work_unit, pm.work_unit))), '') as unit,
             nullif(trim(ep.department), '') as department, pm.level, u.id_type, u.id_number,
             exists (select 1 from declarations d2, r where d2.user_id = rm.user_id and d2.committee_id = r.committee_id
                     and d2.status in (${openStates})) as has_open
      from round_members rm
      join committee_term_members tm on tm.id = rm.term_member_id
      join expert_pool_members pm on pm.id = tm.pool_member_id
      join users u on u.id = rm.user_id
      left join expert_profiles ep on ep.user_id = rm.user_id
      where rm.round_id = ${roundId}::uuid ${memberFilter}
    ),
    c as (
      select rc.id as candidate_id, d.user_id, d.id_type, d.id_number, d.self_review, d.target_level,
             nullif(trim(d.basic->>'department'), '') as department, d.work,
             uo.name as unit_name, nullif(lower(trim(uo.name)), '') as unit_key, uo.credit_code
      from round_candidates rc
      join declarations d on d.id = rc.declaration_id
      left join orgs uo on uo.id = d.unit_org_id
      where rc.round_id = ${roundId}::uuid ${candidateFilter}
    ),
    ec as (
      select e.* from expert_conflicts e, r
      where e.removed_at is null and (e.end_date is null or e.end_date >= r.meeting_date)
        and e.user_id in (select user_id from m)
    )
    select m.user_id, c.candidate_id, x.category, x.source, x.evidence
    from m cross join c cross join lateral (
      select 'self'::text as category, 'rule'::text as source, null::text as evidence
        where c.user_id = m.user_id or (c.id_number is not null and c.id_number = m.id_number and c.id_type = m.id_type)
      union all select 'same_unit', 'rule', null
        where not c.self_review and m.unit is not null and m.unit = c.unit_key
      union all select 'same_department', 'rule', null
        where c.self_review and m.department is not null and m.department = c.department
      union all select 'declared_id', 'rule', null
        where c.id_number is not null and exists (select 1 from ec where ec.user_id = m.user_id and ec.kind = 'person'
              and ec.person_id_number = c.id_number and (ec.person_id_type is null or ec.person_id_type = c.id_type))
      union all select 'declared_unit', 'rule', null
        where c.unit_name is not null and exists (select 1 from ec where ec.user_id = m.user_id and ec.kind = 'unit'
              and ((ec.unit_credit_code is not null and ec.unit_credit_code = c.credit_code) or lower(trim(ec.unit_name)) = c.unit_key))
      union all select 'open_declaration', 'rule', null where m.has_open
      union all select 'level_below', 'rule', null where m.level is null or m.level > c.target_level
      union all select 'confirmed_suggestion', 'suggestion', '申报人近三年曾在该委员所在单位工作'
        where m.unit is not null and c.unit_key is distinct from m.unit and exists (
          select 1 from jsonb_array_elements(c.work) w, r
          where lower(trim(w->>'employer')) = m.unit
            and coalesce(nullif(w->>'to', ''), '9999-12-31') >= to_char(r.meeting_date - interval '3 years', 'YYYY-MM-DD'))
    ) x`,
  );
}

/**
 * Recompute the rule rows of a round and add new suggestions (pinned and dismissed ones stay as the 主任
 * decided). No-op once the ballot has opened: the rows are frozen. Call inside the round's transaction.
 */
export async function refreshConflicts(tx: Db, roundId: string): Promise<{ blocking: number; suggested: number }> {
  const round = await loadRound(tx, roundId);
  if (!LIVE_CONFLICT_STATES.includes(round.state)) return { blocking: 0, suggested: 0 };
  const rows = await computeRuleRows(tx, roundId);
  await tx.delete(roundConflicts).where(and(eq(roundConflicts.roundId, roundId), eq(roundConflicts.source, "rule")));
  const rules = rows.filter((r) => r.source === "rule");
  for (let i = 0; i < rules.length; i += 5000) {
    await tx.insert(roundConflicts).values(
      rules.slice(i, i + 5000).map((r) => ({ roundId, userId: r.user_id, candidateId: r.candidate_id, category: r.category, source: "rule" as const, status: "blocking" as const })),
    );
  }
  // Suggestions: keep decided ones, drop undecided ones the data no longer supports, add new ones.
  const suggestions = rows.filter((r) => r.source === "suggestion");
  const keep = new Set(suggestions.map((s) => `${s.user_id}|${s.candidate_id}`));
  const open = await tx
    .select({ id: roundConflicts.id, userId: roundConflicts.userId, candidateId: roundConflicts.candidateId })
    .from(roundConflicts)
    .where(and(eq(roundConflicts.roundId, roundId), eq(roundConflicts.source, "suggestion"), eq(roundConflicts.status, "suggested")));
  const stale = open.filter((o) => !keep.has(`${o.userId}|${o.candidateId}`)).map((o) => o.id);
  if (stale.length > 0) await tx.delete(roundConflicts).where(inArray(roundConflicts.id, stale));
  if (suggestions.length > 0) {
    await tx
      .insert(roundConflicts)
      .values(suggestions.map((s) => ({ roundId, userId: s.user_id, candidateId: s.candidate_id, category: "confirmed_suggestion" as const, source: "suggestion" as const, status: "suggested" as const, evidence: s.evidence })))
      .onConflictDoNothing();
  }
  return { blocking: rules.length, suggested: suggestions.length };
}

/** The categories blocking `userId` from `candidateId` (empty: not blocked): stored rows, plus the live rules before the ballot. */
export async function blockingCategories(db: Db, roundId: string, userId: string, candidateId: string): Promise<BlockCategory[]> {
  const round = await loadRound(db, roundId);
  const stored = await db
    .select({ category: roundConflicts.category })
    .from(roundConflicts)
    .where(and(eq(roundConflicts.roundId, roundId), eq(roundConflicts.userId, userId), eq(roundConflicts.candidateId, candidateId), inArray(roundConflicts.status, ["blocking", "pinned"])));
  const out = new Set<BlockCategory>(stored.map((s) => s.category));
  if (LIVE_CONFLICT_STATES.includes(round.state)) {
    for (const r of await computeRuleRows(db, roundId, { userId, candidateId })) if (r.source === "rule") out.add(r.category);
  }
  return BLOCK_CATEGORIES.filter((c) => out.has(c));
}

/**
 * ForbiddenError 「您须回避该申报人…」 when the member is blocked from the candidate; NotFound when the
 * candidate is not in the round. The one check behind materials, opinions, summaries and votes.
 */
export async function assertNotBlocked(db: Db, roundId: string, memberUserId: string, candidateId: string): Promise<void> {
  const [c] = await executeRows<{ ok: number }>(db, sql`select 1 as ok from round_candidates where id = ${candidateId}::uuid and round_id = ${roundId}::uuid`);
  if (!c) throw new NotFoundError("申报人不在本次评审中");
  const categories = await blockingCategories(db, roundId, memberUserId, candidateId);
  if (categories.length > 0) throw new ForbiddenError(BLOCKED_MESSAGE);
}

/** The ids of the round's candidates the member is blocked from (stored rows, plus the live rules before the ballot). */
export async function blockedCandidateIds(db: Db, roundId: string, userId: string, state?: RoundState): Promise<Set<string>> {
  const roundState = state ?? (await loadRound(db, roundId)).state;
  const stored = await db
    .selectDistinct({ candidateId: roundConflicts.candidateId })
    .from(roundConflicts)
    .where(and(eq(roundConflicts.roundId, roundId), eq(roundConflicts.userId, userId), inArray(roundConflicts.status, ["blocking", "pinned"])));
  const out = new Set(stored.map((s) => s.candidateId));
  if (LIVE_CONFLICT_STATES.includes(roundState)) {
    for (const r of await computeRuleRows(db, roundId, { userId })) if (r.source === "rule") out.add(r.candidate_id);
  }
  return out;
}

/**
 * The 主任 confirms (pins: it blocks) or dismisses (with a reason) a suggested conflict, before the ballot
 * opens. Experts never decide their own; a rule conflict cannot be dismissed.
 */
export async function decideConflict(tx: Db, actor: RoundActor, input: DecideConflict & { ip?: string | null }): Promise<void> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, LIVE_CONFLICT_STATES, "处理回避");
  const pin = input.decision === "pin";
  const [row] = await tx
    .update(roundConflicts)
    .set({ status: pin ? "pinned" : "dismissed", reason: pin ? (input.reason ?? null) : input.reason!, decidedBy: actor.id, decidedAt: new Date() })
    .where(and(eq(roundConflicts.id, input.conflictId), eq(roundConflicts.roundId, round.id), eq(roundConflicts.source, "suggestion")))
    .returning({ id: roundConflicts.id, candidateId: roundConflicts.candidateId });
  if (!row) throw new StaleStateError("该回避提示不存在或已处理，请刷新后重试");
  await writeAudit(tx, {
    ...auditBase(actor, pin ? "review_round.conflict_pin" : "review_round.conflict_dismiss", input.ip ?? null),
    outcome: "success",
    targetType: "review_round",
    targetId: round.id,
    detail: { conflictId: row.id, candidateId: row.candidateId, ...(input.reason ? { reason: input.reason } : {}) },
  });
}
