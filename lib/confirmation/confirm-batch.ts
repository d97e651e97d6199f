import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, rosterBatches, rosterBatchItems } from "@/db/schema";
import { insertIssuedCertificates, readIssueSources, signIssue } from "@/lib/certificates/issue";
import { StaleStateError, UserError } from "@/lib/errors";
import { notifyCommitteeOrg, personMessages } from "@/lib/notifications/notify";
import { todayInChina } from "@/lib/roster/dates";
import { moveRecords } from "@/lib/roster/move-record";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";

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

export type ConfirmOutcome = {
  batchNo: string;
  confirmed: number;
  returned: number;
  certificates: number;
  /** The 专技处's 确认文号 and 确认日期 (null when nothing was confirmed): recorded on the batch, not printed. */
  confirmationNo: string | null;
  confirmationDate: string | null;
};

/**
 * 专技处确认: one guarded UPDATE of the batch row (status = submitted AND version = seen) decides which
 * of any number of simultaneous confirmations wins; the others match no row and get 「状态已变化」.
 * Then, in the same transaction: unmarked records → confirmed with certificates issued, marked
 * records → returned with their reasons, the committee notified.
 *
 * `approvalNo` / `issueDate` of the input are the 专技处's 确认文号 and 确认日期, once per batch. They are
 * stored on the batch row (roster_batches.approval_no / issue_date), named in each record's event and
 * in the audit row — and NOT printed on the certificates: a certificate carries the title's own
 * 批准文号 and 发证日期 from the roster (lib/certificates/issue.ts, docs/domain.md §5 and §7).
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
    if (!approvalNo) errors.approvalNo = "请填写确认文号";
    if (!issueDate) errors.issueDate = "请填写确认日期";
    else if (issueDate > todayInChina()) errors.issueDate = "确认日期不能晚于今天";
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
      reason: `批次 ${batch.batchNo}，确认文号 ${approvalNo}`,
      notify: { kind: "confirmed", message: personMessages.confirmed },
    }),
    signIssue(sources),
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
  return {
    batchNo: batch.batchNo,
    confirmed: confirmIds.length,
    returned: returns.length,
    certificates,
    confirmationNo: approvalNo || null,
    confirmationDate: issueDate || null,
  };
}
