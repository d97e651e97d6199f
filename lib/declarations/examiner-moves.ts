/**
 * The examiners' single-declaration moves: 退回补正 with a 一次性告知 notice, and 不予受理 (docs/domain.md §16).
 * The office holding the declaration (states.ts `holderOf`) is the only one that may do either.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { declarationNotices, declarations, publicityItems, type Declaration, type NoticeItem } from "@/db/schema";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { todayInChina } from "@/lib/filings/constants";
import { kindsOf, type Actor } from "./access";
import { DECLARATION_MESSAGES, DECLARATION_NOT_FOUND, DECLARATION_STALE, WITHDRAWAL_PENDING } from "./constants";
import { recordMove, reachedStamp, type MoveResult } from "./moves-common";
import { noticeDeadline, NOTICE_WORKING_DAYS } from "./publicity-dates";
import { checkMove } from "./states";

/** A return at one stage may be repeated once (the second covering only items of the first). */
export const MAX_RETURNS_PER_STAGE = 2;

/** The declaration, locked, when the actor holds some office of it; else 404. */
export async function loadExamined(tx: Db, actor: Actor, declarationId: string): Promise<{ d: Declaration; kinds: ReturnType<typeof kindsOf> }> {
  const [d] = await tx.select().from(declarations).where(eq(declarations.id, declarationId)).limit(1).for("update");
  if (!d) throw new NotFoundError(DECLARATION_NOT_FOUND);
  const kinds = kindsOf(actor, d);
  kinds.delete("person");
  if (kinds.size === 0) throw new NotFoundError(DECLARATION_NOT_FOUND);
  return { d, kinds };
}

export type ReturnInput = {
  declarationId: string;
  version: number;
  reason: string;
  items: NoticeItem[];
  /** Working days to answer (default 5). */
  workingDays?: number;
  ip?: string | null;
};

/**
 * 退回补正: one notice listing everything to supplement, with a deadline (5 working days by default). A second
 * return at the same stage may only name slots of the first notice and needs a different reason; a third is
 * refused (the office rejects instead).
 */
export async function returnWithNotice(tx: Db, actor: Actor, input: ReturnInput): Promise<MoveResult & { noticeId: string; deadline: string }> {
  const { d, kinds } = await loadExamined(tx, actor, input.declarationId);
  const check = checkMove(d, "return", kinds);
  if (!check.ok) throw new StaleStateError(DECLARATION_STALE);
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  if (d.withdrawalRequestedAt) throw new UserError(WITHDRAWAL_PENDING);
  if (input.items.length === 0) throw new UserError("请列出需要补正的全部事项");
  const earlier = await tx
    .select({ round: declarationNotices.round, reason: declarationNotices.reason, items: declarationNotices.items })
    .from(declarationNotices)
    .where(and(eq(declarationNotices.declarationId, d.id), eq(declarationNotices.stage, d.status)))
    .orderBy(asc(declarationNotices.round));
  if (earlier.length >= MAX_RETURNS_PER_STAGE) throw new UserError("同一环节已退回两次，不能再次退回；如仍不符合要求，请作不予受理处理");
  if (earlier.length === 1) {
    const first = earlier[0];
    const allowed = new Set(first.items.map((i) => i.slot));
    const outside = input.items.filter((i) => !allowed.has(i.slot));
    if (outside.length > 0) throw new UserError("第二次退回只能针对第一次告知的事项（一次性告知）", { items: "第二次退回只能针对第一次告知的事项" });
    if (first.reason.trim() === input.reason.trim()) throw new UserError("第二次退回须说明新的理由", { reason: "第二次退回须说明新的理由" });
  }
  const today = todayInChina();
  const deadline = await noticeDeadline(tx, today, input.workingDays ?? NOTICE_WORKING_DAYS);
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({ status: "returned", returnedFrom: d.status, returnedAt: now, version: sql`${declarations.version} + 1`, updatedAt: now })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version), isNull(declarations.withdrawalRequestedAt)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  if (d.status === "in_publicity") await tx.update(publicityItems).set({ current: false }).where(and(eq(publicityItems.declarationId, d.id), eq(publicityItems.current, true)));
  const [notice] = await tx
    .insert(declarationNotices)
    .values({ declarationId: d.id, stage: d.status, round: earlier.length + 1, reason: input.reason, items: input.items, deadline, issuedBy: actor.id, issuedByOrgId: actor.orgId })
    .returning({ id: declarationNotices.id });
  await recordMove(tx, actor, "return", [{ ...row, from: d.status }], "returned", {
    note: input.reason,
    message: (c) => DECLARATION_MESSAGES.returned(c, deadline, input.items.length),
    ip: input.ip,
    detail: { round: earlier.length + 1, deadline, items: input.items.length },
  });
  return { moved: [d.id], refused: [], noticeId: notice.id, deadline };
}

/** 不予受理 (final) with a reason, by the office holding the declaration. */
export async function rejectDeclaration(tx: Db, actor: Actor, input: { declarationId: string; version: number; reason: string; ip?: string | null }): Promise<MoveResult> {
  const { d, kinds } = await loadExamined(tx, actor, input.declarationId);
  const check = checkMove(d, "reject", kinds);
  if (!check.ok) throw new StaleStateError(DECLARATION_STALE);
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  if (d.withdrawalRequestedAt) throw new UserError(WITHDRAWAL_PENDING);
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({ status: "rejected", finalReason: input.reason, closedAt: now, version: sql`${declarations.version} + 1`, updatedAt: now })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version), isNull(declarations.withdrawalRequestedAt)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  if (d.status === "in_publicity") await tx.update(publicityItems).set({ current: false }).where(and(eq(publicityItems.declarationId, d.id), eq(publicityItems.current, true)));
  await recordMove(tx, actor, "reject", [{ ...row, from: d.status }], "rejected", { note: input.reason, message: (c) => DECLARATION_MESSAGES.rejected(c, input.reason), ip: input.ip });
  return { moved: [d.id], refused: [] };
}

/**
 * 批准破格并受理: the forming organisation accepts a 破格 declaration with its explicit approval (docs/domain.md
 * §16 "破格"). Guarded: the acceptance state of the route, `exceptional`, the forming organisation, the version
 * seen, no withdrawal request pending. The approval is stamped (who, when), the event and audit name it.
 */
export async function acceptExceptional(tx: Db, actor: Actor, input: { declarationId: string; version: number; note?: string | null; ip?: string | null }): Promise<MoveResult> {
  const { d, kinds } = await loadExamined(tx, actor, input.declarationId);
  const check = checkMove(d, "accept_exceptional", kinds);
  if (!check.ok) {
    if (check.reason === "state" && !d.exceptional && kinds.has("forming")) throw new UserError("该申报不是破格申报，请直接受理");
    throw new StaleStateError(DECLARATION_STALE);
  }
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  if (d.withdrawalRequestedAt) throw new UserError(WITHDRAWAL_PENDING);
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({ status: "accepted", ...reachedStamp("accepted"), exceptionalApprovedAt: now, exceptionalApprovedBy: actor.id, version: sql`${declarations.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(declarations.id, d.id),
        eq(declarations.status, d.status),
        eq(declarations.version, d.version),
        eq(declarations.exceptional, true),
        eq(declarations.formingOrgId, actor.orgId!),
        isNull(declarations.withdrawalRequestedAt),
      ),
    )
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  const note = input.note ? `批准破格：${input.note}` : "批准破格";
  await recordMove(tx, actor, "accept_exceptional", [{ ...row, from: d.status }], "accepted", {
    note,
    message: DECLARATION_MESSAGES.acceptedExceptional,
    ip: input.ip,
    detail: { exceptional: true, exceptionalReason: d.exceptionalReason },
  });
  return { moved: [d.id], refused: [] };
}
