"use server";

import { BACKFILL_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { excludeBlockingRecords, excludeRecords, includeRecords } from "@/lib/batch-submission/exclusions";
import { fixReturnedRecords } from "@/lib/batch-submission/returned";
import { excludeBlockingSchema, excludeRecordsSchema, fixReturnedSchema, includeRecordsSchema, submitBatchSchema } from "@/lib/batch-submission/schemas";
import { submitBatch } from "@/lib/batch-submission/submit-batch";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

// Public POST endpoints: each checks session, input and role here, and ownership of the committee
// (and of every record) inside the domain call, in the transaction that also writes the audit row.

export const fixReturnedAction = protectedAction({
  name: "backfill.returned.fix",
  roles: COMMITTEE_FORMING_ROLES,
  schema: fixReturnedSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await fixReturnedRecords(tx, user, input);
    return {
      data: { fixed: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { decision: input.decision, reason: input.reason ?? null, recordIds: input.records.map((r) => r.id) } },
      message: input.decision === "approve" ? `${n}条记录已恢复为“照片已通过”，可在下一批次提交` : `${n}条记录已退回专业技术人员重新上传照片`,
    };
  },
});

export const excludeRecordsAction = protectedAction({
  name: "backfill.exclusion.add",
  roles: COMMITTEE_FORMING_ROLES,
  schema: excludeRecordsSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await excludeRecords(tx, user, input);
    return {
      data: { excluded: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { recordIds: input.recordIds, reason: input.reason } },
      message: `已排除${n}条记录，它们不参加本次提交`,
    };
  },
});

export const excludeBlockingAction = protectedAction({
  name: "backfill.exclusion.add_blocking",
  roles: COMMITTEE_FORMING_ROLES,
  schema: excludeBlockingSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await excludeBlockingRecords(tx, user, input);
    return {
      data: { excluded: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { excluded: n, reason: input.reason } },
      message: `已排除${n}条未就绪记录`,
    };
  },
});

export const includeRecordsAction = protectedAction({
  name: "backfill.exclusion.remove",
  roles: COMMITTEE_FORMING_ROLES,
  schema: includeRecordsSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await includeRecords(tx, user, input);
    return {
      data: { included: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { recordIds: input.recordIds } },
      message: `已取消排除${n}条记录`,
    };
  },
});

export const submitBatchAction = protectedAction({
  name: "backfill.batch.submit",
  roles: COMMITTEE_FORMING_ROLES,
  schema: submitBatchSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const b = await submitBatch(tx, user, input);
    return {
      data: b,
      audit: { targetType: "roster_batch", targetId: b.batchId, detail: { committeeId: input.committeeId, batchNo: b.batchNo, count: b.count } },
      message: `已一次性提交${b.count}条记录，批次号 ${b.batchNo}，等待省人社厅专技处确认`,
    };
  },
});
