import { and, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecordEvents, rosterRecords, type RosterStatus } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import type { RosterActor } from "./access";
import { PHOTO_FIRST_YEAR } from "./photo-rule";

/**
 * The transitions of docs/domain.md §3 that the roster itself performs (publishing drafts). The
 * back-fill's own (photo submit/approve/reject, batch submit, confirm, return, revoke, correct) go
 * through lib/backfill/move-record.ts.
 */
export const ROSTER_TRANSITIONS = {
  // A pre-2020 record needs no photo (lib/roster/photo-rule.ts): publishing moves it to photo_approved.
  publish: { from: "draft", to: "awaiting_photo", needsReason: false },
} as const satisfies Record<string, { from: RosterStatus; to: RosterStatus; needsReason: boolean }>;
export type RosterTransition = keyof typeof ROSTER_TRANSITIONS;

const EVENT_BATCH = 5000;

/**
 * Moves records of one committee from the transition's state to the next, guarded in SQL (only rows
 * still in the `from` state move) and logged per record in roster_record_events. With `expectedCount`
 * the whole change is refused when a different number of records would move (the user confirmed a count).
 * The caller must have asserted ownership of the committee, in the same transaction.
 */
export async function transitionRosterRecords(
  tx: Db,
  actor: RosterActor,
  opts: { committeeId: string; transition: RosterTransition; recordIds?: string[]; expectedCount?: number; reason?: string },
): Promise<number> {
  const t = ROSTER_TRANSITIONS[opts.transition];
  const reason = opts.reason?.trim() || null;
  if (t.needsReason && !reason) throw new UserError("请填写原因", { reason: "请填写原因" });

  const conds: SQL[] = [eq(rosterRecords.committeeId, opts.committeeId), eq(rosterRecords.status, t.from)];
  if (opts.recordIds) conds.push(inArray(rosterRecords.id, opts.recordIds));
  const now = new Date();
  const to =
    opts.transition === "publish"
      ? sql<RosterStatus>`case when ${rosterRecords.passYear} < ${PHOTO_FIRST_YEAR}::int then 'photo_approved'::roster_status else ${t.to}::roster_status end`
      : t.to;
  const moved = await tx
    .update(rosterRecords)
    .set({
      status: to,
      version: sql`${rosterRecords.version} + 1`,
      updatedAt: now,
      updatedBy: actor.id,
      ...(opts.transition === "publish" ? { publishedAt: now } : {}),
    })
    .where(and(...conds))
    .returning({ id: rosterRecords.id, status: rosterRecords.status });

  if (opts.expectedCount !== undefined && moved.length !== opts.expectedCount) {
    // Throwing rolls the update back: nothing moves unless exactly what the user confirmed moves.
    throw new StaleStateError(`名册已变化：确认时为${opts.expectedCount}条，现在符合条件的有${moved.length}条。请刷新后重新确认`);
  }
  for (let i = 0; i < moved.length; i += EVENT_BATCH) {
    await tx.insert(rosterRecordEvents).values(
      moved.slice(i, i + EVENT_BATCH).map((m) => ({ recordId: m.id, fromStatus: t.from, toStatus: m.status, actorId: actor.id, reason, at: now })),
    );
  }
  return moved.length;
}
