import { and, asc, count, desc, eq, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, users } from "@/db/schema";
import type { OrgStatus, UserStatus } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError, StaleStateError, UserError } from "@/lib/errors";
import { getHrssSubtreeIds } from "./queries";

export type { OrgStatus };
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = { pending: "待审核", active: "正常", rejected: "已驳回", disabled: "已停用" };

type Actor = Pick<SessionUser, "id" | "role" | "orgId">;

/** The scope condition for "subordinate units" of an official: 主管部门 → its units; 人社部门 → units in its region tree. */
async function subordinateScope(db: Db, actor: Actor): Promise<SQL> {
  if (!actor.orgId) throw new ForbiddenError();
  if (actor.role === "dept") return and(eq(orgs.kind, "unit"), eq(orgs.supervisorId, actor.orgId)) as SQL;
  if (actor.role === "hrss") {
    const tree = await getHrssSubtreeIds(db, actor.orgId);
    if (tree.length === 0) return sql`false`;
    return and(inArray(orgs.kind, ["unit", "dept"]), inArray(orgs.parentId, tree)) as SQL;
  }
  throw new ForbiddenError();
}

export type SubordinateFilter = { status?: OrgStatus; q?: string; page: number; pageSize?: number };

export async function listSubordinateOrgs(db: Db, actor: Actor, filter: SubordinateFilter) {
  const pageSize = filter.pageSize ?? 20;
  const conds: SQL[] = [await subordinateScope(db, actor)];
  if (filter.status) conds.push(eq(orgs.status, filter.status));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => "\\" + c)}%`;
    conds.push(or(ilike(orgs.name, like), ilike(orgs.creditCode, like)) as SQL);
  }
  const where = and(...conds);
  const [rows, [{ total }], byStatus] = await Promise.all([
    db
      .select({
        id: orgs.id,
        name: orgs.name,
        kind: orgs.kind,
        creditCode: orgs.creditCode,
        status: orgs.status,
        contactName: orgs.contactName,
        contactPhone: orgs.contactPhone,
        rejectReason: orgs.rejectReason,
        selfEvaluating: orgs.selfEvaluating,
        createdAt: orgs.createdAt,
      })
      .from(orgs)
      .where(where)
      .orderBy(desc(sql`${orgs.status} = 'pending'`), asc(orgs.name), asc(orgs.id))
      .limit(pageSize)
      .offset((filter.page - 1) * pageSize),
    db.select({ total: count() }).from(orgs).where(where),
    db
      .select({ status: orgs.status, n: count() })
      .from(orgs)
      .where(await subordinateScope(db, actor))
      .groupBy(orgs.status),
  ]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<OrgStatus, number>>;
  return { rows, total, counts, pageSize };
}

export async function countPendingSubordinates(db: Db, actor: Actor): Promise<number> {
  const [{ n }] = await db
    .select({ n: count() })
    .from(orgs)
    .where(and(await subordinateScope(db, actor), eq(orgs.status, "pending")));
  return n;
}

/** Throws unless the organisation lies inside the actor's scope. */
export async function assertCanManageOrg(db: Db, actor: Actor, orgId: string): Promise<void> {
  const [row] = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(and(eq(orgs.id, orgId), await subordinateScope(db, actor)))
    .limit(1);
  if (!row) throw new ForbiddenError("该单位不属于您的管理范围");
}

type Transition = { from: OrgStatus[]; to: OrgStatus; userStatus: Exclude<UserStatus, "pending"> };
const TRANSITIONS = {
  approve: { from: ["pending"], to: "active", userStatus: "active" },
  reject: { from: ["pending"], to: "rejected", userStatus: "rejected" },
  disable: { from: ["active"], to: "disabled", userStatus: "disabled" },
  enable: { from: ["disabled"], to: "active", userStatus: "active" },
} satisfies Record<string, Transition>;
export type OrgDecision = keyof typeof TRANSITIONS;

/**
 * Guarded state change of a subordinate organisation and its accounts, inside the caller's
 * transaction. Disabling bumps the accounts' session version so open sessions end at once.
 */
export async function decideSubordinateOrg(
  tx: Db,
  actor: Actor,
  orgId: string,
  decision: OrgDecision,
  reason?: string,
): Promise<{ from: OrgStatus; to: OrgStatus }> {
  await assertCanManageOrg(tx, actor, orgId);
  const t: Transition = TRANSITIONS[decision];
  if ((decision === "reject" || decision === "disable") && !reason?.trim()) {
    throw new UserError("请填写原因", { reason: "请填写原因" });
  }
  const [prev] = await tx.select({ status: orgs.status }).from(orgs).where(eq(orgs.id, orgId)).limit(1);
  const updated = await tx
    .update(orgs)
    .set({
      status: t.to,
      rejectReason: decision === "approve" || decision === "enable" ? null : reason!.trim(),
      reviewedAt: new Date(),
      reviewedBy: actor.id,
    })
    .where(and(eq(orgs.id, orgId), inArray(orgs.status, t.from)))
    .returning({ id: orgs.id });
  if (updated.length === 0) throw new StaleStateError();
  await tx
    .update(users)
    .set({
      status: t.userStatus,
      sessionVersion: t.userStatus === "active" ? users.sessionVersion : sql`${users.sessionVersion} + 1`,
    })
    .where(eq(users.orgId, orgId));
  return { from: prev.status, to: t.to };
}
