/**
 * The shared write steps of the round: the guarded state UPDATE and the declaration moves it drives
 * (accepted → in_review when added, → passed / failed / back to accepted at signing).
 */
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import { declarations, reviewRounds, type ReviewRound } from "@/db/schema";
import type { DeclarationStatus, RoundState } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { StaleStateError } from "@/lib/errors";
import type { RoundActor } from "./access";
import { ROUND_STALE } from "./constants";

/**
 * `UPDATE review_rounds SET state = to, version = version + 1 … WHERE id = ? AND state = from AND version = ?`:
 * of two concurrent moves one wins, the other reads 「评审会议的状态已变化，请刷新后重试」.
 */
export async function moveRound(
  tx: Db,
  round: Pick<ReviewRound, "id">,
  from: RoundState | readonly RoundState[],
  to: RoundState,
  version: number,
  set: Partial<Record<keyof typeof reviewRounds.$inferInsert, unknown>> = {},
): Promise<ReviewRound> {
  const fromStates = typeof from === "string" ? [from] : from;
  const stateCond: SQL = sql`${reviewRounds.state} in (${sql.join(
    fromStates.map((s) => sql`${s}`),
    sql`, `,
  )})`;
  const [row] = await tx
    .update(reviewRounds)
    .set({ ...(set as object), state: to, version: sql`${reviewRounds.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reviewRounds.id, round.id), stateCond, eq(reviewRounds.version, version)))
    .returning();
  if (!row) throw new StaleStateError(ROUND_STALE);
  return row;
}

/** The round's audit row (the last write of the transaction). */
export async function auditRound(tx: Db, actor: RoundActor, action: string, roundId: string, ip: string | null | undefined, detail: Record<string, unknown> = {}): Promise<void> {
  await writeAudit(tx, { ...auditBase(actor, `review_round.${action}`, ip ?? null), outcome: "success", targetType: "review_round", targetId: roundId, detail });
}

/**
 * Moves declarations `from` → `to` (guarded by status) with one event row each; returns the ids moved.
 * The actor columns of the event are the acting session's.
 */
export async function moveDeclarations(
  tx: Db,
  actor: RoundActor,
  ids: readonly string[],
  from: DeclarationStatus,
  to: DeclarationStatus,
  note: string,
  /** Further columns set by the same UPDATE (one write per row: every declaration index is touched once). */
  set: { closedAt?: Date; finalReason?: string } = {},
): Promise<string[]> {
  if (ids.length === 0) return [];
  const moved = await tx
    .update(declarations)
    .set({ ...set, status: to, version: sql`${declarations.version} + 1`, updatedAt: new Date() })
    .where(and(sql`${declarations.id} = any(${uuidArray(ids)})`, eq(declarations.status, from)))
    .returning({ id: declarations.id });
  if (moved.length > 0) {
    // One statement whatever the number (a signature moves up to 2,000 declarations).
    await tx.execute(
      sql`insert into declaration_events (declaration_id, from_status, to_status, actor_id, actor_role, actor_org_id, note, at)
          select d, ${from}::declaration_status, ${to}::declaration_status, ${actor.id}::uuid, ${actor.role}::user_role, ${actor.orgId}::uuid, ${note}, now()
          from unnest(${uuidArray(moved.map((m) => m.id))}) as s(d)`,
    );
  }
  return moved.map((m) => m.id);
}
