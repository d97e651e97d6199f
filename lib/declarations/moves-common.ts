/**
 * Shared pieces of the declaration transitions: the guarded set-based UPDATE of a forward move, the event,
 * message and audit rows, and the typed result. Every write happens in the caller's transaction.
 */
import { and, eq, inArray, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import { committees, declarationEvents, declarations, notifications } from "@/db/schema";
import type { DeclarationStatus } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { UserError } from "@/lib/errors";
import { assertActsAs, KIND_COLUMN, type Actor } from "./access";
import { DECLARATION_MESSAGES, DECLARATION_NOT_FOUND, DECLARATION_STATUS_LABELS, MAX_BATCH_MOVE, MOVE_LABELS, WITHDRAWAL_PENDING } from "./constants";
import { entersFormingQueue, forwardMove, REACHED_STAMP, type DeclarationMove, type DeclarationRoute } from "./states";

/** The outcome of a move over one or more declarations. */
export type MoveResult = { moved: string[]; refused: { id: string; reason: string }[] };

/** Every route a declaration can have (a self-review has neither stage). */
export const ROUTES: readonly DeclarationRoute[] = [
  { routeDept: true, routeHrss: true, selfReview: false },
  { routeDept: true, routeHrss: false, selfReview: false },
  { routeDept: false, routeHrss: true, selfReview: false },
  { routeDept: false, routeHrss: false, selfReview: false },
];

const routeIs = (r: DeclarationRoute) => and(eq(declarations.routeDept, r.routeDept), eq(declarations.routeHrss, r.routeHrss))!;

/**
 * The SQL form of `forwardMove(move, route).from`, derived from the pure table of states.ts for each route,
 * so the UPDATE guard and the unit-tested machine cannot disagree.
 */
export function fromCondition(move: DeclarationMove): SQL | null {
  const parts = ROUTES.flatMap((r) => {
    const fwd = forwardMove(move, r);
    return fwd ? [and(routeIs(r), eq(declarations.status, fwd.from))!] : [];
  });
  return parts.length === 0 ? null : or(...parts)!;
}

/** forming_queue_at set when `to` is where the forming organisation accepts from, for the row's route. */
export function formingQueueStamp(to: DeclarationStatus): SQL {
  const routes = ROUTES.filter((r) => entersFormingQueue(to, r));
  if (routes.length === 0) return sql`${declarations.formingQueueAt}`;
  return sql`case when ${or(...routes.map(routeIs))} then coalesce(${declarations.formingQueueAt}, now()) else ${declarations.formingQueueAt} end`;
}

/** The `*_at` column `to` stamps on first arrival, as a SET fragment. */
export function reachedStamp(to: DeclarationStatus): Partial<Record<(typeof REACHED_STAMP)[keyof typeof REACHED_STAMP], SQL>> {
  const key = (REACHED_STAMP as Partial<Record<DeclarationStatus, (typeof REACHED_STAMP)[keyof typeof REACHED_STAMP]>>)[to];
  if (!key) return {};
  return { [key]: sql`coalesce(${declarations[key]}, now())` };
}

/** Unique ids, at most MAX_BATCH_MOVE. */
export function batchIds(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new UserError("请选择申报");
  if (unique.length > MAX_BATCH_MOVE) throw new UserError(`一次最多处理${MAX_BATCH_MOVE}份申报`);
  return unique;
}

export type MovedRow = { id: string; userId: string; committeeId: string; routeDept: boolean; routeHrss: boolean; selfReview: boolean; from: DeclarationStatus };

/** Event rows, messages to each person and one audit row for a move. The audit row is the last write. */
export async function recordMove(
  tx: Db,
  actor: Actor,
  move: DeclarationMove,
  rows: readonly MovedRow[],
  to: DeclarationStatus,
  opts: {
    note?: string | null;
    message: (committeeName: string) => string;
    refused?: MoveResult["refused"];
    ip?: string | null;
    detail?: Record<string, unknown>;
    /** The message kind when it is not `declaration_<to>` (a move that keeps the status). */
    kind?: string;
  },
): Promise<void> {
  if (rows.length > 0) {
    const at = new Date();
    await tx.insert(declarationEvents).values(
      rows.map((r) => ({ declarationId: r.id, fromStatus: r.from, toStatus: to, actorId: actor.id, actorRole: actor.role, actorOrgId: actor.orgId, note: opts.note ?? null, at })),
    );
    const names = new Map(
      (
        await tx
          .select({ id: committees.id, name: committees.name })
          .from(committees)
          .where(inArray(committees.id, [...new Set(rows.map((r) => r.committeeId))]))
      ).map((c) => [c.id, c.name]),
    );
    await tx.insert(notifications).values(rows.map((r) => ({ userId: r.userId, kind: opts.kind ?? `declaration_${to}`, message: opts.message(names.get(r.committeeId) ?? ""), createdAt: at })));
  }
  await writeAudit(tx, {
    ...auditBase(actor, `declaration.${move}`, opts.ip ?? null),
    outcome: rows.length > 0 ? "success" : "failure",
    targetType: "declaration",
    targetId: rows.length === 1 ? rows[0].id : null,
    detail: { moved: rows.map((r) => r.id), to, ...(opts.refused?.length ? { refused: opts.refused } : {}), ...(opts.note ? { note: opts.note } : {}), ...opts.detail },
  });
}

/** What a refusal reason may look at besides the status. */
export type RefusalRow = { status: DeclarationStatus; exceptional: boolean; withdrawalPending: boolean };

/** Why each id that did not move was refused: unknown to this office, a pending withdrawal request, or another state. */
export async function refusalsFor(
  tx: Db,
  kind: keyof typeof KIND_COLUMN,
  orgOrUser: string,
  move: DeclarationMove,
  ids: readonly string[],
  moved: ReadonlySet<string>,
  extra?: (status: DeclarationStatus, row: RefusalRow) => string | null,
): Promise<MoveResult["refused"]> {
  const left = ids.filter((id) => !moved.has(id));
  if (left.length === 0) return [];
  const rows = await tx
    .select({ id: declarations.id, status: declarations.status, exceptional: declarations.exceptional, withdrawalRequestedAt: declarations.withdrawalRequestedAt })
    .from(declarations)
    .where(and(sql`${declarations.id} = any(${uuidArray(left)})`, eq(KIND_COLUMN[kind], orgOrUser)));
  const found = new Map(rows.map((r) => [r.id, { status: r.status, exceptional: r.exceptional, withdrawalPending: r.withdrawalRequestedAt !== null }]));
  return left.map((id) => {
    const row = found.get(id);
    if (!row) return { id, reason: DECLARATION_NOT_FOUND };
    if (row.withdrawalPending) return { id, reason: WITHDRAWAL_PENDING };
    return { id, reason: extra?.(row.status, row) ?? `该申报当前为“${DECLARATION_STATUS_LABELS[row.status].label}”，不能${MOVE_LABELS[move]}` };
  });
}

/**
 * A forward move of the examination (unit_verify, unit_recommend, dept_approve, hrss_check, accept) over a set
 * of declarations: ONE guarded UPDATE … WHERE id = ANY(ids) AND status = <from of the row's route> AND
 * <office column> = actor's organisation AND no withdrawal request pending [AND extra], then events, messages
 * and the audit row. Of 20
 * identical concurrent calls exactly one moves each row; the others find it in another state.
 */
export async function forwardMany(
  tx: Db,
  actor: Actor,
  move: ForwardMoveName,
  input: { ids: readonly string[]; note?: string | null; ip?: string | null },
  opts: {
    extraWhere?: SQL;
    refusalFor?: (status: DeclarationStatus, row: RefusalRow) => string | null;
    message?: (committeeName: string) => string;
    /** Runs after the UPDATE, before the event/message/audit rows (e.g. the 公示's items). */
    beforeRecord?: (rows: readonly MovedRow[]) => Promise<void>;
    detail?: Record<string, unknown>;
  } = {},
): Promise<MoveResult> {
  const kind = forwardMove(move, ROUTES[0])!.actor as "unit" | "dept" | "hrss" | "forming";
  const org = assertActsAs(actor, kind);
  const ids = batchIds(input.ids);
  const to = forwardMove(move, ROUTES[0])!.to;
  const from = fromCondition(move)!;
  const updated = await tx
    .update(declarations)
    .set({
      status: to,
      version: sql`${declarations.version} + 1`,
      updatedAt: new Date(),
      formingQueueAt: formingQueueStamp(to),
      ...reachedStamp(to),
    })
    // A pending withdrawal request waits for the holder's decision first (a column of the row: the guard holds under the row lock).
    .where(and(sql`${declarations.id} = any(${uuidArray(ids)})`, eq(KIND_COLUMN[kind], org), from, isNull(declarations.withdrawalRequestedAt), opts.extraWhere))
    .returning({
      id: declarations.id,
      userId: declarations.userId,
      committeeId: declarations.committeeId,
      routeDept: declarations.routeDept,
      routeHrss: declarations.routeHrss,
      selfReview: declarations.selfReview,
    });
  const rows: MovedRow[] = updated.map((r) => ({ ...r, from: forwardMove(move, r)!.from }));
  const movedIds = new Set(rows.map((r) => r.id));
  const refused = await refusalsFor(tx, kind, org, move, ids, movedIds, opts.refusalFor);
  if (opts.beforeRecord) await opts.beforeRecord(rows);
  const message = opts.message ?? MESSAGE_OF[move];
  await recordMove(tx, actor, move, rows, to, { note: input.note, message, refused, ip: input.ip, detail: opts.detail });
  return { moved: rows.map((r) => r.id), refused };
}

export type ForwardMoveName = "unit_verify" | "start_publicity" | "unit_recommend" | "dept_approve" | "hrss_check" | "accept";
const MESSAGE_OF: Record<ForwardMoveName, (c: string) => string> = {
  start_publicity: (c) => DECLARATION_MESSAGES.in_publicity(c, ""),
  unit_verify: DECLARATION_MESSAGES.unit_verified,
  unit_recommend: DECLARATION_MESSAGES.unit_recommended,
  dept_approve: DECLARATION_MESSAGES.dept_approved,
  hrss_check: DECLARATION_MESSAGES.hrss_checked,
  accept: DECLARATION_MESSAGES.accepted,
};
