/**
 * 撤回 after the unit's check (EVALUATION §7 "Declarations", docs/domain.md §16 "Withdrawal"): free before
 * unit_verified (person-moves.ts `withdrawDeclaration`); from unit_verified to accepted the person asks and the
 * office holding the declaration approves (→ withdrawn) or refuses with a reason; from in_review on it is
 * impossible. While a request waits, `declarations.withdrawal_requested_at` is set and the holder's other moves
 * (forward, return, reject) are refused until it decides.
 */
import { and, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, declarationNotices, declarations, declarationWithdrawals, publicityItems, type Declaration, type DeclarationWithdrawal } from "@/db/schema";
import { ForbiddenError, StaleStateError, UserError } from "@/lib/errors";
import { notifyCommitteeOrg } from "@/lib/notifications/notify";
import { KIND_COLUMN, type Actor } from "./access";
import { DECLARATION_MESSAGES, DECLARATION_STALE } from "./constants";
import { loadExamined } from "./examiner-moves";
import { recordMove, type MoveResult } from "./moves-common";
import { loadOwnDeclaration } from "./person-moves";
import { canWithdraw, checkMove, withdrawalHolder, type ActorKind } from "./states";

type OfficeKind = Exclude<ActorKind, "person" | "system">;
const OFFICE_FIELD = { unit: "unitOrgId", dept: "deptOrgId", hrss: "hrssOrgId", forming: "formingOrgId" } as const satisfies Record<OfficeKind, keyof Declaration>;

/** Why the person may not ask now (Chinese). */
function requestRefusal(d: Declaration): string {
  if (canWithdraw(d)) return "该申报尚未通过单位审核，可以直接撤回";
  if (["withdrawn", "rejected", "abandoned"].includes(d.status)) return "该申报已终止，不能撤回";
  if (d.status === "draft") return "草稿可以直接撤回";
  return "该申报已进入评审，不能撤回";
}

/** 申请撤回: recorded for the office holding the declaration, which is told by a 站内消息. */
export async function requestWithdrawal(tx: Db, actor: Actor, input: { declarationId: string; version: number; reason: string; ip?: string | null }): Promise<{ requestId: string; holderOrgId: string }> {
  const d = await loadOwnDeclaration(tx, actor, input.declarationId, { lock: true });
  const check = checkMove(d, "request_withdrawal", new Set(["person"]));
  if (!check.ok) throw new UserError(requestRefusal(d));
  if (d.withdrawalRequestedAt) throw new UserError("您已提交撤回申请，请等待审批结果");
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  const holder = withdrawalHolder(d) as OfficeKind;
  const holderOrgId = d[OFFICE_FIELD[holder]];
  if (!holderOrgId) throw new StaleStateError(DECLARATION_STALE);
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({ withdrawalRequestedAt: now, version: sql`${declarations.version} + 1`, updatedAt: now })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version), isNull(declarations.withdrawalRequestedAt)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  const [request] = await tx
    .insert(declarationWithdrawals)
    .values({ declarationId: d.id, fromStatus: d.status, holderOrgId, reason: input.reason, requestedBy: actor.id, requestedAt: now })
    .returning({ id: declarationWithdrawals.id });
  const [committee] = await tx.select({ name: committees.name }).from(committees).where(eq(committees.id, d.committeeId));
  await notifyCommitteeOrg(tx, holderOrgId, [{ kind: "declaration_withdrawal_requested", message: `${d.personName}申请撤回向“${committee?.name ?? ""}”的职称申报，原因：${input.reason}。请在申报详情中审批。` }], now);
  await recordMove(tx, actor, "request_withdrawal", [{ ...row, from: d.status }], d.status, {
    note: `申请撤回：${input.reason}`,
    message: (c) => `您已申请撤回向“${c}”的职称申报，等待审核单位审批。`,
    kind: "declaration_withdrawal_requested",
    ip: input.ip,
    detail: { requestId: request.id, holderOrgId },
  });
  return { requestId: request.id, holderOrgId };
}

/**
 * The holding office's decision: approve (→ withdrawn, its 公示 item and open notices closed) or refuse with a
 * reason (the declaration goes on where it was). Only the office the request was addressed to decides.
 */
export async function decideWithdrawal(
  tx: Db,
  actor: Actor,
  input: { declarationId: string; version: number; approve: boolean; reason?: string | null; ip?: string | null },
): Promise<MoveResult> {
  const { d, kinds } = await loadExamined(tx, actor, input.declarationId);
  if (!d.withdrawalRequestedAt) throw new UserError("该申报没有待审批的撤回申请");
  const move = input.approve ? "approve_withdrawal" : "refuse_withdrawal";
  const check = checkMove(d, move, kinds);
  const holder = withdrawalHolder(d) as OfficeKind | null;
  if (!check.ok || !holder || d[OFFICE_FIELD[holder]] !== actor.orgId) throw new ForbiddenError("只有当前办理该申报的单位可以审批撤回申请");
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  if (!input.approve && !input.reason?.trim()) throw new UserError("请填写不同意撤回的理由", { reason: "请填写不同意撤回的理由" });
  const now = new Date();
  const guard = and(
    eq(declarations.id, d.id),
    eq(declarations.status, d.status),
    eq(declarations.version, d.version),
    isNotNull(declarations.withdrawalRequestedAt),
    eq(KIND_COLUMN[holder], actor.orgId!),
  );
  const [row] = await tx
    .update(declarations)
    .set(
      input.approve
        ? { status: "withdrawn", closedAt: now, withdrawalRequestedAt: null, version: sql`${declarations.version} + 1`, updatedAt: now }
        : { withdrawalRequestedAt: null, version: sql`${declarations.version} + 1`, updatedAt: now },
    )
    .where(guard)
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  const [request] = await tx
    .update(declarationWithdrawals)
    .set({ status: input.approve ? "approved" : "refused", decidedBy: actor.id, decidedAt: now, decisionReason: input.approve ? null : input.reason!.trim() })
    .where(and(eq(declarationWithdrawals.declarationId, d.id), eq(declarationWithdrawals.status, "pending"), eq(declarationWithdrawals.holderOrgId, actor.orgId!)))
    .returning({ id: declarationWithdrawals.id });
  if (!request) throw new StaleStateError(DECLARATION_STALE);
  if (input.approve) {
    await tx.update(publicityItems).set({ current: false }).where(and(eq(publicityItems.declarationId, d.id), eq(publicityItems.current, true)));
    await tx.update(declarationNotices).set({ resolvedAt: now }).where(and(eq(declarationNotices.declarationId, d.id), isNull(declarationNotices.resolvedAt)));
    await recordMove(tx, actor, move, [{ ...row, from: d.status }], "withdrawn", { note: "同意撤回", message: DECLARATION_MESSAGES.withdrawalApproved, ip: input.ip, detail: { requestId: request.id } });
  } else {
    const reason = input.reason!.trim();
    await recordMove(tx, actor, move, [{ ...row, from: d.status }], d.status, {
      note: `不同意撤回：${reason}`,
      message: (c) => DECLARATION_MESSAGES.withdrawalRefused(c, reason),
      kind: "declaration_withdrawal_refused",
      ip: input.ip,
      detail: { requestId: request.id },
    });
  }
  return { moved: [d.id], refused: [] };
}

/** The withdrawal requests of one declaration, newest first (the detail pages show them). */
export async function withdrawalsOf(db: Db, declarationId: string): Promise<DeclarationWithdrawal[]> {
  return db.select().from(declarationWithdrawals).where(eq(declarationWithdrawals.declarationId, declarationId)).orderBy(desc(declarationWithdrawals.requestedAt));
}
