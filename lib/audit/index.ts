import { and, desc, eq, gte, inArray, lte, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog } from "@/db/schema";
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

export async function listAuditRows(db: Db, filter: AuditFilter, page: number, pageSize = 20) {
  const conds: SQL[] = [];
  if (filter.action) conds.push(eq(auditLog.action, filter.action));
  if (filter.actorId) conds.push(eq(auditLog.actorId, filter.actorId));
  if (filter.outcome) conds.push(eq(auditLog.outcome, filter.outcome));
  if (filter.from) conds.push(gte(auditLog.at, filter.from));
  if (filter.to) conds.push(lte(auditLog.at, filter.to));
  if (filter.orgIds) {
    if (filter.orgIds.length === 0) return { rows: [], total: 0 };
    conds.push(inArray(auditLog.actorOrgId, filter.orgIds));
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(auditLog).where(where),
  ]);
  return { rows, total };
}
