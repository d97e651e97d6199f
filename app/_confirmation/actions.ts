"use server";

import { BACKFILL_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { confirmBatch, markBatchReturns, unmarkBatchReturns } from "@/lib/confirmation/confirm-batch";
import { confirmBatchSchema, markReturnSchema, unmarkReturnSchema } from "@/lib/confirmation/schemas";

// Only hrss accounts reach the handlers; each domain call then requires the 专技处 (orgIsCertDivision),
// so a city HR user gets 「仅省人社厅专技处…」 and a denied audit row.

export const markBatchReturnsAction = protectedAction({
  name: "backfill.batch.mark_return",
  roles: ["hrss"],
  schema: markReturnSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const r = await markBatchReturns(tx, user, input);
    return {
      data: r,
      audit: { targetType: "roster_batch", targetId: input.batchId, detail: { recordIds: input.recordIds, reason: input.reason } },
      message: `已将${r.marked}条记录标记为拟退回，确认批次时一并退回`,
    };
  },
});

export const unmarkBatchReturnsAction = protectedAction({
  name: "backfill.batch.unmark_return",
  roles: ["hrss"],
  schema: unmarkReturnSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const r = await unmarkBatchReturns(tx, user, input);
    return { data: r, audit: { targetType: "roster_batch", targetId: input.batchId, detail: { recordIds: input.recordIds } }, message: `已取消${r.unmarked}条记录的退回标记` };
  },
});

export const confirmBatchAction = protectedAction({
  name: "backfill.batch.confirm",
  roles: ["hrss"],
  schema: confirmBatchSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const r = await confirmBatch(tx, user, input);
    return {
      data: r,
      // r carries confirmationNo / confirmationDate: the 专技处's 确认文号 and 确认日期 (not the certificates' 批准文号).
      audit: { targetType: "roster_batch", targetId: input.batchId, detail: r },
      message: `批次 ${r.batchNo} 已确认${r.confirmed}条并发放证书${r.returned ? `，退回${r.returned}条` : ""}`,
    };
  },
});
