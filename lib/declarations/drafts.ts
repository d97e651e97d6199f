/**
 * The person's draft: create one for an open batch, save each section (draft or returned only, at the version
 * the person saw). A content change clears the 诚信承诺, which is ticked last.
 */
import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { committees, declarationBatches, declarations, orgs, users, type Declaration, type NewDeclaration } from "@/db/schema";
import { TITLE_LEVELS } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/db-errors";
import { ForbiddenError, NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { todayInChina } from "@/lib/filings/constants";
import { integrityBar } from "@/lib/integrity/queries";
import type { Actor } from "./access";
import { DECLARATION_STALE } from "./constants";
import { filingRefusal } from "./filing-cover";
import { loadOwnDeclaration } from "./person-moves";
import type {
  achievementsSectionSchema,
  basicSectionSchema,
  CreateDraft,
  educationSectionSchema,
  exceptionalSectionSchema,
  pledgeSectionSchema,
  targetSectionSchema,
  titleSectionSchema,
  workSectionSchema,
} from "./schemas";

/** The batch, open today, whose level range includes the target level; else a user error. */
async function loadOpenBatch(tx: Db, batchId: string, today: string) {
  const [b] = await tx
    .select({ batch: declarationBatches, formingOrgId: committees.formingOrgId })
    .from(declarationBatches)
    .innerJoin(committees, eq(committees.id, declarationBatches.committeeId))
    .where(eq(declarationBatches.id, batchId))
    .limit(1);
  if (!b || b.batch.status !== "open" || today < b.batch.opensOn || today > b.batch.closesOn) throw new UserError("该申报批次不在申报时间内");
  return b;
}

function levelInRange(level: (typeof TITLE_LEVELS)[number], from: (typeof TITLE_LEVELS)[number], to: (typeof TITLE_LEVELS)[number]): boolean {
  const [a, b, i] = [TITLE_LEVELS.indexOf(from), TITLE_LEVELS.indexOf(to), TITLE_LEVELS.indexOf(level)];
  return i >= Math.min(a, b) && i <= Math.max(a, b);
}

/** 新建申报 for an open batch: one active declaration per person per batch (the partial unique index). */
export async function createDraft(tx: Db, actor: Actor, input: CreateDraft & { ip?: string | null }): Promise<Declaration> {
  if (actor.role !== "person") throw new ForbiddenError();
  const today = todayInChina();
  const [person] = await tx.select({ name: users.name, idType: users.idType, idNumber: users.idNumber, orgId: users.orgId }).from(users).where(eq(users.id, actor.id));
  // 诚信档案: no new declaration while barred (submit checks again).
  const bar = await integrityBar(tx, person, today);
  if (bar) throw new UserError(bar.message);
  const { batch, formingOrgId } = await loadOpenBatch(tx, input.batchId, today);
  if (!levelInRange(input.targetLevel, batch.levelFrom, batch.levelTo)) throw new UserError("该批次不受理所选级别的申报", { targetLevel: "该批次不受理所选级别的申报" });
  const refusal = await filingRefusal(tx, batch.committeeId, { series: batch.series, specialty: input.specialty, level: input.targetLevel }, today);
  if (refusal) throw new UserError(refusal);
  const values: NewDeclaration = {
    userId: actor.id,
    batchId: batch.id,
    committeeId: batch.committeeId,
    formingOrgId,
    unitOrgId: person.orgId,
    personName: person.name,
    idType: person.idType,
    idNumber: person.idNumber,
    series: batch.series,
    specialty: input.specialty,
    targetLevel: input.targetLevel,
  };
  try {
    const [row] = await tx.transaction(async (sp) => sp.insert(declarations).values(values).returning());
    await writeAudit(tx, { ...auditBase(actor, "declaration.create", input.ip ?? null), outcome: "success", targetType: "declaration", targetId: row.id, detail: { batchId: batch.id } });
    return row;
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError("您在该批次已有申报，请在原申报上继续填写");
    throw err;
  }
}

type Ref = { declarationId: string; version: number };

/** A draft or returned own declaration at the version the person saw, locked. */
async function loadEditable(tx: Db, actor: Actor, ref: Ref): Promise<Declaration> {
  const d = await loadOwnDeclaration(tx, actor, ref.declarationId, { lock: true });
  if (d.status !== "draft" && d.status !== "returned") throw new UserError("申报已提交，不能修改（如需修改请先撤回，或等待退回）");
  if (d.version !== ref.version) throw new StaleStateError(DECLARATION_STALE);
  return d;
}

async function applySection(tx: Db, actor: Actor, d: Declaration, section: string, set: Partial<NewDeclaration>, ip?: string | null): Promise<Declaration> {
  const [row] = await tx
    .update(declarations)
    .set({ ...set, version: sql`${declarations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(declarations.id, d.id), eq(declarations.version, d.version)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  await writeAudit(tx, { ...auditBase(actor, "declaration.save", ip ?? null), outcome: "success", targetType: "declaration", targetId: d.id, detail: { section } });
  return row;
}

type In<S extends z.ZodType> = z.infer<S> & { ip?: string | null };

export async function saveTargetSection(tx: Db, actor: Actor, input: In<typeof targetSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  if (d.firstSubmittedAt) throw new UserError("已提交过的申报不能更改申报专业和级别");
  const { batch } = await loadOpenBatch(tx, d.batchId, todayInChina());
  if (!levelInRange(input.targetLevel, batch.levelFrom, batch.levelTo)) throw new UserError("该批次不受理所选级别的申报", { targetLevel: "该批次不受理所选级别的申报" });
  const refusal = await filingRefusal(tx, d.committeeId, { series: d.series, specialty: input.specialty, level: input.targetLevel }, todayInChina());
  if (refusal) throw new UserError(refusal);
  return applySection(tx, actor, d, "target", { specialty: input.specialty, targetLevel: input.targetLevel, pledgeAcceptedAt: null }, input.ip);
}

export async function saveBasicSection(tx: Db, actor: Actor, input: In<typeof basicSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  if (d.firstSubmittedAt && d.unitOrgId !== input.unitOrgId) throw new UserError("已提交过的申报不能更换所在单位", { unitOrgId: "已提交过的申报不能更换所在单位" });
  const [unit] = await tx.select({ kind: orgs.kind, status: orgs.status }).from(orgs).where(eq(orgs.id, input.unitOrgId));
  if (!unit || unit.status !== "active" || unit.kind === "dept") throw new UserError("请选择所在单位或申报点", { unitOrgId: "请选择所在单位或申报点" });
  const { gender, birthDate, phone, email, department, post, employment } = input;
  return applySection(tx, actor, d, "basic", { unitOrgId: input.unitOrgId, basic: { gender, birthDate, phone, email, department, post, employment }, pledgeAcceptedAt: null }, input.ip);
}

export async function saveEducationSection(tx: Db, actor: Actor, input: In<typeof educationSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(tx, actor, d, "education", { education: input.entries, pledgeAcceptedAt: null }, input.ip);
}

export async function saveWorkSection(tx: Db, actor: Actor, input: In<typeof workSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(tx, actor, d, "work", { work: input.entries, pledgeAcceptedAt: null }, input.ip);
}

export async function saveTitleSection(tx: Db, actor: Actor, input: In<typeof titleSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(
    tx,
    actor,
    d,
    "title",
    { currentTitle: input.currentTitle || null, currentTitleLevel: input.currentTitleLevel, currentTitleDate: input.currentTitleDate, pledgeAcceptedAt: null },
    input.ip,
  );
}

export async function saveAchievementsSection(tx: Db, actor: Actor, input: In<typeof achievementsSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(tx, actor, d, "achievements", { achievements: input.entries, pledgeAcceptedAt: null }, input.ip);
}

/**
 * 破格申报: the person asks (with the reason) or takes the request back. Whether the declaration goes up as 破格
 * is decided at submission (the rule must fail where 破格 may cover it); the form offers it only then.
 */
export async function saveExceptionalSection(tx: Db, actor: Actor, input: In<typeof exceptionalSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(tx, actor, d, "exceptional", { exceptionalReason: input.requested ? input.reason : null, pledgeAcceptedAt: null }, input.ip);
}

export async function acceptPledge(tx: Db, actor: Actor, input: In<typeof pledgeSectionSchema>): Promise<Declaration> {
  const d = await loadEditable(tx, actor, input);
  return applySection(tx, actor, d, "pledge", { pledgeAcceptedAt: new Date() }, input.ip);
}

/** Throws NotFound unless the batch exists (used by pages before rendering the form). */
export async function assertBatchExists(db: Db, batchId: string): Promise<void> {
  const [b] = await db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.id, batchId));
  if (!b) throw new NotFoundError("申报批次不存在");
}
