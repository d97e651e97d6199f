/**
 * The examiners' work queues (docs/domain.md §16): the declarations one office may move now by one forward
 * move, and the unit's 公示 list and detail. ID numbers leave masked.
 */
import { aliasedTable, and, asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, declarations, orgs, publicities, publicityItems, publicityObjections, type Publicity, type PublicityObjection } from "@/db/schema";
import type { DeclarationStatus, TitleLevel } from "@/db/schema/enums";
import { maskIdNumber } from "@/lib/validation/id-number";
import { KIND_COLUMN, KIND_ROLES, visibleCondition, type Actor } from "./access";
import { fromCondition } from "./moves-common";
import { DECLARATION_PAGE_SIZE, declarationListColumns, searchCondition, toListRow, type DeclarationListRow } from "./queries";
import type { DeclarationMove } from "./states";

/** The forward moves that have a work queue, and the office making each. */
export const QUEUE_MOVES = {
  unit_verify: "unit",
  start_publicity: "unit",
  unit_recommend: "unit",
  dept_approve: "dept",
  hrss_check: "hrss",
  accept: "forming",
} as const satisfies Partial<Record<DeclarationMove, keyof typeof KIND_COLUMN>>;
export type QueueMove = keyof typeof QUEUE_MOVES;

/**
 * The declarations the viewer's office may move now by `move` (its queue for that step), searched (name or
 * full ID number) and paged, oldest submission first (first come, first examined).
 */
export async function listQueue(
  db: Db,
  viewer: Actor,
  move: QueueMove,
  opts: { q?: string; page?: number; pageSize?: number } = {},
): Promise<{ rows: DeclarationListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = opts.pageSize ?? DECLARATION_PAGE_SIZE;
  const page = Math.max(1, opts.page ?? 1);
  const kind = QUEUE_MOVES[move];
  const visible = await visibleCondition(db, viewer);
  const from = fromCondition(move);
  if (!visible || !from || !viewer.orgId || !KIND_ROLES[kind].includes(viewer.role)) return { rows: [], total: 0, page, pageSize };
  const where = and(visible, eq(KIND_COLUMN[kind], viewer.orgId), from, searchCondition(opts.q));
  const unit = aliasedTable(orgs, "unit_org");
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(declarationListColumns(unit))
      .from(declarations)
      .innerJoin(committees, eq(committees.id, declarations.committeeId))
      .leftJoin(unit, eq(unit.id, declarations.unitOrgId))
      .where(where)
      .orderBy(asc(declarations.submittedAt), asc(declarations.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(declarations).where(where),
  ]);
  return { rows: rows.map(toListRow), total, page, pageSize };
}

export type PublicityListRow = Publicity & { items: number; openObjections: number };

/** The unit's 公示, newest first, with their item and open-objection counts. */
export async function listPublicities(db: Db, viewer: Actor, opts: { page?: number; pageSize?: number } = {}): Promise<{ rows: PublicityListRow[]; total: number; page: number; pageSize: number }> {
  const pageSize = opts.pageSize ?? DECLARATION_PAGE_SIZE;
  const page = Math.max(1, opts.page ?? 1);
  if (!viewer.orgId || !KIND_ROLES.unit.includes(viewer.role)) return { rows: [], total: 0, page, pageSize };
  const where = eq(publicities.unitOrgId, viewer.orgId);
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(publicities).where(where).orderBy(desc(publicities.postedOn), desc(publicities.createdAt)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(publicities).where(where),
  ]);
  if (rows.length === 0) return { rows: [], total, page, pageSize };
  const ids = rows.map((r) => r.id);
  const [items, open] = await Promise.all([
    db.select({ id: publicityItems.publicityId, n: count() }).from(publicityItems).where(inArray(publicityItems.publicityId, ids)).groupBy(publicityItems.publicityId),
    db
      .select({ id: publicityObjections.publicityId, n: count() })
      .from(publicityObjections)
      .where(and(inArray(publicityObjections.publicityId, ids), eq(publicityObjections.status, "open")))
      .groupBy(publicityObjections.publicityId),
  ]);
  const itemsOf = new Map(items.map((r) => [r.id, r.n]));
  const openOf = new Map(open.map((r) => [r.id, r.n]));
  return { rows: rows.map((r) => ({ ...r, items: itemsOf.get(r.id) ?? 0, openObjections: openOf.get(r.id) ?? 0 })), total, page, pageSize };
}

export type PublicityItemRow = {
  declarationId: string;
  current: boolean;
  personName: string;
  idNumberMasked: string;
  series: string;
  specialty: string;
  targetLevel: TitleLevel;
  status: DeclarationStatus;
};

/** One 公示 of the viewer's unit with its declarations and objections, or null (not found or not its own). */
export async function getPublicityForUnit(db: Db, viewer: Actor, publicityId: string): Promise<{ publicity: Publicity; items: PublicityItemRow[]; objections: PublicityObjection[] } | null> {
  if (!viewer.orgId || !KIND_ROLES.unit.includes(viewer.role)) return null;
  const [p] = await db
    .select()
    .from(publicities)
    .where(and(eq(publicities.id, publicityId), eq(publicities.unitOrgId, viewer.orgId)))
    .limit(1);
  if (!p) return null;
  const [items, objections] = await Promise.all([
    db
      .select({
        declarationId: publicityItems.declarationId,
        current: publicityItems.current,
        personName: declarations.personName,
        idNumber: declarations.idNumber,
        series: declarations.series,
        specialty: declarations.specialty,
        targetLevel: declarations.targetLevel,
        status: declarations.status,
      })
      .from(publicityItems)
      .innerJoin(declarations, eq(declarations.id, publicityItems.declarationId))
      .where(eq(publicityItems.publicityId, p.id))
      .orderBy(asc(declarations.personName), asc(declarations.id)),
    db.select().from(publicityObjections).where(eq(publicityObjections.publicityId, p.id)).orderBy(asc(publicityObjections.recordedAt)),
  ]);
  return { publicity: p, items: items.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })), objections };
}
