import { and, count, desc, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import { rosterBatches, rosterBatchItems, rosterRecords } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import { personMessages } from "@/lib/notifications/notify";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { moveRecords } from "@/lib/roster/move-record";
import { BLOCKING_STATUSES } from "./constants";
import { notExcluded } from "./exclusions";

/** `PC` + year + committee code + a 4-digit sequence per committee and year, e.g. PC20260010001. */
async function nextBatchNo(tx: Db, committeeCode: string, year: string): Promise<string> {
  const prefix = `PC${year}${committeeCode}`;
  const [last] = await tx
    .select({ batchNo: rosterBatches.batchNo })
    .from(rosterBatches)
    .where(like(rosterBatches.batchNo, `${prefix}%`))
    .orderBy(desc(rosterBatches.batchNo))
    .limit(1);
  const seq = last ? Number(last.batchNo.slice(prefix.length)) + 1 : 1;
  if (seq > 9999) throw new UserError("本年度批次数已达上限");
  return `${prefix}${String(seq).padStart(4, "0")}`;
}

/**
 * 一次性提交 (docs/domain.md §5): every photo_approved record of the committee that is not excluded moves to
 * submitted in one transaction, as one numbered batch. Refused while any record not excluded still
 * waits for a photo, a review or a fix, and when the count differs from the one the user confirmed.
 * The committee row lock serialises submissions and exclusions of one committee.
 */
export async function submitBatch(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; expectedCount: number },
): Promise<{ batchId: string; batchNo: string; count: number }> {
  const committee = await assertCommitteeOwner(tx, actor, input.committeeId, { lock: true });
  const [{ blocking }] = await tx
    .select({ blocking: count() })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.committeeId, committee.id), inArray(rosterRecords.status, [...BLOCKING_STATUSES]), notExcluded(tx)));
  if (blocking > 0) {
    throw new UserError(`还有${blocking}条记录尚未就绪（未上传照片、照片待审核或退回待处理），请处理完毕或填写原因排除后再提交`);
  }
  const candidates = await tx
    .select({ id: rosterRecords.id })
    .from(rosterRecords)
    .where(and(eq(rosterRecords.committeeId, committee.id), eq(rosterRecords.status, "photo_approved"), notExcluded(tx)));
  if (candidates.length === 0) throw new UserError("没有可提交的记录：照片审核通过的记录才能提交");
  if (candidates.length !== input.expectedCount) {
    throw new StaleStateError(`可提交的记录已变化：确认时为${input.expectedCount}条，现在为${candidates.length}条。请刷新后重新确认`);
  }

  const batchNo = await nextBatchNo(tx, committee.code, todayInChina().slice(0, 4));
  const [batch] = await tx
    .insert(rosterBatches)
    .values({ batchNo, committeeId: committee.id, recordCount: candidates.length, submittedBy: actor.id })
    .returning({ id: rosterBatches.id });
  const ids = candidates.map((c) => c.id);
  await moveRecords(tx, {
    recordIds: ids,
    from: ["photo_approved"],
    to: "submitted",
    actorId: actor.id,
    reason: `批次 ${batchNo}`,
    committeeId: committee.id,
    notify: { kind: "submitted", message: personMessages.submitted(batchNo) },
  });
  await tx.execute(sql`insert into ${rosterBatchItems} (batch_id, record_id) select ${batch.id}::uuid, unnest(${uuidArray(ids)})`);
  return { batchId: batch.id, batchNo, count: ids.length };
}
