/**
 * Who is who for one declaration (docs/domain.md §16 "Visibility"; EVALUATION §6 and §7 "Visibility,
 * refined"): the actor kinds a session holds for it, and the SQL conditions of ownership and visibility.
 */
import { and, eq, inArray, isNotNull, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { declarations, type Declaration } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { ForbiddenError } from "@/lib/errors";
import { getHrssSubtreeIds } from "@/lib/orgs/queries";
import { COMMITTEE_FORMING_ROLES, type Role } from "@/lib/roles";
import type { ActorKind } from "./states";

export type Actor = Pick<SessionUser, "id" | "role" | "orgId">;
type Parties = Pick<Declaration, "userId" | "unitOrgId" | "deptOrgId" | "hrssOrgId" | "formingOrgId">;

/** The roles that may act as each office (a 申报点 is a 人社部门 acting as unit). */
export const KIND_ROLES: Record<Exclude<ActorKind, "system">, readonly Role[]> = {
  person: ["person"],
  unit: ["unit", "self_unit", "hrss"],
  dept: ["dept"],
  hrss: ["hrss"],
  forming: COMMITTEE_FORMING_ROLES,
};

/** The declaration column naming the office of each kind. */
export const KIND_COLUMN = {
  person: declarations.userId,
  unit: declarations.unitOrgId,
  dept: declarations.deptOrgId,
  hrss: declarations.hrssOrgId,
  forming: declarations.formingOrgId,
} as const;

/** What the actor is for this declaration (a self-reviewing unit is both `unit` and `forming`). */
export function kindsOf(actor: Actor, d: Parties): Set<ActorKind> {
  const out = new Set<ActorKind>();
  if (actor.role === "person" && actor.id === d.userId) out.add("person");
  if (!actor.orgId) return out;
  const org = actor.orgId;
  if (KIND_ROLES.unit.includes(actor.role) && d.unitOrgId === org) out.add("unit");
  if (actor.role === "dept" && d.deptOrgId === org) out.add("dept");
  if (actor.role === "hrss" && d.hrssOrgId === org) out.add("hrss");
  if (KIND_ROLES.forming.includes(actor.role) && d.formingOrgId === org) out.add("forming");
  return out;
}

/** `actor.orgId`, or Forbidden when the active grant cannot act as `kind` at all. */
export function assertActsAs(actor: Actor, kind: Exclude<ActorKind, "system" | "person">): string {
  if (!KIND_ROLES[kind].includes(actor.role) || !actor.orgId) throw new ForbiddenError();
  return actor.orgId;
}

/**
 * The rows the viewer may see, as one SQL condition (null: none). Person: own. Unit: its declarations from
 * the first submission. 主管部门: its units' from unit_recommended. 人社部门: its region's (its subtree) from
 * unit_recommended, and a 申报点's own. Forming organisation: its committees' from the moment they wait for
 * its acceptance (the queue), so also after a return or rejection by it.
 */
export async function visibleCondition(db: Db, viewer: Actor): Promise<SQL | null> {
  if (viewer.role === "person") return eq(declarations.userId, viewer.id);
  if (!viewer.orgId) return null;
  const org = viewer.orgId;
  const parts: SQL[] = [];
  // A branch that cannot match is left out (same rows): a 人社部门 acting as 申报点, or an office forming a
  // committee, is the exception, and one OR over three columns defeats the ordered index scan of a list
  // (a region's 人社部门 over 100,000 declarations: ~800 ms → < 100 ms, tests/bench/declarations.bench.ts).
  const holds = async (column: typeof declarations.unitOrgId | typeof declarations.formingOrgId) =>
    (await db.select({ id: declarations.id }).from(declarations).where(eq(column, org)).limit(1)).length > 0;
  if (KIND_ROLES.unit.includes(viewer.role) && (viewer.role !== "hrss" || (await holds(declarations.unitOrgId)))) parts.push(and(eq(declarations.unitOrgId, org), isNotNull(declarations.firstSubmittedAt))!);
  if (viewer.role === "dept") parts.push(and(eq(declarations.deptOrgId, org), isNotNull(declarations.unitRecommendedAt))!);
  if (viewer.role === "hrss") {
    const region = await getHrssSubtreeIds(db, org);
    if (region.length > 0) parts.push(and(inArray(declarations.hrssOrgId, region), isNotNull(declarations.unitRecommendedAt))!);
  }
  if (KIND_ROLES.forming.includes(viewer.role) && (await holds(declarations.formingOrgId))) parts.push(and(eq(declarations.formingOrgId, org), isNotNull(declarations.formingQueueAt))!);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0] : or(...parts)!;
}

/** Whether the viewer may see this declaration (the one visibility rule above). */
export async function isDeclarationVisible(db: Db, viewer: Actor, declarationId: string): Promise<boolean> {
  const visible = await visibleCondition(db, viewer);
  if (!visible) return false;
  const [row] = await db.select({ id: declarations.id }).from(declarations).where(and(eq(declarations.id, declarationId), visible)).limit(1);
  return !!row;
}
