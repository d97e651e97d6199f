import { and, eq, inArray, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterExclusions, rosterRecords } from "@/db/schema";
import { ForbiddenError, StaleStateError } from "@/lib/errors";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { BLOCKING_STATUSES, isExcludable } from "./constants";

/**
 * 排除: a record left out of the one-shot submission, with the reason. It stays on the roster and in
 * the board's "已排除" list; cancelling the exclusion puts it back into the next batch. Every change
 * holds the committee lock, like the submission, so a count the user confirmed cannot shift underneath.
 */
export async function excludeRecords(tx: Db, actor: RosterActor, input: { committeeId: string; recordIds: string[]; reason: string }): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  const ids = [...new Set(input.recordIds)];
  const rows = await tx
    .select({ id: rosterRecords.id, status: rosterRecords.status })
    .from(rosterRecords)
    .where(and(inArray(rosterRecords.id, ids), eq(rosterRecords.committeeId, input.committeeId)));
  if (rows.length !== ids.length) throw new ForbiddenError("所选记录不属于该评委会");
  if (rows.some((r) => !isExcludable(r.status))) {
    throw new StaleStateError("所选记录中有的已提交或已确认，不能排除。请刷新后重试");
  }
  return upsertExclusions(tx, ids, input.reason, actor.id);
}

async function upsertExclusions(tx: Db, ids: string[], reason: string, actorId: string): Promise<number> {
  const now = new Date();
  const CHUNK = 5000;
  for (let i = 0; i < ids.length; i += CHUNK) {
    await tx
      .insert(rosterExclusions)
      .values(ids.slice(i, i + CHUNK).map((recordId) => ({ recordId, reason, excludedBy: actorId, excludedAt: now })))
      .onConflictDoUpdate({ target: rosterExclusions.recordId, set: { reason, excludedBy: actorId, excludedAt: now } });
  }
  return ids.length;
}

/** Where a record is not excluded (for the submission and the blocking count). */
export function notExcluded(tx: Db) {
  return notExists(tx.select({ one: sql`1` }).from(rosterExclusions).where(eq(rosterExclusions.recordId, rosterRecords.id)));
}

/** 全部排除: every record still blocking the submission, when their number is the one the user confirmed. */
export async function excludeBlockingRecords(tx: Db, actor: RosterActor, input: { committeeId: string; expectedCount: number; reason: string }): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  const rows = await tx
    .select({ id: rosterRecords.id })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.committeeId, input.committeeId), inArray(rosterRecords.status, [...BLOCKING_STATUSES]), notExcluded(tx)));
  if (rows.length !== input.expectedCount) {
    throw new StaleStateError(`未就绪记录已变化：确认时为${input.expectedCount}条，现在为${rows.length}条。请刷新后重新确认`);
  }
  return upsertExclusions(
    tx,
    rows.map((r) => r.id),
    input.reason,
    actor.id,
  );
}

/** 取消排除: the records take part in the next submission again (and block it while not ready). */
export async function includeRecords(tx: Db, actor: RosterActor, input: { committeeId: string; recordIds: string[] }): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  const ids = [...new Set(input.recordIds)];
  const ofCommittee = tx.select({ id: rosterRecords.id }).from(rosterRecords).where(and(inArray(rosterRecords.id, ids), eq(rosterRecords.committeeId, input.committeeId)));
  const deleted = await tx
    .delete(rosterExclusions)
    .where(and(inArray(rosterExclusions.recordId, ids), inArray(rosterExclusions.recordId, ofCommittee)))
    .returning({ id: rosterExclusions.recordId });
  if (deleted.length !== ids.length) throw new StaleStateError("所选记录中有的已不在排除列表中，请刷新后重试");
  return deleted.length;
}
