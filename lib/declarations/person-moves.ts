/**
 * The applicant's moves: submit (and resubmit after a return) and withdraw (docs/domain.md §16).
 */
import { and, desc, eq, isNull, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  declarationAttachments,
  declarationBatches,
  declarationNotices,
  declarations,
  declarationSnapshots,
  eligibilityRules,
  orgs,
  publicityItems,
  type Declaration,
} from "@/db/schema";
import type { DeclarationStatus } from "@/db/schema/enums";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { todayInChina } from "@/lib/filings/constants";
import { integrityBar } from "@/lib/integrity/queries";
import type { Actor } from "./access";
import { DECLARATION_MESSAGES, DECLARATION_NOT_FOUND, DECLARATION_STALE, RETIREE_REFUSAL } from "./constants";
import { checkEligibility, highestEducation, requiredCurrentLevel, type EligibilityResult } from "./eligibility";
import { filingRefusal } from "./filing-cover";
import { currentDeclarationPhoto, DECLARATION_PHOTO_MISSING } from "./photo-queries";
import { formingQueueStamp, reachedStamp, recordMove, type MoveResult } from "./moves-common";
import { canRequestWithdrawal, checkMove, routeFor, type DeclarationRoute } from "./states";

/** The applicant's own declaration, locked, or 404. */
export async function loadOwnDeclaration(tx: Db, actor: Actor, declarationId: string, opts: { lock?: boolean } = {}): Promise<Declaration> {
  if (actor.role !== "person") throw new NotFoundError(DECLARATION_NOT_FOUND);
  const q = tx.select().from(declarations).where(and(eq(declarations.id, declarationId), eq(declarations.userId, actor.id))).limit(1);
  const [d] = opts.lock ? await q.for("update") : await q;
  if (!d) throw new NotFoundError(DECLARATION_NOT_FOUND);
  return d;
}

/**
 * The fields a 单位公示 shows: a change to any of them after the 公示 restarts it. A 破格 reason is shown too; it
 * is left out when absent so that snapshots taken before it existed compare equal.
 */
export function publicisedView(d: Pick<Declaration, "personName" | "unitOrgId" | "series" | "specialty" | "targetLevel" | "currentTitle" | "currentTitleLevel" | "currentTitleDate" | "education" | "work" | "achievements"> & { exceptionalReason?: string | null }) {
  return {
    ...(d.exceptionalReason ? { exceptionalReason: d.exceptionalReason } : {}),
    personName: d.personName,
    unitOrgId: d.unitOrgId,
    series: d.series,
    specialty: d.specialty,
    targetLevel: d.targetLevel,
    currentTitle: d.currentTitle,
    currentTitleLevel: d.currentTitleLevel,
    currentTitleDate: d.currentTitleDate,
    education: d.education,
    work: d.work,
    achievements: d.achievements,
  };
}

/** What a submission hands in (stored as the snapshot); `photo`: the 证件照's content hash. */
export function snapshotOf(d: Declaration, attachments: { id: string; slot: string; fileName: string; sha256: string; size: number }[], photo: string | null) {
  return { ...publicisedView(d), basic: d.basic, attachments, photo };
}

/** The eligibility of a declaration as it stands (the form's panel and submit use the same answer). */
export async function eligibilityOf(db: Db, d: Pick<Declaration, "series" | "targetLevel" | "education" | "work" | "currentTitleLevel" | "currentTitleDate" | "batchId">): Promise<EligibilityResult> {
  const [batch] = await db.select({ year: declarationBatches.year }).from(declarationBatches).where(eq(declarationBatches.id, d.batchId));
  const education = highestEducation(d.education.map((e) => e.level));
  let yearsRequired: number | undefined;
  if (education) {
    const rules = await db
      .select({ series: eligibilityRules.series, years: eligibilityRules.yearsRequired })
      .from(eligibilityRules)
      .where(and(eq(eligibilityRules.level, d.targetLevel), eq(eligibilityRules.education, education), or(eq(eligibilityRules.series, d.series), eq(eligibilityRules.series, "*"))));
    yearsRequired = (rules.find((r) => r.series === d.series) ?? rules.find((r) => r.series === "*"))?.years;
  }
  const starts = d.work.map((w) => w.from).sort();
  return checkEligibility({
    targetLevel: d.targetLevel,
    batchYear: batch?.year ?? Number(todayInChina().slice(0, 4)),
    education: d.education.map((e) => e.level),
    currentTitleLevel: d.currentTitleLevel,
    currentTitleDate: d.currentTitleDate,
    workStart: starts[0] ?? null,
    yearsRequired,
  });
}

/** What is missing before a declaration can be submitted (Chinese), in form order; `hasPhoto`: it has a current 证件照. */
export function completenessProblems(d: Declaration, hasPhoto: boolean): string[] {
  const out: string[] = [];
  if (!d.basic || !d.unitOrgId) out.push("请填写基本信息（含所在单位）");
  else if (!d.basic.employment) out.push("请在基本信息中选择人员状态");
  if (d.education.length === 0) out.push("请至少填写一条学历信息");
  if (d.work.length === 0) out.push("请至少填写一条工作经历");
  if (requiredCurrentLevel(d.targetLevel) && (!d.currentTitle || !d.currentTitleLevel || !d.currentTitleDate)) out.push("请填写现任职称及取得时间");
  if (!hasPhoto) out.push(DECLARATION_PHOTO_MISSING);
  if (!d.pledgeAcceptedAt) out.push("请阅读并勾选诚信承诺");
  return out;
}

/** The route of a submission: the unit's 主管部门 and regional 人社部门 against the committee's forming organisation. */
async function routeOf(tx: Db, d: Declaration): Promise<DeclarationRoute & { deptOrgId: string | null; hrssOrgId: string | null }> {
  const [unit] = await tx
    .select({ id: orgs.id, kind: orgs.kind, status: orgs.status, parentId: orgs.parentId, supervisorId: orgs.supervisorId })
    .from(orgs)
    .where(eq(orgs.id, d.unitOrgId!));
  if (!unit || unit.status !== "active" || unit.kind === "dept") throw new UserError("所在单位无效，请在基本信息中重新选择所在单位或申报点");
  // A 申报点 (a 人社部门 acting as unit) is its own regional office and has no 主管部门.
  const supervisor = unit.kind === "unit" ? unit.supervisorId : null;
  const regional = unit.kind === "hrss" ? unit.id : unit.parentId;
  const route = routeFor({ unitOrgId: unit.id, unitSupervisorId: supervisor, regionalHrssId: regional, formingOrgId: d.formingOrgId });
  return { ...route, deptOrgId: supervisor, hrssOrgId: regional };
}

/**
 * 提交申报 (and resubmission after a return). Checks, in order: state and version, completeness and the
 * 诚信承诺, the batch window (a first submission) or the notice deadline (a resubmission), the committee's
 * filing, eligibility, the 诚信档案 bar. Stores a snapshot; answers the open notices.
 */
export async function submitDeclaration(tx: Db, actor: Actor, input: { declarationId: string; version: number; ip?: string | null }): Promise<MoveResult & { status: DeclarationStatus }> {
  const d = await loadOwnDeclaration(tx, actor, input.declarationId, { lock: true });
  const today = todayInChina();
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  if (d.status !== "draft" && d.status !== "returned") throw new StaleStateError(DECLARATION_STALE);
  if (d.withdrawalRequestedAt) throw new UserError("您已申请撤回该申报，请等待审批结果");
  const photo = await currentDeclarationPhoto(tx, d.id);
  const problems = completenessProblems(d, photo !== null);
  if (problems.length > 0) throw new UserError(problems.join("；"));
  // Retirees cannot declare: the declared 人员状态 (the unit confirms it at its 审核).
  if (d.basic?.employment === "retired") throw new UserError(RETIREE_REFUSAL);
  if (d.status === "draft") {
    const [batch] = await tx.select().from(declarationBatches).where(eq(declarationBatches.id, d.batchId));
    if (!batch || batch.status !== "open" || today < batch.opensOn || today > batch.closesOn) throw new UserError("该申报批次不在申报时间内");
  } else {
    const [late] = await tx
      .select({ deadline: declarationNotices.deadline })
      .from(declarationNotices)
      .where(and(eq(declarationNotices.declarationId, d.id), isNull(declarationNotices.resolvedAt), sql`${declarationNotices.deadline} < ${today}`))
      .limit(1);
    if (late) throw new UserError(`已超过补正期限（${late.deadline}）`);
  }
  const filing = await filingRefusal(tx, d.committeeId, { series: d.series, specialty: d.specialty, level: d.targetLevel }, today);
  if (filing) throw new UserError(filing);
  const eligibility = await eligibilityOf(tx, d);
  // 破格: the rule failed where a 破格 declaration may be made, and the person gave a reason.
  const exceptional = !eligibility.ok && eligibility.waivable && !!d.exceptionalReason;
  if (!eligibility.ok && !exceptional) {
    const hint = eligibility.waivable ? "；如确有突出业绩，可申请破格申报并说明理由" : "";
    throw new UserError(eligibility.problems.join("；") + hint);
  }
  const bar = await integrityBar(tx, d, today);
  if (bar) throw new UserError(bar.message);

  const route = await routeOf(tx, d);
  let publicityChanged = false;
  if (d.status === "returned") {
    const [last] = await tx
      .select({ snapshot: declarationSnapshots.snapshot })
      .from(declarationSnapshots)
      .where(eq(declarationSnapshots.declarationId, d.id))
      .orderBy(desc(declarationSnapshots.version))
      .limit(1);
    if (last) {
      const before = JSON.stringify(publicisedView(last.snapshot as unknown as Declaration));
      publicityChanged = before !== JSON.stringify(publicisedView(d));
    }
  }
  const check = checkMove({ ...d, ...route }, "submit", new Set(["person"]), { publicityChanged });
  if (!check.ok) throw new StaleStateError(DECLARATION_STALE);
  const to = check.to;
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({
      status: to,
      returnedFrom: null,
      exceptional,
      // A 破格 reason left on a declaration that meets the rule is not a 破格 declaration.
      exceptionalReason: exceptional ? d.exceptionalReason : null,
      routeDept: route.routeDept,
      routeHrss: route.routeHrss,
      selfReview: route.selfReview,
      deptOrgId: route.deptOrgId,
      hrssOrgId: route.hrssOrgId,
      submittedAt: now,
      firstSubmittedAt: sql`coalesce(${declarations.firstSubmittedAt}, now())`,
      ...reachedStamp(to),
      formingQueueAt: formingQueueStamp(to),
      version: sql`${declarations.version} + 1`,
      updatedAt: now,
    })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  if (to === "unit_verified" || to === "submitted") {
    // A restarted 公示: the old one no longer covers this declaration.
    await tx.update(publicityItems).set({ current: false }).where(and(eq(publicityItems.declarationId, d.id), eq(publicityItems.current, true)));
  }
  await tx.update(declarationNotices).set({ resolvedAt: now }).where(and(eq(declarationNotices.declarationId, d.id), isNull(declarationNotices.resolvedAt)));
  const attachments = await tx
    .select({ id: declarationAttachments.id, slot: declarationAttachments.slot, fileName: declarationAttachments.fileName, sha256: declarationAttachments.sha256, size: declarationAttachments.size })
    .from(declarationAttachments)
    .where(eq(declarationAttachments.declarationId, d.id));
  await tx.insert(declarationSnapshots).values({ declarationId: d.id, version: row.version, snapshot: snapshotOf(row, attachments, photo?.sha256 ?? null), submittedAt: now });
  await recordMove(tx, actor, "submit", [{ ...row, from: d.status }], to, {
    message: d.status === "draft" ? DECLARATION_MESSAGES.submitted : DECLARATION_MESSAGES.resubmitted,
    ip: input.ip,
    detail: { publicityChanged, ...(exceptional ? { exceptional: true, problems: eligibility.problems } : {}) },
  });
  return { moved: [d.id], refused: [], status: to };
}

/** 撤回申报: free before unit_verified (EVALUATION §3); later only by a request (withdrawal.ts). */
export async function withdrawDeclaration(tx: Db, actor: Actor, input: { declarationId: string; version: number; ip?: string | null }): Promise<MoveResult> {
  const d = await loadOwnDeclaration(tx, actor, input.declarationId, { lock: true });
  const check = checkMove(d, "withdraw", new Set(["person"]));
  if (!check.ok) throw new UserError(canRequestWithdrawal(d) ? "该申报已通过单位审核，不能直接撤回，请提交撤回申请，经审核单位同意后撤回" : "该申报当前不能撤回");
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  const now = new Date();
  const [row] = await tx
    .update(declarations)
    .set({ status: "withdrawn", closedAt: now, version: sql`${declarations.version} + 1`, updatedAt: now })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version)))
    .returning();
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  await tx.update(declarationNotices).set({ resolvedAt: now }).where(and(eq(declarationNotices.declarationId, d.id), isNull(declarationNotices.resolvedAt)));
  await recordMove(tx, actor, "withdraw", [{ ...row, from: d.status }], "withdrawn", { message: DECLARATION_MESSAGES.withdrawn, ip: input.ip });
  return { moved: [d.id], refused: [] };
}
