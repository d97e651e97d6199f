import { z } from "zod";
import { safeText } from "@/lib/validation/text";
import { ISO_DATE, reasonField, uuidField, versionField } from "@/lib/validation/action-fields";

/** 专技处: mark records of a waiting batch for return (with a reason), or clear the mark. */
export const markReturnSchema = z.object({
  batchId: uuidField,
  batchVersion: versionField,
  recordIds: z.array(uuidField).min(1, "请至少选择一条记录").max(500),
  reason: reasonField("退回原因"),
});
export const unmarkReturnSchema = z.object({ batchId: uuidField, batchVersion: versionField, recordIds: z.array(uuidField).min(1).max(500) });

export const confirmBatchSchema = z.object({
  batchId: uuidField,
  batchVersion: versionField,
  expectedConfirmCount: z.number().int().min(0),
  expectedReturnCount: z.number().int().min(0),
  /** 确认文号 and 确认日期 of the 专技处 (stored on the batch, not printed on the certificates). */
  approvalNo: safeText({ label: "确认文号" }).max(60, "确认文号不能超过60个字").optional().default(""),
  issueDate: z
    .string()
    .trim()
    .refine((s) => s === "" || ISO_DATE.test(s), "确认日期格式应为 2026-01-01")
    .optional()
    .default(""),
});

export type ConfirmBatchInput = z.infer<typeof confirmBatchSchema>;
