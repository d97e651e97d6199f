import { z } from "zod";
import { reasonField, uuidField, versionedRefField } from "@/lib/validation/action-fields";

/** 照片审核通过: records at the version shown, each with the photo the reviewer saw. */
export const approvePhotosSchema = z.object({
  committeeId: uuidField,
  items: z.array(versionedRefField.extend({ photoId: uuidField })).min(1, "请至少选择一张照片").max(200, "一次最多审核200张照片"),
});
/** 照片退回 (also withdraws an approval before submission): reason required. */
export const rejectPhotoSchema = z.object({ committeeId: uuidField, record: versionedRefField, photoId: uuidField, reason: reasonField("退回原因") });
