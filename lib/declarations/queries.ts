/**
 * Reading declarations (docs/domain.md §16): each office's list (search, state filter, 待办 view, page), the
 * one-declaration view with its visibility check, and the person's timeline. ID numbers leave masked.
 */
import { aliasedTable, and, asc, count, desc, eq, gte, ilike, isNull, lte, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  committeeFilings,
  committees,
  declarationAttachments,
  declarationBatches,
  declarationEvents,
  declarationNotices,
  declarations,
  declarationSnapshots,
  declarationWithdrawals,
  orgs,
  users,
  type Declaration,
  type DeclarationNotice,
  type DeclarationWithdrawal,
} from "@/db/schema";
import type { DeclarationStatus, TitleLevel } from "@/db/schema/enums";
import { maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";
import { KIND_COLUMN, kindsOf, visibleCondition, type Actor } from "./access";
import { fromCondition } from "./moves-common";
import { currentDeclarationPhotoId } from "./photo-queries";
import { acceptFrom, checkMove, DECLARATION_MOVES, holderOf, REACHED_STAMP, type ActorKind, type DeclarationMove } from "./states";

export const DECLARATION_PAGE_SIZE = 20;

export type DeclarationListRow = {
  id: string;
  personName: string;
  idNumberMasked: string;
  unitName: string | null;
  committeeName: string;
  series: string;
  specialty: string;
  targetLevel: TitleLevel;
  status: DeclarationStatus;
  returnedFrom: DeclarationStatus | null;
  submittedAt: Date | null;
  version: number;
  /** 破格申报 (needs the forming organisation's approval at acceptance). */
  exceptional: boolean;
  /** A withdrawal request waits for the holding office's decision. */
  withdrawalPending: boolean;
};

export type DeclarationListOptions = {
  /** 姓名 (contains) or a full ID number (equal). */
  q?: string;
  status?: DeclarationStatus;
  /** `todo`: those the viewer's office holds now (its next move); `withdrawal`: withdrawal requests it decides; `all`: everything it may see. */
  view?: "todo" | "withdrawal" | "all";
  page?: number;
  pageSize?: number;
};

/** The declarations the viewer's office holds now (its next move), as a condition; null for a person. */
export function todoCondition(viewer: Actor): SQL | null {
  if (!viewer.orgId) return null;
  const org = viewer.orgId;
  const parts: SQL[] = [];
  const own = (kind: keyof typeof KIND_COLUMN, move: DeclarationMove) => {
    const from = fromCondition(move);
    if (from) parts.push(and(eq(KIND_COLUMN[kind], org), from)!);
  };
  if (["unit", "self_unit", "hrss"].includes(viewer.role)) {
    own("unit", "unit_verify");
    own("unit", "start_publicity");
    own("unit", "unit_recommend");
  }
  if (viewer.role === "dept") own("dept", "dept_approve");
  if (viewer.role === "hrss") own("hrss", "hrss_check");
  if (["hrss", "dept", "self_unit"].includes(viewer.role)) own("forming", "accept");
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : or(...parts)!;
}

/** A search text as a condition: a full ID number matches exactly, anything else the name (contains). */
export function searchCondition(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const id = normalizeIdNumber(text);
  // A full document number (digits and letters, at least 8, with a digit) matches exactly; never a prefix.
  if (/^[A-Z0-9]{8,20}$/.test(id) && /[0-9]/.test(id)) return eq(declarations.idNumber, id);
  return ilike(declarations.personName, `%${text.replace(/[\\%_]/g, (c) => "\\" + c)}%`);
}

/**
 * An office's list: visible rows (access.ts), optional 待办 view, state filter and search; newest submission
 * first, 20 a page. Indexed on (office column, status, submitted_at, id).
 */
/** The columns of a declaration list row (the unit alias is the declaration's unit org); shared by the review queues. */
export const declarationListColumns = (unit: typeof orgs) => ({
  id: declarations.id,
  personName: declarations.personName,
  idNumber: declarations.idNumber,
  unitName: unit.name,
  committeeName: committees.name,
  series: declarations.series,
  specialty: declarations.specialty,
  targetLevel: declarations.targetLevel,
  status: declarations.status,
  returnedFrom: declarations.returnedFrom,
  submittedAt: declarations.submittedAt,
  version: declarations.version,
  exceptional: declarations.exceptional,
  withdrawalRequestedAt: declarations.withdrawalRequestedAt,
});

/** A fetched list row as it leaves the server: ID number masked, the pending request as a flag. */
export function toListRow<R extends { idNumber: string | null; withdrawalRequestedAt: Date | null }>({ idNumber, withdrawalRequestedAt, ...r }: R) {
  return { ...r, idNumberMasked: maskIdNumber(idNumber), withdrawalPending: withdrawalRequestedAt !== null };
}

export async function listDeclarations(db: Db, viewer: Actor, opts: DeclarationListOptions = {}): Promise<{ rows: DeclarationListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = opts.pageSize ?? DECLARATION_PAGE_SIZE;
  const page = Math.max(1, opts.page ?? 1);
  const visible = await visibleCondition(db, viewer);
  if (!visible) return { rows: [], total: 0, page, pageSize };
  const conds: (SQL | undefined)[] = [visible, searchCondition(opts.q)];
  if (opts.status) conds.push(eq(declarations.status, opts.status));
  if (opts.view === "todo") {
    const todo = todoCondition(viewer);
    if (!todo) return { rows: [], total: 0, page, pageSize };
    conds.push(todo);
  }
  if (opts.view === "withdrawal") {
    if (!viewer.orgId) return { rows: [], total: 0, page, pageSize };
    conds.push(sql`exists (select 1 from declaration_withdrawals w where w.declaration_id = ${declarations.id} and w.status = 'pending' and w.holder_org_id = ${viewer.orgId})`);
  }
  const where = and(...conds);
  const unit = aliasedTable(orgs, "unit_org");
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(declarationListColumns(unit))
      .from(declarations)
      .innerJoin(committees, eq(committees.id, declarations.committeeId))
      .leftJoin(unit, eq(unit.id, declarations.unitOrgId))
      .where(where)
      .orderBy(desc(declarations.submittedAt), desc(declarations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(declarations).where(where),
  ]);
  return { rows: rows.map(toListRow), total, page, pageSize };
}

/** The person's own declarations, newest first. */
export async function listOwnDeclarations(db: Db, userId: string) {
  return db
    .select({
      id: declarations.id,
      status: declarations.status,
      committeeName: committees.name,
      batchName: declarationBatches.name,
      series: declarations.series,
      specialty: declarations.specialty,
      targetLevel: declarations.targetLevel,
      submittedAt: declarations.submittedAt,
      createdAt: declarations.createdAt,
      version: declarations.version,
    })
    .from(declarations)
    .innerJoin(committees, eq(committees.id, declarations.committeeId))
    .innerJoin(declarationBatches, eq(declarationBatches.id, declarations.batchId))
    .where(eq(declarations.userId, userId))
    .orderBy(desc(declarations.createdAt), desc(declarations.id));
}

export type OfficeInfo = { id: string; name: string; contactName: string | null; contactPhone: string | null };

async function officeInfo(db: Db, ids: (string | null)[]): Promise<Map<string, OfficeInfo>> {
  const want = [...new Set(ids.filter((x): x is string => !!x))];
  if (want.length === 0) return new Map();
  const rows = await db.select({ id: orgs.id, name: orgs.name, contactName: orgs.contactName, contactPhone: orgs.contactPhone }).from(orgs).where(or(...want.map((id) => eq(orgs.id, id))));
  return new Map(rows.map((r) => [r.id, r]));
}

export type TimelineEvent = { fromStatus: DeclarationStatus | null; toStatus: DeclarationStatus; at: Date; note: string | null; actorOrgName: string | null; actorRole: string | null };

async function eventsOf(db: Db, declarationId: string): Promise<TimelineEvent[]> {
  return db
    .select({ fromStatus: declarationEvents.fromStatus, toStatus: declarationEvents.toStatus, at: declarationEvents.at, note: declarationEvents.note, actorOrgName: orgs.name, actorRole: declarationEvents.actorRole })
    .from(declarationEvents)
    .leftJoin(orgs, eq(orgs.id, declarationEvents.actorOrgId))
    .where(eq(declarationEvents.declarationId, declarationId))
    .orderBy(asc(declarationEvents.at), asc(declarationEvents.id));
}

/** Top-level fields that differ between two snapshots (a resubmission's field-level diff). */
export function snapshotChanges(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).sort();
}

export type DeclarationView = {
  declaration: Omit<Declaration, "idNumber"> & { idNumberMasked: string };
  committeeName: string;
  batch: { id: string; name: string; year: number; opensOn: string; closesOn: string; levelFrom: TitleLevel; levelTo: TitleLevel };
  unit: OfficeInfo | null;
  dept: OfficeInfo | null;
  hrss: OfficeInfo | null;
  forming: OfficeInfo | null;
  /** What the viewer is for this declaration, and the moves it may make now. */
  kinds: ActorKind[];
  moves: DeclarationMove[];
  events: TimelineEvent[];
  notices: DeclarationNotice[];
  /** Items of the open notice (examiners of a resubmission see only these as open). */
  openItems: DeclarationNotice["items"];
  attachments: { id: string; slot: string; fileName: string; mime: string; size: number; sha256: string; createdAt: Date }[];
  /** The current 证件照 (served by /api/photos/[photoId]), or null. */
  photoId: string | null;
  /** Fields changed by the last resubmission (compared with the submission before it). */
  changedFields: string[];
  /** Withdrawal requests, newest first. */
  withdrawals: DeclarationWithdrawal[];
};

/**
 * The moves a viewer may be offered: those a transition function exists for. The review-round moves
 * (start_review … withhold) are declared in states.ts for the later issues; offering them now would show an
 * action nothing performs (the visibility matrix found start_review offered on every accepted declaration).
 */
const NOT_OFFERED: ReadonlySet<DeclarationMove> = new Set(["abandon", "start_review", "pass", "fail", "hold", "disqualify", "publish_result", "confirm", "withhold"]);
const OFFERED_MOVES = DECLARATION_MOVES.filter((m) => !NOT_OFFERED.has(m));
const WITHDRAWAL_DECISIONS: ReadonlySet<DeclarationMove> = new Set(["approve_withdrawal", "refuse_withdrawal"]);

/**
 * One declaration as this viewer may see it (EVALUATION §6 and §7 "Visibility, refined"), or null: not found
 * and not visible answer the same.
 */
export async function getDeclarationForViewer(db: Db, viewer: Actor, declarationId: string): Promise<DeclarationView | null> {
  const visible = await visibleCondition(db, viewer);
  if (!visible) return null;
  const [row] = await db
    .select({ d: declarations, committeeName: committees.name, batch: {
        id: declarationBatches.id,
        name: declarationBatches.name,
        year: declarationBatches.year,
        opensOn: declarationBatches.opensOn,
        closesOn: declarationBatches.closesOn,
        levelFrom: declarationBatches.levelFrom,
        levelTo: declarationBatches.levelTo,
      },
    })
    .from(declarations)
    .innerJoin(committees, eq(committees.id, declarations.committeeId))
    .innerJoin(declarationBatches, eq(declarationBatches.id, declarations.batchId))
    .where(and(eq(declarations.id, declarationId), visible))
    .limit(1);
  if (!row) return null;
  const d = row.d;
  const kinds = kindsOf(viewer, d);
  const [offices, events, notices, attachments, snaps, withdrawals, photoId] = await Promise.all([
    officeInfo(db, [d.unitOrgId, d.deptOrgId, d.hrssOrgId, d.formingOrgId]),
    eventsOf(db, d.id),
    db.select().from(declarationNotices).where(eq(declarationNotices.declarationId, d.id)).orderBy(asc(declarationNotices.createdAt)),
    db
      .select({ id: declarationAttachments.id, slot: declarationAttachments.slot, fileName: declarationAttachments.fileName, mime: declarationAttachments.mime, size: declarationAttachments.size, sha256: declarationAttachments.sha256, createdAt: declarationAttachments.createdAt })
      .from(declarationAttachments)
      .where(eq(declarationAttachments.declarationId, d.id))
      .orderBy(asc(declarationAttachments.createdAt)),
    db.select({ snapshot: declarationSnapshots.snapshot }).from(declarationSnapshots).where(eq(declarationSnapshots.declarationId, d.id)).orderBy(desc(declarationSnapshots.version)).limit(2),
    db.select().from(declarationWithdrawals).where(eq(declarationWithdrawals.declarationId, d.id)).orderBy(desc(declarationWithdrawals.requestedAt)),
    currentDeclarationPhotoId(db, d.id),
  ]);
  // While a withdrawal request waits, its decision is the only move of the holder (and the person waits too).
  const pending = d.withdrawalRequestedAt !== null;
  const moves = OFFERED_MOVES.filter((m) => checkMove(d, m, kinds).ok).filter((m) => (pending ? WITHDRAWAL_DECISIONS.has(m) : !WITHDRAWAL_DECISIONS.has(m)));
  const openItems = notices.filter((n) => n.resolvedAt === null).flatMap((n) => n.items);
  const { idNumber, ...rest } = d;
  return {
    declaration: { ...rest, idNumberMasked: maskIdNumber(idNumber) },
    committeeName: row.committeeName,
    batch: row.batch,
    unit: d.unitOrgId ? (offices.get(d.unitOrgId) ?? null) : null,
    dept: d.deptOrgId ? (offices.get(d.deptOrgId) ?? null) : null,
    hrss: d.hrssOrgId ? (offices.get(d.hrssOrgId) ?? null) : null,
    forming: offices.get(d.formingOrgId) ?? null,
    kinds: [...kinds],
    moves,
    events,
    notices,
    openItems,
    attachments,
    photoId,
    changedFields: snaps.length === 2 ? snapshotChanges(snaps[1].snapshot, snaps[0].snapshot) : [],
    withdrawals,
  };
}

export type TimelineStage = { status: DeclarationStatus; office: string; reachedAt: Date | null };

/**
 * The person's timeline of one own declaration: the stages of its route with the date each was reached,
 * every event (offices by name, never a person), who holds it now and that office's contact.
 */
export async function timelineForPerson(db: Db, userId: string, declarationId: string) {
  const view = await getDeclarationForViewer(db, { id: userId, role: "person", orgId: null }, declarationId);
  if (!view) return null;
  const d = view.declaration;
  const stages: TimelineStage[] = [{ status: "submitted", office: "申报人", reachedAt: d.firstSubmittedAt }];
  const stamp = (s: keyof typeof REACHED_STAMP) => d[REACHED_STAMP[s]];
  stages.push({ status: "unit_verified", office: view.unit?.name ?? "用人单位", reachedAt: stamp("unit_verified") });
  stages.push({ status: "in_publicity", office: view.unit?.name ?? "用人单位", reachedAt: stamp("in_publicity") });
  stages.push({ status: "unit_recommended", office: view.unit?.name ?? "用人单位", reachedAt: stamp("unit_recommended") });
  if (d.routeDept) stages.push({ status: "dept_approved", office: view.dept?.name ?? "主管部门", reachedAt: stamp("dept_approved") });
  if (d.routeHrss) stages.push({ status: "hrss_checked", office: view.hrss?.name ?? "人社部门", reachedAt: stamp("hrss_checked") });
  stages.push({ status: "accepted", office: view.forming?.name ?? "评委会组建单位", reachedAt: stamp("accepted") });
  const holder = holderOf(d);
  const holderOffice: OfficeInfo | null =
    holder === "unit" ? view.unit : holder === "dept" ? view.dept : holder === "hrss" ? view.hrss : holder === "forming" ? view.forming : null;
  return { ...view, stages, holder, holderOffice, acceptFrom: acceptFrom(d) };
}

/** Open notices of a declaration (the person's 待补正 list). */
export async function openNotices(db: Db, declarationId: string): Promise<DeclarationNotice[]> {
  return db
    .select()
    .from(declarationNotices)
    .where(and(eq(declarationNotices.declarationId, declarationId), isNull(declarationNotices.resolvedAt)))
    .orderBy(asc(declarationNotices.createdAt));
}

export type OpenBatchOption = { id: string; name: string; committeeName: string; series: string; levelFrom: TitleLevel; levelTo: TitleLevel; closesOn: string; specialties: string; scope: "series" | "specialty" };

/** Batches open today whose committee holds an approved filing valid today (the 新建申报 choices). */
export async function listOpenBatches(db: Db, today: string): Promise<OpenBatchOption[]> {
  const rows = await db
    .select({
      id: declarationBatches.id,
      name: declarationBatches.name,
      committeeName: committees.name,
      series: declarationBatches.series,
      levelFrom: declarationBatches.levelFrom,
      levelTo: declarationBatches.levelTo,
      closesOn: declarationBatches.closesOn,
      specialties: committeeFilings.specialties,
      scope: committeeFilings.scope,
    })
    .from(declarationBatches)
    .innerJoin(committees, eq(committees.id, declarationBatches.committeeId))
    .innerJoin(
      committeeFilings,
      and(eq(committeeFilings.committeeId, committees.id), eq(committeeFilings.status, "approved"), lte(committeeFilings.validFrom, today), gte(committeeFilings.validTo, today)),
    )
    .where(and(eq(declarationBatches.status, "open"), lte(declarationBatches.opensOn, today), gte(declarationBatches.closesOn, today)))
    .orderBy(asc(committees.code));
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** Where a person may declare through: active units, and the county or city 人社部门 as 申报点. */
export async function listUnitOptions(db: Db): Promise<{ id: string; name: string; kind: "unit" | "hrss" }[]> {
  const rows = await db
    .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, level: orgs.level })
    .from(orgs)
    .where(and(eq(orgs.status, "active"), eq(orgs.isCertDivision, false)))
    .orderBy(asc(orgs.kind), asc(orgs.regionCode), asc(orgs.name));
  return rows.filter((r) => r.kind === "unit" || (r.kind === "hrss" && r.level !== "province")).map((r) => ({ id: r.id, name: r.kind === "hrss" ? `${r.name}（申报点）` : r.name, kind: r.kind as "unit" | "hrss" }));
}

/** What the account already knows, to prefill an empty 基本信息 section. */
export async function basicDefaults(db: Db, userId: string): Promise<{ gender: "男" | "女"; birthDate: string; phone: string }> {
  const [u] = await db.select({ gender: users.gender, birthDate: users.birthDate, phone: users.phone }).from(users).where(eq(users.id, userId));
  return { gender: u?.gender === "female" ? "女" : "男", birthDate: u?.birthDate ?? "", phone: u?.phone ?? "" };
}
