/**
 * 申报批次 of a forming organisation (docs/domain.md §16 "Batches"; EVALUATION §7): the batches of its
 * committees (paged), creating a committee's yearly batch, and closing one early (截止申报). Ownership of the
 * committee is checked on the server for every read and write (`assertCommitteeOwner`).
 */
import { and, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, declarationBatches, declarations, type DeclarationBatch } from "@/db/schema";
import type { DeclarationBatchStatus, TitleLevel } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/db-errors";
import { ForbiddenError, NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { canHoldReviewRound } from "@/lib/filings/can-hold";
import { todayInChina } from "@/lib/filings/constants";
import { assertCommitteeOwner, isRosterManager, type RosterActor } from "@/lib/roster/access";
import type { CreateBatch } from "./schemas";
import { INACTIVE_STATUSES } from "./states";

export const BATCH_PAGE_SIZE = 20;
export const BATCH_NOT_FOUND = "申报批次不存在";

export type BatchRow = {
  id: string;
  committeeId: string;
  committeeName: string;
  committeeCode: string;
  year: number;
  name: string;
  series: string;
  levelFrom: TitleLevel;
  levelTo: TitleLevel;
  opensOn: string;
  closesOn: string;
  status: DeclarationBatchStatus;
  closedAt: Date | null;
  /** Declarations still active in the batch (withdrawn, rejected and abandoned ones not counted). */
  activeDeclarations: number;
};

/** The batches of the actor's committees, newest year first, searched by committee name or code or batch name. */
export async function listOwnBatches(db: Db, actor: RosterActor, opts: { q?: string; page?: number } = {}): Promise<{ rows: BatchRow[]; total: number; page: number; pageSize: number }> {
  const page = Math.max(1, opts.page ?? 1);
  const pageSize = BATCH_PAGE_SIZE;
  if (!isRosterManager(actor)) return { rows: [], total: 0, page, pageSize };
  const conds: (SQL | undefined)[] = [eq(committees.formingOrgId, actor.orgId)];
  const q = opts.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
    conds.push(or(ilike(committees.name, like), ilike(committees.code, like), ilike(declarationBatches.name, like)));
  }
  const where = and(...conds);
  const inactive = sql.raw(INACTIVE_STATUSES.map((s) => `'${s}'`).join(", "));
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: declarationBatches.id,
        committeeId: committees.id,
        committeeName: committees.name,
        committeeCode: committees.code,
        year: declarationBatches.year,
        name: declarationBatches.name,
        series: declarationBatches.series,
        levelFrom: declarationBatches.levelFrom,
        levelTo: declarationBatches.levelTo,
        opensOn: declarationBatches.opensOn,
        closesOn: declarationBatches.closesOn,
        status: declarationBatches.status,
        closedAt: declarationBatches.closedAt,
        activeDeclarations: sql<number>`(select count(*)::int from ${declarations} d where d.batch_id = ${declarationBatches.id} and d.status not in (${inactive}))`,
      })
      .from(declarationBatches)
      .innerJoin(committees, eq(committees.id, declarationBatches.committeeId))
      .where(where)
      .orderBy(desc(declarationBatches.year), committees.code, declarationBatches.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(declarationBatches).innerJoin(committees, eq(committees.id, declarationBatches.committeeId)).where(where),
  ]);
  return { rows, total, page, pageSize };
}

/** The label a batch shows for its dates and status today: 未开始 / 申报中 / 已截止. */
export function batchPhase(b: Pick<DeclarationBatch, "status" | "opensOn" | "closesOn">, today = todayInChina()): "upcoming" | "open" | "closed" {
  if (b.status === "closed" || today > b.closesOn) return "closed";
  if (b.status !== "open" || today < b.opensOn) return "upcoming";
  return "open";
}

/**
 * 新建申报批次 for one of the actor's committees: its series and level range, the dates given (the close not
 * before today), an approved filing valid on the opening day, one batch per committee per year (the unique
 * index answers a concurrent second). Published at once (`open`); people see it from `opens_on`.
 */
export async function createBatch(tx: Db, actor: RosterActor, input: CreateBatch & { ip?: string | null }): Promise<DeclarationBatch> {
  const committee = await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  if (committee.status !== "active") throw new UserError("该评委会已停用，不能开放申报批次", { committeeId: "该评委会已停用" });
  const today = todayInChina();
  if (input.closesOn < today) throw new UserError("截止日期不能早于今天", { closesOn: "截止日期不能早于今天" });
  if (!(await canHoldReviewRound(tx, committee.id, input.opensOn))) {
    throw new UserError("该评委会在开始日期没有有效的评审权备案，不能开放申报批次", { opensOn: "开始日期不在评审权备案有效期内" });
  }
  const name = input.name || `${input.year}年度${committee.name}职称申报`;
  try {
    const [row] = await tx.transaction(async (sp) =>
      sp
        .insert(declarationBatches)
        .values({
          committeeId: committee.id,
          year: input.year,
          name,
          series: committee.series,
          levelFrom: committee.levelFrom,
          levelTo: committee.levelTo,
          opensOn: input.opensOn,
          closesOn: input.closesOn,
          status: "open",
          createdBy: actor.id,
        })
        .returning(),
    );
    await writeAudit(tx, { ...auditBase(actor, "declaration_batch.create", input.ip ?? null), outcome: "success", targetType: "declaration_batch", targetId: row.id, detail: { committeeId: committee.id, year: input.year, opensOn: input.opensOn, closesOn: input.closesOn } });
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError(`该评委会${input.year}年度已有申报批次（每个评委会每年一个批次）`, { year: "该年度已有申报批次" });
    throw err;
  }
}

/**
 * 截止申报 ahead of the closing day: status closed, stamped. Guarded UPDATE on the batch still open and formed
 * by the actor's organisation. Drafts of the batch can no longer be submitted; declarations already submitted
 * (and returned ones being corrected) go on.
 */
export async function closeBatch(tx: Db, actor: RosterActor, input: { batchId: string; ip?: string | null }): Promise<DeclarationBatch> {
  if (!isRosterManager(actor)) throw new ForbiddenError();
  const [b] = await tx.select({ committeeId: declarationBatches.committeeId, status: declarationBatches.status }).from(declarationBatches).where(eq(declarationBatches.id, input.batchId));
  if (!b) throw new NotFoundError(BATCH_NOT_FOUND);
  try {
    await assertCommitteeOwner(tx, actor, b.committeeId);
  } catch {
    // Another organisation's batch: not found, so its existence is not revealed.
    throw new NotFoundError(BATCH_NOT_FOUND);
  }
  if (b.status !== "open") throw new UserError("该申报批次已截止");
  const now = new Date();
  const [row] = await tx
    .update(declarationBatches)
    .set({ status: "closed", closedAt: now, closedBy: actor.id })
    .where(
      and(
        eq(declarationBatches.id, input.batchId),
        eq(declarationBatches.status, "open"),
        sql`${declarationBatches.committeeId} in (select id from ${committees} where forming_org_id = ${actor.orgId})`,
      ),
    )
    .returning();
  if (!row) throw new StaleStateError("该申报批次的状态已变化，请刷新后重试");
  await writeAudit(tx, { ...auditBase(actor, "declaration_batch.close", input.ip ?? null), outcome: "success", targetType: "declaration_batch", targetId: row.id, detail: { committeeId: row.committeeId, year: row.year, closesOn: row.closesOn } });
  return row;
}
