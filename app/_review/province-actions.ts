"use server";

import { revalidatePath } from "next/cache";
import { protectedAction, type ActionResult } from "@/lib/actions/safe-action";
import { confirmBatch, markBatchReturns, unmarkBatchReturns } from "@/lib/backfill/batches";
import { correctCertificateWithRecord, revokeCertificateWithRecord } from "@/lib/backfill/certificate-changes";
import { confirmBatchSchema, correctCertificateSchema, markReturnSchema, revokeCertificateSchema, unmarkReturnSchema } from "@/lib/backfill/schemas";

// Only hrss accounts reach the handlers; each domain call then requires the 专技处 (orgIsCertDivision),
// so a city HR user gets 「仅省人社厅专技处…」 and a denied audit row.

function refresh(): void {
  for (const area of ["/hrss", "/dept", "/self-unit", "/person"]) revalidatePath(area, "layout");
}

async function withRefresh<T>(p: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = await p;
  if (r.ok) refresh();
  return r;
}

const mark = protectedAction({
  name: "backfill.batch.mark_return",
  roles: ["hrss"],
  schema: markReturnSchema,
  handler: async ({ input, user, tx }) => {
    const r = await markBatchReturns(tx, user, input);
    return {
      data: r,
      audit: { targetType: "roster_batch", targetId: input.batchId, detail: { recordIds: input.recordIds, reason: input.reason } },
      message: `已将${r.marked}条记录标记为拟退回，确认批次时一并退回`,
    };
  },
});

const unmark = protectedAction({
  name: "backfill.batch.unmark_return",
  roles: ["hrss"],
  schema: unmarkReturnSchema,
  handler: async ({ input, user, tx }) => {
    const r = await unmarkBatchReturns(tx, user, input);
    return { data: r, audit: { targetType: "roster_batch", targetId: input.batchId, detail: { recordIds: input.recordIds } }, message: `已取消${r.unmarked}条记录的退回标记` };
  },
});

const confirm = protectedAction({
  name: "backfill.batch.confirm",
  roles: ["hrss"],
  schema: confirmBatchSchema,
  handler: async ({ input, user, tx }) => {
    const r = await confirmBatch(tx, user, input);
    return {
      data: r,
      audit: { targetType: "roster_batch", targetId: input.batchId, detail: { ...r, approvalNo: input.approvalNo, issueDate: input.issueDate } },
      message: `批次 ${r.batchNo} 已确认${r.confirmed}条并发放证书${r.returned ? `，退回${r.returned}条` : ""}`,
    };
  },
});

const revoke = protectedAction({
  name: "certificate.revoke",
  roles: ["hrss"],
  schema: revokeCertificateSchema,
  handler: async ({ input, user, tx }) => {
    const c = await revokeCertificateWithRecord(tx, user, input);
    return {
      data: { certNo: c.certNo, version: c.version },
      audit: { targetType: "certificate", targetId: c.id, detail: { certNo: c.certNo, version: c.version, reason: input.reason } },
      message: `证书 ${c.certNo} 已撤销`,
    };
  },
});

const correct = protectedAction({
  name: "certificate.correct",
  roles: ["hrss"],
  schema: correctCertificateSchema,
  handler: async ({ input, user, tx }) => {
    const c = await correctCertificateWithRecord(tx, user, input);
    return {
      data: { id: c.id, certNo: c.certNo, version: c.version },
      audit: { targetType: "certificate", targetId: c.id, detail: { certNo: c.certNo, previous: input.certificateId, version: c.version, changes: input.changes, reason: input.reason } },
      message: `证书 ${c.certNo} 已更正，发放第${c.version}版`,
    };
  },
});

export async function markBatchReturnsAction(raw: unknown) {
  return withRefresh(mark(raw));
}
export async function unmarkBatchReturnsAction(raw: unknown) {
  return withRefresh(unmark(raw));
}
export async function confirmBatchAction(raw: unknown) {
  return withRefresh(confirm(raw));
}
export async function revokeCertificateAction(raw: unknown) {
  return withRefresh(revoke(raw));
}
export async function correctCertificateAction(raw: unknown) {
  return withRefresh(correct(raw));
}
