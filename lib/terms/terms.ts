import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeTermMembers, committeeTerms, expertPoolMembers, roleGrants, type CommitteeTerm } from "@/db/schema";
import type { TermPosition } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { checkTermMembers, TERM_POSITION_LABELS } from "./rules";
import type { SaveTerm } from "./schemas";

type Actor = Pick<SessionUser, "id" | "role" | "orgId">;

/** Positions that manage the committee and so get a 评委会成员 grant (EVALUATION §1, §7). */
const MANAGING: readonly TermPosition[] = ["chair", "vice_chair"];

export const TERM_STALE = "该届已变化（或已报送备案），请刷新后重试";

/**
 * 组建 / 修改一届 (docs/domain.md §14). All rules are checked before anything is written; a refused save
 * leaves the previous term as it was (the caller's transaction rolls back, and members are replaced
 * only once the list is valid). Only a draft term changes; the version guards against a concurrent save.
 */
export async function saveTerm(tx: Db, user: Actor, input: SaveTerm): Promise<CommitteeTerm> {
  const committee = await assertCommitteeOwner(tx, user, input.committeeId, { lock: true });
  const ids = input.members.map((m) => m.poolMemberId);
  const pool = ids.length
    ? await tx
        .select({ id: expertPoolMembers.id, userId: expertPoolMembers.userId, name: expertPoolMembers.invitedName, series: expertPoolMembers.series, level: expertPoolMembers.level })
        .from(expertPoolMembers)
        .where(and(inArray(expertPoolMembers.id, ids), eq(expertPoolMembers.orgId, committee.formingOrgId), eq(expertPoolMembers.status, "active")))
    : [];
  const byId = new Map(pool.map((p) => [p.id, p]));
  const missing = ids.filter((id) => !byId.get(id)?.userId);
  if (missing.length > 0) throw new UserError("所选专家不在本单位专家库中或已暂停", { members: "所选专家不在本单位专家库中或已暂停" });
  const candidates = input.members.map((m) => {
    const p = byId.get(m.poolMemberId)!;
    return { userId: p.userId!, name: p.name, series: p.series, level: p.level, position: m.position };
  });
  const breaks = checkTermMembers(committee, input.scope, candidates);
  if (breaks.length > 0) throw new UserError(breaks.map((b) => b.message).join("；"), { members: breaks.map((b) => b.message).join("；") });

  let term: CommitteeTerm | undefined;
  if (input.termId) {
    [term] = await tx
      .update(committeeTerms)
      .set({ startDate: input.startDate, endDate: input.endDate, version: sql`${committeeTerms.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(committeeTerms.id, input.termId),
          eq(committeeTerms.committeeId, committee.id),
          eq(committeeTerms.version, input.version ?? 0),
          eq(committeeTerms.status, "draft"),
        ),
      )
      .returning();
    if (!term) throw new StaleStateError(TERM_STALE);
    await tx.delete(committeeTermMembers).where(eq(committeeTermMembers.termId, term.id));
  } else {
    [term] = await tx.insert(committeeTerms).values({ committeeId: committee.id, startDate: input.startDate, endDate: input.endDate, createdBy: user.id }).returning();
  }
  await tx.insert(committeeTermMembers).values(
    input.members.map((m, i) => ({ termId: term.id, poolMemberId: m.poolMemberId, userId: candidates[i].userId, position: m.position, panelLeader: m.panelLeader })),
  );
  await syncCommitteeGrants(tx, user.id, committee.formingOrgId, term, candidates);
  return term;
}

/** The day after `day` (a grant's valid_to is exclusive, a term's end date inclusive). */
function dayAfter(day: string): Date {
  const d = new Date(`${day}T00:00:00+08:00`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

/**
 * The 主任/副主任 of a term hold a 评委会成员 grant bound to the committee, term and position: appointing
 * creates (or reactivates) it, removing or changing the position revokes it.
 */
async function syncCommitteeGrants(tx: Db, by: string, orgId: string, term: CommitteeTerm, members: { userId: string; position: TermPosition }[]): Promise<void> {
  const wanted = new Map(members.filter((m) => MANAGING.includes(m.position)).map((m) => [m.userId, TERM_POSITION_LABELS[m.position]]));
  const existing = await tx
    .select({ id: roleGrants.id, userId: roleGrants.userId, position: roleGrants.position, status: roleGrants.status })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "committee_member"), eq(roleGrants.committeeId, term.committeeId), eq(roleGrants.termId, term.id)));
  const now = new Date();
  const validTo = dayAfter(term.endDate);
  for (const g of existing) {
    const keep = wanted.get(g.userId) === g.position;
    if (g.status === "active" && !keep) {
      await tx.update(roleGrants).set({ status: "revoked", revokedBy: by, revokedAt: now }).where(and(eq(roleGrants.id, g.id), eq(roleGrants.status, "active")));
    } else if (keep) {
      await tx.update(roleGrants).set({ status: "active", revokedBy: null, revokedAt: null, validTo }).where(eq(roleGrants.id, g.id));
    }
  }
  for (const [userId, position] of wanted) {
    if (existing.some((g) => g.userId === userId && g.position === position)) continue;
    await tx.insert(roleGrants).values({ userId, role: "committee_member", orgId, committeeId: term.committeeId, termId: term.id, position, validTo, createdBy: by });
  }
}

/** A term of the actor's own committee, or 404. */
export async function loadOwnedTerm(tx: Db, user: Actor, termId: string, opts: { lock?: boolean } = {}): Promise<CommitteeTerm> {
  const q = tx.select().from(committeeTerms).where(eq(committeeTerms.id, termId)).limit(1);
  const [term] = opts.lock ? await q.for("update") : await q;
  if (!term) throw new NotFoundError("该届不存在");
  try {
    await assertCommitteeOwner(tx, user, term.committeeId);
  } catch {
    throw new NotFoundError("该届不存在");
  }
  return term;
}
