import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings, committees, committeeTermMembers, committeeTerms, expertPoolMembers, orgs, type CommitteeFiling, type FilingMemberSnapshot } from "@/db/schema";
import type { FilingStatus } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { isCertDivision } from "@/lib/orgs/cert-division";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { checkTermMembers, TERM_POSITION_LABELS } from "@/lib/terms/rules";
import { loadOwnedTerm } from "@/lib/terms/terms";
import { routeFiling } from "./routing";
import type { SaveFiling } from "./schemas";

type Actor = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;

export const FILING_NOT_FOUND = "备案不存在";
export const FILING_STALE = "该备案的状态已变化，请刷新后重试";
export const RULES_PDF_MAX_BYTES = 10 * 1024 * 1024;
export const RULES_PDF_TYPE_MESSAGE = "评审办法须为 PDF 文件（按文件内容识别），请重新选择";
export const RULES_PDF_SIZE_MESSAGE = "评审办法不能超过10MB";

/** A PDF by its first bytes, never by its name or declared type (as lib/disputes/proof.ts). */
export function isPdf(bytes: Uint8Array): boolean {
  return bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-";
}

/** A filing of the actor's own committees, or 404 (another organisation's does not exist for it). */
export async function loadOwnFiling(tx: Db, user: Actor, filingId: string): Promise<CommitteeFiling> {
  const [f] = await tx.select().from(committeeFilings).where(eq(committeeFilings.id, filingId)).limit(1);
  if (!f || !user.orgId || f.formingOrgId !== user.orgId) throw new NotFoundError(FILING_NOT_FOUND);
  await assertCommitteeOwner(tx, user, f.committeeId).catch(() => {
    throw new NotFoundError(FILING_NOT_FOUND);
  });
  return f;
}

/** 新建 / 修改备案 (draft). The series and level range are the committee's; the term must be a draft. */
export async function saveFiling(tx: Db, user: Actor, input: SaveFiling): Promise<CommitteeFiling> {
  const term = await loadOwnedTerm(tx, user, input.termId, { lock: true });
  const committee = await assertCommitteeOwner(tx, user, term.committeeId);
  if (term.status !== "draft") throw new StaleStateError("该届已报送备案，不能再新建备案");
  const values = {
    specialties: input.specialties,
    scope: input.scope,
    validFrom: input.validFrom,
    validTo: input.validTo,
    series: committee.series,
    levelFrom: committee.levelFrom,
    levelTo: committee.levelTo,
  };
  if (input.filingId) {
    const [f] = await tx
      .update(committeeFilings)
      .set({ ...values, version: sql`${committeeFilings.version} + 1` })
      .where(and(eq(committeeFilings.id, input.filingId), eq(committeeFilings.termId, term.id), eq(committeeFilings.version, input.version ?? 0), eq(committeeFilings.status, "draft")))
      .returning();
    if (!f) throw new StaleStateError(FILING_STALE);
    return f;
  }
  // One filing per term (the term row is locked above, so two concurrent creations cannot both pass).
  const [existing] = await tx.select({ id: committeeFilings.id }).from(committeeFilings).where(eq(committeeFilings.termId, term.id)).limit(1);
  if (existing) throw new UserError("该届已有备案，请在原备案上修改后报送");
  const [f] = await tx
    .insert(committeeFilings)
    .values({ ...values, committeeId: committee.id, termId: term.id, formingOrgId: committee.formingOrgId, createdBy: user.id })
    .returning();
  return f;
}

/** Attach the 评审办法 to a draft filing: a PDF by content, ≤ 10 MB. */
export async function attachRulesPdf(tx: Db, user: Actor, filingId: string, bytes: Buffer, fileName: string): Promise<CommitteeFiling> {
  const f = await loadOwnFiling(tx, user, filingId);
  if (bytes.length > RULES_PDF_MAX_BYTES) throw new UserError(RULES_PDF_SIZE_MESSAGE);
  if (!isPdf(bytes)) throw new UserError(RULES_PDF_TYPE_MESSAGE);
  const [row] = await tx
    .update(committeeFilings)
    .set({ rulesPdf: bytes, rulesPdfName: fileName.slice(0, 100), version: sql`${committeeFilings.version} + 1` })
    .where(and(eq(committeeFilings.id, f.id), eq(committeeFilings.status, "draft")))
    .returning();
  if (!row) throw new StaleStateError(FILING_STALE);
  return row;
}

async function termSnapshot(tx: Db, termId: string): Promise<(FilingMemberSnapshot & { levelKey: CommitteeFiling["levelFrom"] | null; positionKey: "chair" | "vice_chair" | "member" })[]> {
  const rows = await tx
    .select({
      userId: committeeTermMembers.userId,
      positionKey: committeeTermMembers.position,
      name: expertPoolMembers.invitedName,
      title: expertPoolMembers.title,
      series: expertPoolMembers.series,
      levelKey: expertPoolMembers.level,
      workUnit: expertPoolMembers.workUnit,
    })
    .from(committeeTermMembers)
    .innerJoin(expertPoolMembers, eq(expertPoolMembers.id, committeeTermMembers.poolMemberId))
    .where(eq(committeeTermMembers.termId, termId))
    .orderBy(asc(committeeTermMembers.position), asc(expertPoolMembers.invitedName));
  return rows.map((r) => ({
    ...r,
    position: TERM_POSITION_LABELS[r.positionKey],
    title: r.title ?? "",
    series: r.series ?? "",
    level: r.levelKey ?? "",
    workUnit: r.workUnit ?? "",
  }));
}

/**
 * 报送备案: the term's members are checked again against the filing's scope and frozen into the filing;
 * the examiners are fixed by lib/filings/routing.ts; the term becomes `filed`.
 */
export async function submitFiling(tx: Db, user: Actor, input: { filingId: string; version: number }): Promise<CommitteeFiling> {
  const f = await loadOwnFiling(tx, user, input.filingId);
  if (!f.rulesPdf) throw new UserError("请先上传评审办法（PDF）");
  const members = await termSnapshot(tx, f.termId);
  const breaks = checkTermMembers(f, f.scope, members.map((m) => ({ userId: m.userId, name: m.name, series: m.series, level: m.levelKey, position: m.positionKey })));
  if (breaks.length > 0) throw new UserError(breaks.map((b) => b.message).join("；"));
  const [org] = await tx.select({ id: orgs.id, kind: orgs.kind, parentId: orgs.parentId, supervisorId: orgs.supervisorId }).from(orgs).where(eq(orgs.id, f.formingOrgId));
  const [province] = await tx
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.kind, "hrss"), eq(orgs.level, "province"), isNull(orgs.parentId)))
    .limit(1);
  const route = routeFiling(org, f.levelFrom, f.levelTo, province.id);
  const [row] = await tx
    .update(committeeFilings)
    .set({
      status: "submitted",
      members: members.map(({ levelKey: _l, positionKey: _p, ...m }) => m),
      deptExaminerOrgId: route.deptOrgId,
      hrssExaminerOrgId: route.hrssOrgId,
      returnReason: null,
      submittedAt: new Date(),
      version: sql`${committeeFilings.version} + 1`,
    })
    .where(and(eq(committeeFilings.id, f.id), eq(committeeFilings.version, input.version), eq(committeeFilings.status, "draft")))
    .returning();
  if (!row) throw new StaleStateError(FILING_STALE);
  await setTermStatus(tx, f.termId, "draft", "filed");
  return row;
}

async function setTermStatus(tx: Db, termId: string, from: "draft" | "filed", to: "draft" | "filed" | "active"): Promise<void> {
  await tx
    .update(committeeTerms)
    .set({ status: to, version: sql`${committeeTerms.version} + 1`, updatedAt: new Date() })
    .where(and(eq(committeeTerms.id, termId), eq(committeeTerms.status, from)));
}

/** Which stage the actor may decide on this filing, or null (then the filing does not exist for it). */
export function examinerStage(user: Actor, f: Pick<CommitteeFiling, "status" | "deptExaminerOrgId" | "hrssExaminerOrgId">): { from: FilingStatus; to: FilingStatus } | null {
  if (f.status === "submitted" && f.deptExaminerOrgId) {
    return user.role === "dept" && user.orgId === f.deptExaminerOrgId ? { from: "submitted", to: "dept_approved" } : null;
  }
  const hrssStage: FilingStatus = f.deptExaminerOrgId ? "dept_approved" : "submitted";
  if (f.status !== hrssStage) return null;
  const mayDecide = f.hrssExaminerOrgId ? user.role === "hrss" && user.orgId === f.hrssExaminerOrgId : isCertDivision(user);
  return mayDecide ? { from: hrssStage, to: "approved" } : null;
}

/** An examiner's view of a filing: 404 unless the actor examines (or examined) it. */
export async function loadExaminedFiling(tx: Db, user: Actor, filingId: string): Promise<CommitteeFiling> {
  const [f] = await tx.select().from(committeeFilings).where(eq(committeeFilings.id, filingId)).limit(1);
  if (!f || !isExaminerOf(user, f)) throw new NotFoundError(FILING_NOT_FOUND);
  return f;
}

export function isExaminerOf(user: Actor, f: Pick<CommitteeFiling, "deptExaminerOrgId" | "hrssExaminerOrgId" | "submittedAt">): boolean {
  if (!f.submittedAt || !user.orgId) return false;
  if (user.role === "dept") return f.deptExaminerOrgId === user.orgId;
  if (user.role !== "hrss") return false;
  return f.hrssExaminerOrgId ? f.hrssExaminerOrgId === user.orgId : isCertDivision(user);
}

/** 审核通过 by the examiner of the current stage: a guarded UPDATE; of two concurrent approvals one wins. */
export async function approveFiling(tx: Db, user: Actor, input: { filingId: string; version: number }): Promise<CommitteeFiling> {
  const f = await loadExaminedFiling(tx, user, input.filingId);
  const stage = examinerStage(user, f);
  if (!stage) throw new StaleStateError(FILING_STALE);
  const now = new Date();
  const [row] = await tx
    .update(committeeFilings)
    .set(
      stage.to === "approved"
        ? { status: "approved", approvedAt: now, approvedBy: user.id, version: sql`${committeeFilings.version} + 1` }
        : { status: "dept_approved", deptApprovedAt: now, deptApprovedBy: user.id, version: sql`${committeeFilings.version} + 1` },
    )
    .where(and(eq(committeeFilings.id, f.id), eq(committeeFilings.version, input.version), eq(committeeFilings.status, stage.from)))
    .returning();
  if (!row) throw new StaleStateError(FILING_STALE);
  if (row.status === "approved") await setTermStatus(tx, f.termId, "filed", "active");
  return row;
}

/** 退回 with a reason: back to draft (the filer edits and submits again); the term is a draft again. */
export async function returnFiling(tx: Db, user: Actor, input: { filingId: string; version: number; reason: string }): Promise<CommitteeFiling> {
  const f = await loadExaminedFiling(tx, user, input.filingId);
  const stage = examinerStage(user, f);
  if (!stage) throw new StaleStateError(FILING_STALE);
  const [row] = await tx
    .update(committeeFilings)
    .set({ status: "draft", returnReason: input.reason, deptApprovedAt: null, deptApprovedBy: null, version: sql`${committeeFilings.version} + 1` })
    .where(and(eq(committeeFilings.id, f.id), eq(committeeFilings.version, input.version), eq(committeeFilings.status, stage.from)))
    .returning();
  if (!row) throw new StaleStateError(FILING_STALE);
  await setTermStatus(tx, f.termId, "filed", "draft");
  return row;
}

/** The committee a filing belongs to (name and code), for screens and audit rows. */
export async function filingCommittee(tx: Db, committeeId: string) {
  const [c] = await tx.select({ name: committees.name, code: committees.code }).from(committees).where(eq(committees.id, committeeId));
  return c;
}
