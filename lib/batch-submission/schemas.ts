import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { reasonField, uuidField, versionedRefField } from "@/lib/validation/action-fields";

export const excludeRecordsSchema = z.object({
  committeeId: uuidField,
  recordIds: z.array(uuidField).min(1, "请至少选择一条记录").max(500, "一次最多排除500条记录"),
  reason: reasonField("排除原因"),
});
/** Excludes every record that still blocks the submission (the count the user confirmed). */
export const excludeBlockingSchema = z.object({ committeeId: uuidField, expectedCount: z.number().int().positive(), reason: reasonField("排除原因") });
export const includeRecordsSchema = z.object({ committeeId: uuidField, recordIds: z.array(uuidField).min(1, "请至少选择一条记录").max(500) });

/** 一次性提交: the count shown in the confirmation dialog must still be the count that moves. */
export const submitBatchSchema = z.object({ committeeId: uuidField, expectedCount: z.number().int().positive("没有可提交的记录") });

/** 退回处理: back to 照片已通过 (checked again), or to 待上传照片 to ask for a new photo (reason required). */
export const fixReturnedSchema = z
  .object({
    committeeId: uuidField,
    records: z.array(versionedRefField).min(1, "请至少选择一条记录").max(200),
    decision: z.enum(["approve", "new_photo"], { error: "请选择处理方式" }),
    reason: safeText({ label: "原因", multiline: true }).max(200, "原因不能超过200个字").optional(),
  })
  .refine((v) => v.decision !== "new_photo" || (v.reason?.length ?? 0) >= 2, { path: ["reason"], message: "要求重新上传照片时请填写原因" });
