import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, type AuditRow } from "@/db/schema";
import { decodeCursor, epochMicros, fromEpochMicros, keysetPage, type KeysetPage, type KeysetRequest } from "@/lib/keyset";
import type { AuditOutcome } from "@/db/schema/enums";

export type AuditEntry = {
  actorId?: string | null;
  actorRole?: string | null;
  actorOrgId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: AuditOutcome;
  detail?: Record<string, unknown>;
  ip?: string | null;
};

/** Who acted, as every audit row names them; the caller adds outcome, target and detail. */
export function auditBase(
  actor: { id: string; role: string; orgId: string | null },
  action: string,
  ip: string | null,
): Pick<AuditEntry, "actorId" | "actorRole" | "actorOrgId" | "action" | "ip"> {
  return { actorId: actor.id, actorRole: actor.role, actorOrgId: actor.orgId, action, ip };
}

/** Insert one audit row (inside the caller's transaction when given one). */
export async function writeAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    actorRole: entry.actorRole ?? null,
    actorOrgId: entry.actorOrgId ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    outcome: entry.outcome,
    detail: entry.detail ?? null,
    ip: entry.ip ?? null,
  });
}

export type AuditFilter = {
  action?: string;
  actorId?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Restrict to rows whose actor belongs to one of these organisations. */
  orgIds?: string[];
};

const AUDIT_CURSOR = ["int", "int"] as const;

/**
 * One page of the audit log, newest first (at desc, id desc), by keyset (lib/keyset.ts): no OFFSET and
 * no total count, so a page of 5,000,000 rows answers as fast as the first (tests/bench/lists.bench.ts).
 * Index: audit_at_id_idx (at, id), or (action | actor | org, at, id) when that filter is set.
 */
export async function listAuditRows(db: Db, filter: AuditFilter, request: KeysetRequest = {}, pageSize = 20): Promise<KeysetPage<AuditRow>> {
  const conds: SQL[] = [];
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conds.push(eq(auditLog.actorId, filter.actorId));
  if (filter.outcome) conds.push(eq(auditLog.outcome, filter.outcome));
  if (filter.from) conds.push(gte(auditLog.at, filter.from));
  if (filter.to) conds.push(lte(auditLog.at, filter.to));
  if (filter.orgIds) {
    if (filter.orgIds.length === 0) return { rows: [] };
    conds.push(inArray(auditLog.actorOrgId, filter.orgIds));
  }
  const backward = decodeCursor(request.before, AUDIT_CURSOR);
  const forward = backward ? undefined : decodeCursor(request.after, AUDIT_CURSOR);
  const cursor = backward ?? forward;
  if (cursor) {
    const key = sql`(${fromEpochMicros(cursor[0])}, ${String(cursor[1])}::bigint)`;
    conds.push(backward ? sql`(${auditLog.at}, ${auditLog.id}) > ${key}` : sql`(${auditLog.at}, ${auditLog.id}) < ${key}`);
  }
  const fetched = await db
    .select({ row: auditLog, atMicros: epochMicros(auditLog.at) })
    .from(auditLog)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(...(backward ? [asc(auditLog.at), asc(auditLog.id)] : [desc(auditLog.at), desc(auditLog.id)]))
    .limit(pageSize + 1);
  const page = keysetPage(fetched, pageSize, backward ? "backward" : "forward", Boolean(cursor), (r) => [r.atMicros, String(r.row.id)]);
  return { rows: page.rows.map((r) => r.row), nextCursor: page.nextCursor, prevCursor: page.prevCursor };
}
