/**
 * 单位公示 (docs/domain.md §16): the unit posts a list of its unit_verified declarations for at least 5 working
 * days (counted from the day after posting), records objections and resolves each (kept / upheld with a
 * reason), and finishes the 公示 only after its last day with no objection open. A declaration is then
 * recommended (unitRecommend) unless an objection against it was upheld.
 */
import { and, count, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { publicities, publicityItems, publicityObjections, type Publicity, type PublicityObjection } from "@/db/schema";
import { auditBase, writeAudit } from "@/lib/audit";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { todayInChina } from "@/lib/filings/constants";
import { assertActsAs, type Actor } from "./access";
import { DECLARATION_MESSAGES } from "./constants";
import { forwardMany, type MoveResult } from "./moves-common";
import { PUBLICITY_WORKING_DAYS, publicityEnd } from "./publicity-dates";

export const PUBLICITY_NOT_FOUND = "公示不存在";
export const PUBLICITY_STALE = "该公示的状态已变化，请刷新后重试";
export const OBJECTION_NOT_FOUND = "异议不存在";
/** How far ahead a 公示 may be posted. */
export const PUBLICITY_MAX_LEAD_DAYS = 30;

function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The unit's own 公示, locked, or 404. */
async function loadOwnPublicity(tx: Db, actor: Actor, publicityId: string): Promise<Publicity> {
  const org = assertActsAs(actor, "unit");
  const [p] = await tx
    .select()
    .from(publicities)
    .where(and(eq(publicities.id, publicityId), eq(publicities.unitOrgId, org)))
    .limit(1)
    .for("update");
  if (!p) throw new NotFoundError(PUBLICITY_NOT_FOUND);
  return p;
}

export type StartPublicityInput = { ids: readonly string[]; postedOn: string; workingDays?: number; ip?: string | null };

/** 开始公示: unit_verified → in_publicity for the unit's own declarations; ends_on in working days. */
export async function startPublicity(tx: Db, actor: Actor, input: StartPublicityInput): Promise<MoveResult & { publicityId: string; endsOn: string }> {
  const org = assertActsAs(actor, "unit");
  const today = todayInChina();
  const days = input.workingDays ?? PUBLICITY_WORKING_DAYS;
  if (!Number.isInteger(days) || days < PUBLICITY_WORKING_DAYS || days > 30) throw new UserError(`公示期不少于${PUBLICITY_WORKING_DAYS}个工作日`, { workingDays: `公示期不少于${PUBLICITY_WORKING_DAYS}个工作日` });
  if (input.postedOn < today || input.postedOn > plusDays(today, PUBLICITY_MAX_LEAD_DAYS)) {
    throw new UserError(`公示日期须在今天至${plusDays(today, PUBLICITY_MAX_LEAD_DAYS)}之间`, { postedOn: "公示日期不能早于今天" });
  }
  const endsOn = await publicityEnd(tx, input.postedOn, days);
  const [p] = await tx.insert(publicities).values({ unitOrgId: org, postedOn: input.postedOn, workingDays: days, endsOn, createdBy: actor.id }).returning({ id: publicities.id });
  const result = await forwardMany(tx, actor, "start_publicity", input, {
    message: (c) => DECLARATION_MESSAGES.in_publicity(c, endsOn),
    detail: { publicityId: p.id, postedOn: input.postedOn, endsOn },
    beforeRecord: async (rows) => {
      if (rows.length === 0) throw new UserError(`所选申报都不能公示`);
      await tx.insert(publicityItems).values(rows.map((r) => ({ publicityId: p.id, declarationId: r.id })));
    },
  });
  return { ...result, publicityId: p.id, endsOn };
}

export type ObjectionInput = { publicityId: string; declarationId: string; text: string; filedByName: string; filedByContact: string; ip?: string | null };

/** 记录异议 against one declaration of an open 公示 of the unit. */
export async function recordObjection(tx: Db, actor: Actor, input: ObjectionInput): Promise<PublicityObjection> {
  const p = await loadOwnPublicity(tx, actor, input.publicityId);
  if (p.status !== "open") throw new StaleStateError(PUBLICITY_STALE);
  const [item] = await tx
    .select({ id: publicityItems.id })
    .from(publicityItems)
    .where(and(eq(publicityItems.publicityId, p.id), eq(publicityItems.declarationId, input.declarationId), eq(publicityItems.current, true)));
  if (!item) throw new NotFoundError("该申报不在本次公示中");
  const [row] = await tx
    .insert(publicityObjections)
    .values({ publicityId: p.id, declarationId: input.declarationId, text: input.text, filedByName: input.filedByName, filedByContact: input.filedByContact, recordedBy: actor.id })
    .returning();
  await writeAudit(tx, { ...auditBase(actor, "declaration.objection_record", input.ip ?? null), outcome: "success", targetType: "declaration", targetId: input.declarationId, detail: { publicityId: p.id, objectionId: row.id } });
  return row;
}

/** 处理异议: kept (not upheld, the declaration stays) or upheld, with a reason; once only. */
export async function resolveObjection(tx: Db, actor: Actor, input: { objectionId: string; outcome: "kept" | "upheld"; reason: string; ip?: string | null }): Promise<PublicityObjection> {
  const org = assertActsAs(actor, "unit");
  const [o] = await tx
    .select({ id: publicityObjections.id, publicityId: publicityObjections.publicityId })
    .from(publicityObjections)
    .innerJoin(publicities, eq(publicities.id, publicityObjections.publicityId))
    .where(and(eq(publicityObjections.id, input.objectionId), eq(publicities.unitOrgId, org)));
  if (!o) throw new NotFoundError(OBJECTION_NOT_FOUND);
  const [row] = await tx
    .update(publicityObjections)
    .set({ status: input.outcome, resolutionReason: input.reason, resolvedBy: actor.id, resolvedAt: new Date() })
    .where(and(eq(publicityObjections.id, o.id), eq(publicityObjections.status, "open")))
    .returning();
  if (!row) throw new StaleStateError("该异议已处理，请刷新后重试");
  await writeAudit(tx, { ...auditBase(actor, "declaration.objection_resolve", input.ip ?? null), outcome: "success", targetType: "declaration", targetId: row.declarationId, detail: { objectionId: row.id, outcome: input.outcome } });
  return row;
}

/** 结束公示: only after ends_on and with every objection resolved. */
export async function finishPublicity(tx: Db, actor: Actor, input: { publicityId: string; ip?: string | null }): Promise<Publicity> {
  const p = await loadOwnPublicity(tx, actor, input.publicityId);
  if (p.status !== "open") throw new StaleStateError(PUBLICITY_STALE);
  const today = todayInChina();
  if (today <= p.endsOn) throw new UserError(`公示期至${p.endsOn}，期满后才能结束公示`);
  const [{ open }] = await tx
    .select({ open: count() })
    .from(publicityObjections)
    .where(and(eq(publicityObjections.publicityId, p.id), eq(publicityObjections.status, "open")));
  if (open > 0) throw new UserError(`尚有${open}条异议未处理，处理后才能结束公示`);
  const [row] = await tx
    .update(publicities)
    .set({ status: "finished", finishedAt: new Date(), finishedBy: actor.id })
    .where(and(eq(publicities.id, p.id), eq(publicities.status, "open")))
    .returning();
  if (!row) throw new StaleStateError(PUBLICITY_STALE);
  await writeAudit(tx, { ...auditBase(actor, "declaration.publicity_finish", input.ip ?? null), outcome: "success", targetType: "publicity", targetId: p.id, detail: { endsOn: p.endsOn } });
  return row;
}
