"use server";

import { BACKFILL_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { approvePhotos, rejectPhoto } from "@/lib/photo-review/decisions";
import { approvePhotosSchema, rejectPhotoSchema } from "@/lib/photo-review/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

// Public POST endpoints: role checked here; ownership of the committee and of every record inside
// the domain call, in the transaction that also writes the audit row.

export const approvePhotosAction = protectedAction({
  name: "backfill.photo.approve",
  roles: COMMITTEE_FORMING_ROLES,
  schema: approvePhotosSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await approvePhotos(tx, user, input);
    return {
      data: { approved: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { approved: input.items.map((i) => ({ recordId: i.id, photoId: i.photoId })) } },
      message: `已审核通过${n}张照片`,
    };
  },
});

export const rejectPhotoAction = protectedAction({
  name: "backfill.photo.reject",
  roles: COMMITTEE_FORMING_ROLES,
  schema: rejectPhotoSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    await rejectPhoto(tx, user, input);
    return {
      data: undefined,
      audit: { targetType: "roster_record", targetId: input.record.id, detail: { committeeId: input.committeeId, photoId: input.photoId, reason: input.reason } },
      message: "已退回，专业技术人员将收到重新上传照片的通知",
    };
  },
});
