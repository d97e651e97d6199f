/**
 * The examination's forward moves over many declarations at once (up to 2,000 in one set-based UPDATE):
 * 单位审核, 单位推荐, 主管部门审核, 人社部门审核, 受理. Each is `(tx, actor, { ids, note? })` → MoveResult.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import { committees, declarationEvents, declarationNotices, declarations, declarationWithdrawals, notifications } from "@/db/schema";
import { auditBase, writeAudit } from "@/lib/audit";
import { todayInChina } from "@/lib/filings/constants";
import type { Actor } from "./access";
import { DECLARATION_MESSAGES } from "./constants";
import { forwardMany, type MoveResult } from "./moves-common";

export type BatchMoveInput = { ids: readonly string[]; note?: string | null; ip?: string | null };

/**
 * 单位审核通过: submitted → unit_verified (the unit, its own employees' declarations). The 审核 confirms the
 * person's declared 人员状态 在职: a declaration not declared 在职 (saved before the field existed) is refused.
 */
export function unitVerify(tx: Db, actor: Actor, input: BatchMoveInput): Promise<MoveResult> {
  return forwardMany(tx, actor, "unit_verify", input, {
    extraWhere: sql`${declarations.basic}->>'employment' = 'in_service'`,
    refusalFor: (status) => (status === "submitted" ? "申报人基本信息中的人员状态不是“在职”（退休人员不能申报），请退回补正或不予受理" : null),
  });
}

/**
 * 单位推荐: in_publicity → unit_recommended, only when the declaration's current 公示 is finished and no
 * objection against it was upheld.
 */
export function unitRecommend(tx: Db, actor: Actor, input: BatchMoveInput): Promise<MoveResult> {
  const publicityDone = sql`exists (select 1 from publicity_items pi join publicities p on p.id = pi.publicity_id
      where pi.declaration_id = ${declarations.id} and pi.current and p.status = 'finished'
        and not exists (select 1 from publicity_objections o where o.publicity_id = p.id and o.declaration_id = pi.declaration_id and o.status = 'upheld'))`;
  return forwardMany(tx, actor, "unit_recommend", input, {
    extraWhere: publicityDone,
    refusalFor: (status) => (status === "in_publicity" ? "公示尚未结束，或有成立的异议（请退回或不予受理）" : null),
  });
}

/** 主管部门审核通过: unit_recommended → dept_approved (declarations whose route has the 主管部门 stage). */
export function deptApprove(tx: Db, actor: Actor, input: BatchMoveInput): Promise<MoveResult> {
  return forwardMany(tx, actor, "dept_approve", input);
}

/** 人社部门审核通过: → hrss_checked (the regional 人社部门, when it is not the forming organisation). */
export function hrssCheck(tx: Db, actor: Actor, input: BatchMoveInput): Promise<MoveResult> {
  return forwardMany(tx, actor, "hrss_check", input);
}

/** 受理: the forming organisation accepts from the last stage of the route; a 破格 one only by acceptExceptional. */
export function acceptDeclarations(tx: Db, actor: Actor, input: BatchMoveInput): Promise<MoveResult> {
  return forwardMany(tx, actor, "accept", input, {
    extraWhere: eq(declarations.exceptional, false),
    refusalFor: (_status, row) => (row.exceptional ? "破格申报须在申报详情中批准破格后受理" : null),
  });
}

/**
 * 逾期未补正 (system): every returned declaration whose open notice's deadline has passed becomes abandoned.
 * Run daily (and before a person's list is shown). Returns the ids moved.
 */
export async function abandonOverdue(tx: Db, today = todayInChina()): Promise<string[]> {
  const rows = await tx
    .update(declarations)
    .set({ status: "abandoned", closedAt: new Date(), withdrawalRequestedAt: null, version: sql`${declarations.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(declarations.status, "returned"),
        sql`exists (select 1 from declaration_notices n where n.declaration_id = ${declarations.id} and n.resolved_at is null and n.deadline < ${today})`,
      ),
    )
    .returning({ id: declarations.id, userId: declarations.userId, committeeId: declarations.committeeId });
  if (rows.length === 0) return [];
  const now = new Date();
  const names = new Map((await tx.select({ id: committees.id, name: committees.name }).from(committees)).map((c) => [c.id, c.name]));
  await tx.insert(declarationEvents).values(rows.map((r) => ({ declarationId: r.id, fromStatus: "returned" as const, toStatus: "abandoned" as const, note: "逾期未补正", at: now })));
  await tx.insert(notifications).values(rows.map((r) => ({ userId: r.userId, kind: "declaration_abandoned", message: DECLARATION_MESSAGES.abandoned(names.get(r.committeeId) ?? ""), createdAt: now })));
  await tx
    .update(declarationNotices)
    .set({ resolvedAt: now })
    .where(and(isNull(declarationNotices.resolvedAt), sql`${declarationNotices.declarationId} in (select id from declarations where status = 'abandoned')`));
  // A withdrawal request still waiting has nothing left to decide.
  await tx
    .update(declarationWithdrawals)
    .set({ status: "cancelled", decidedAt: now, decisionReason: "逾期未补正，申报已终止" })
    .where(and(eq(declarationWithdrawals.status, "pending"), sql`${declarationWithdrawals.declarationId} = any(${uuidArray(rows.map((r) => r.id))})`));
  await writeAudit(tx, { ...auditBase({ id: "", role: "system", orgId: null }, "declaration.abandon", null), actorId: null, actorRole: null, outcome: "success", targetType: "declaration", detail: { moved: rows.map((r) => r.id), today } });
  return rows.map((r) => r.id);
}
