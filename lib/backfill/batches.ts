import { and, count, desc, eq, inArray, like, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { uuidArray } from "@/db/raw";
import { committees, rosterBatches, rosterBatchItems, rosterRecords } from "@/db/schema";
import { insertIssuedCertificates, readIssueSources, signIssue } from "@/lib/certificates/issue";
import { StaleStateError, UserError } from "@/lib/errors";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { BLOCKING_STATUSES } from "./constants";
import { notExcluded } from "./exclusions";
import { assertCertDivision, type ProvinceActor } from "./guards";
import { moveRecords } from "./move-record";
import { notifyCommitteeOrg, personMessages } from "./notify";

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

/** Bumps a waiting batch's version, or refuses: every change to a batch is checked against what the user saw. */
async function touchWaitingBatch(tx: Db, batchId: string, version: number) {
  const [row] = await tx
    .update(rosterBatches)
    .set({ version: sql`${rosterBatches.version} + 1` })
    .where(and(eq(rosterBatches.id, batchId), eq(rosterBatches.status, "submitted"), eq(rosterBatches.version, version)))
    .returning({ version: rosterBatches.version });
  if (!row) throw new StaleStateError("该批次已被处理或已变化，请刷新后重试");
  return row.version;
}

/**
 * 拟退回: marks records of a waiting batch for return with the reason. Nothing moves yet: the marked
 * records return, and the rest are confirmed, in the one confirmation transaction.
 */
export async function markBatchReturns(
  tx: Db,
  actor: ProvinceActor,
  input: { batchId: string; batchVersion: number; recordIds: string[]; reason: string },
): Promise<{ marked: number; version: number }> {
  assertCertDivision(actor);
  const version = await touchWaitingBatch(tx, input.batchId, input.batchVersion);
  const ids = [...new Set(input.recordIds)];
  const rows = await tx
    .update(rosterBatchItems)
    .set({ result: "returned", returnReason: input.reason })
    .where(and(eq(rosterBatchItems.batchId, input.batchId), inArray(rosterBatchItems.recordId, ids)))
    .returning({ id: rosterBatchItems.recordId });
  if (rows.length !== ids.length) throw new UserError("所选记录不在该批次中");
  return { marked: rows.length, version };
}

export async function unmarkBatchReturns(
  tx: Db,
  actor: ProvinceActor,
  input: { batchId: string; batchVersion: number; recordIds: string[] },
): Promise<{ unmarked: number; version: number }> {
  assertCertDivision(actor);
  const version = await touchWaitingBatch(tx, input.batchId, input.batchVersion);
  const rows = await tx
    .update(rosterBatchItems)
    .set({ result: "submitted", returnReason: null })
    .where(and(eq(rosterBatchItems.batchId, input.batchId), inArray(rosterBatchItems.recordId, [...new Set(input.recordIds)]), eq(rosterBatchItems.result, "returned")))
    .returning({ id: rosterBatchItems.recordId });
  if (rows.length !== new Set(input.recordIds).size) throw new StaleStateError("所选记录不是拟退回状态，请刷新后重试");
  return { unmarked: rows.length, version };
}

export type ConfirmOutcome = { batchNo: string; confirmed: number; returned: number; certificates: number };

/**
 * 专技处确认: one guarded UPDATE of the batch row (status = submitted AND version = seen) decides which
 * of any number of simultaneous confirmations wins; the others match no row and get 「状态已变化」.
 * Then, in the same transaction: unmarked records → confirmed with certificates issued (批准文号 and
 * 发证日期 once per batch), marked records → returned with their reasons, the committee notified.
 */
export async function confirmBatch(
  tx: Db,
  actor: ProvinceActor,
  input: { batchId: string; batchVersion: number; expectedConfirmCount: number; expectedReturnCount: number; approvalNo: string; issueDate: string },
): Promise<ConfirmOutcome> {
  assertCertDivision(actor);
  const approvalNo = input.approvalNo.trim();
  const issueDate = input.issueDate.trim();
  if (input.expectedConfirmCount > 0) {
    const errors: Record<string, string> = {};
    if (!approvalNo) errors.approvalNo = "请填写批准文号";
    if (!issueDate) errors.issueDate = "请填写发证日期";
    else if (issueDate > todayInChina()) errors.issueDate = "发证日期不能晚于今天";
    if (Object.keys(errors).length) throw new UserError(Object.values(errors)[0], errors);
  }
  const now = new Date();
  const [batch] = await tx
    .update(rosterBatches)
    .set({
      status: "confirmed",
      version: sql`${rosterBatches.version} + 1`,
      confirmedBy: actor.id,
      confirmedAt: now,
      approvalNo: approvalNo || null,
      issueDate: issueDate || null,
    })
    .where(and(eq(rosterBatches.id, input.batchId), eq(rosterBatches.status, "submitted"), eq(rosterBatches.version, input.batchVersion)))
    .returning({ id: rosterBatches.id, batchNo: rosterBatches.batchNo, committeeId: rosterBatches.committeeId });
  if (!batch) throw new StaleStateError();

  const items = await tx
    .select({ recordId: rosterBatchItems.recordId, result: rosterBatchItems.result, reason: rosterBatchItems.returnReason })
    .from(rosterBatchItems)
    .where(eq(rosterBatchItems.batchId, batch.id));
  const confirmIds = items.filter((i) => i.result === "submitted").map((i) => i.recordId);
  const returns = items.filter((i) => i.result === "returned");
  if (confirmIds.length !== input.expectedConfirmCount || returns.length !== input.expectedReturnCount) {
    throw new StaleStateError(
      `批次内容已变化：确认时为确认${input.expectedConfirmCount}条、退回${input.expectedReturnCount}条，现在为确认${confirmIds.length}条、退回${returns.length}条。请刷新后重试`,
    );
  }

  // The certificates are signed in this process while the database moves the records: the fields
  // are read first, then the move and the signing run side by side (the insert checks that the move
  // was the only change since the read).
  const sources = await readIssueSources(tx, confirmIds);
  const [, signed] = await Promise.all([
    moveRecords(tx, {
      recordIds: confirmIds,
      from: ["submitted"],
      to: "confirmed",
      actorId: actor.id,
      reason: `批次 ${batch.batchNo}，批准文号 ${approvalNo}`,
      notify: { kind: "confirmed", message: personMessages.confirmed },
    }),
    signIssue(sources, { approvalNo, issueDate }),
  ]);
  if (confirmIds.length > 0) {
    await tx
      .update(rosterBatchItems)
      .set({ result: "confirmed" })
      .where(and(eq(rosterBatchItems.batchId, batch.id), eq(rosterBatchItems.result, "submitted")));
  }
  const certificates = await insertIssuedCertificates(tx, signed, { issuedBy: actor.id, movesSinceRead: 1 });

  const byReason = new Map<string, string[]>();
  for (const r of returns) {
    const reason = r.reason ?? "专技处退回";
    byReason.set(reason, [...(byReason.get(reason) ?? []), r.recordId]);
  }
  const returnedNotices: { kind: string; message: string; recordId: string }[] = [];
  for (const [reason, ids] of byReason) {
    const moved = await moveRecords(tx, {
      recordIds: ids,
      from: ["submitted"],
      to: "returned",
      actorId: actor.id,
      reason,
      notify: { kind: "returned", message: personMessages.returned(reason) },
    });
    for (const m of moved) {
      returnedNotices.push({ kind: "returned", recordId: m.id, message: `批次 ${batch.batchNo} 中“${m.name}”的“${m.qualificationName}”被省人社厅专技处退回，原因：${reason}。请处理后重新提交。` });
    }
  }

  await tx.update(rosterBatches).set({ confirmedCount: confirmIds.length, returnedCount: returns.length }).where(eq(rosterBatches.id, batch.id));
  const [owner] = await tx.select({ orgId: committees.formingOrgId }).from(committees).where(eq(committees.id, batch.committeeId));
  if (owner) {
    await notifyCommitteeOrg(tx, owner.orgId, [
      {
        kind: "batch_confirmed",
        message: `批次 ${batch.batchNo} 已由省人社厅专技处处理：确认${confirmIds.length}条${returns.length ? `，退回${returns.length}条` : ""}。`,
      },
      ...returnedNotices,
    ], now);
  }
  return { batchNo: batch.batchNo, confirmed: confirmIds.length, returned: returns.length, certificates };
}
