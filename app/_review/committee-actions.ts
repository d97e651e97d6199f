"use server";

import { revalidatePath } from "next/cache";
import { protectedAction, type ActionResult } from "@/lib/actions/safe-action";
import { submitBatch } from "@/lib/backfill/batches";
import { excludeBlockingRecords, excludeRecords, includeRecords } from "@/lib/backfill/exclusions";
import { markOrgNotificationsRead } from "@/lib/backfill/notify";
import { approvePhotos, fixReturnedRecords, rejectPhoto } from "@/lib/backfill/review";
import {
  approvePhotosSchema,
  excludeBlockingSchema,
  excludeRecordsSchema,
  fixReturnedSchema,
  includeRecordsSchema,
  markNotificationsReadSchema,
  rejectPhotoSchema,
  submitBatchSchema,
} from "@/lib/backfill/schemas";
import { UserError } from "@/lib/errors";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

// Public POST endpoints: each checks session, input and role here, and ownership of the committee
// (and of every record) inside the domain call, in the transaction that also writes the audit row.

function refresh(): void {
  for (const area of ["/hrss", "/dept", "/self-unit"]) revalidatePath(area, "layout");
  revalidatePath("/person", "layout");
}

async function withRefresh<T>(p: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = await p;
  if (r.ok) refresh();
  return r;
}

const approve = protectedAction({
  name: "backfill.photo.approve",
  roles: COMMITTEE_FORMING_ROLES,
  schema: approvePhotosSchema,
  handler: async ({ input, user, tx }) => {
    const n = await approvePhotos(tx, user, input);
    return {
      data: { approved: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { approved: input.items.map((i) => ({ recordId: i.id, photoId: i.photoId })) } },
      message: `已审核通过${n}张照片`,
    };
  },
});

const reject = protectedAction({
  name: "backfill.photo.reject",
  roles: COMMITTEE_FORMING_ROLES,
  schema: rejectPhotoSchema,
  handler: async ({ input, user, tx }) => {
    await rejectPhoto(tx, user, input);
    return {
      data: undefined,
      audit: { targetType: "roster_record", targetId: input.record.id, detail: { committeeId: input.committeeId, photoId: input.photoId, reason: input.reason } },
      message: "已退回，专业技术人员将收到重新上传照片的通知",
    };
  },
});

const fixReturned = protectedAction({
  name: "backfill.returned.fix",
  roles: COMMITTEE_FORMING_ROLES,
  schema: fixReturnedSchema,
  handler: async ({ input, user, tx }) => {
    const n = await fixReturnedRecords(tx, user, input);
    return {
      data: { fixed: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { decision: input.decision, reason: input.reason ?? null, recordIds: input.records.map((r) => r.id) } },
      message: input.decision === "approve" ? `${n}条记录已恢复为“照片已通过”，可在下一批次提交` : `${n}条记录已退回专业技术人员重新上传照片`,
    };
  },
});

const exclude = protectedAction({
  name: "backfill.exclusion.add",
  roles: COMMITTEE_FORMING_ROLES,
  schema: excludeRecordsSchema,
  handler: async ({ input, user, tx }) => {
    const n = await excludeRecords(tx, user, input);
    return {
      data: { excluded: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { recordIds: input.recordIds, reason: input.reason } },
      message: `已排除${n}条记录，它们不参加本次提交`,
    };
  },
});

const excludeBlocking = protectedAction({
  name: "backfill.exclusion.add_blocking",
  roles: COMMITTEE_FORMING_ROLES,
  schema: excludeBlockingSchema,
  handler: async ({ input, user, tx }) => {
    const n = await excludeBlockingRecords(tx, user, input);
    return {
      data: { excluded: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { excluded: n, reason: input.reason } },
      message: `已排除${n}条未就绪记录`,
    };
  },
});

const include = protectedAction({
  name: "backfill.exclusion.remove",
  roles: COMMITTEE_FORMING_ROLES,
  schema: includeRecordsSchema,
  handler: async ({ input, user, tx }) => {
    const n = await includeRecords(tx, user, input);
    return {
      data: { included: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { recordIds: input.recordIds } },
      message: `已取消排除${n}条记录`,
    };
  },
});

const submit = protectedAction({
  name: "backfill.batch.submit",
  roles: COMMITTEE_FORMING_ROLES,
  schema: submitBatchSchema,
  handler: async ({ input, user, tx }) => {
    const b = await submitBatch(tx, user, input);
    return {
      data: b,
      audit: { targetType: "roster_batch", targetId: b.batchId, detail: { committeeId: input.committeeId, batchNo: b.batchNo, count: b.count } },
      message: `已一次性提交${b.count}条记录，批次号 ${b.batchNo}，等待省人社厅专技处确认`,
    };
  },
});

const markRead = protectedAction({
  name: "backfill.notifications.read_org",
  roles: COMMITTEE_FORMING_ROLES,
  schema: markNotificationsReadSchema,
  handler: async ({ user, tx }) => {
    if (!user.orgId) throw new UserError("账号未关联单位");
    const n = await markOrgNotificationsRead(tx, user.orgId);
    return { data: { read: n }, audit: { targetType: "org", targetId: user.orgId, detail: { read: n } }, message: "已全部标为已读" };
  },
});

export async function approvePhotosAction(raw: unknown) {
  return withRefresh(approve(raw));
}
export async function rejectPhotoAction(raw: unknown) {
  return withRefresh(reject(raw));
}
export async function fixReturnedAction(raw: unknown) {
  return withRefresh(fixReturned(raw));
}
export async function excludeRecordsAction(raw: unknown) {
  return withRefresh(exclude(raw));
}
export async function excludeBlockingAction(raw: unknown) {
  return withRefresh(excludeBlocking(raw));
}
export async function includeRecordsAction(raw: unknown) {
  return withRefresh(include(raw));
}
export async function submitBatchAction(raw: unknown) {
  return withRefresh(submit(raw));
}
export async function markOrgNotificationsReadAction(raw: unknown) {
  return withRefresh(markRead(raw));
}
