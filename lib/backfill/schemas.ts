import { z } from "zod";

const uuid = z.uuid({ error: "参数无效" });
const version = z.number({ error: "参数无效" }).int().positive();
const ref = z.object({ id: uuid, version });
const reason = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(2, `请填写${label}（至少2个字）`)
    .max(200, `${label}不能超过200个字`);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** 照片审核通过: records at the version shown, each with the photo the reviewer saw. */
export const approvePhotosSchema = z.object({
  committeeId: uuid,
  items: z.array(ref.extend({ photoId: uuid })).min(1, "请至少选择一张照片").max(200, "一次最多审核200张照片"),
});
/** 照片退回 (also withdraws an approval before submission): reason required. */
export const rejectPhotoSchema = z.object({ committeeId: uuid, record: ref, photoId: uuid, reason: reason("退回原因") });

export const excludeRecordsSchema = z.object({
  committeeId: uuid,
  recordIds: z.array(uuid).min(1, "请至少选择一条记录").max(500, "一次最多排除500条记录"),
  reason: reason("排除原因"),
});
/** Excludes every record that still blocks the submission (the count the user confirmed). */
export const excludeBlockingSchema = z.object({ committeeId: uuid, expectedCount: z.number().int().positive(), reason: reason("排除原因") });
export const includeRecordsSchema = z.object({ committeeId: uuid, recordIds: z.array(uuid).min(1, "请至少选择一条记录").max(500) });

/** 一次性提交: the count shown in the confirmation dialog must still be the count that moves. */
export const submitBatchSchema = z.object({ committeeId: uuid, expectedCount: z.number().int().positive("没有可提交的记录") });

/** 退回处理: back to 照片已通过 (checked again), or to 待上传照片 to ask for a new photo (reason required). */
export const fixReturnedSchema = z
  .object({
    committeeId: uuid,
    records: z.array(ref).min(1, "请至少选择一条记录").max(200),
    decision: z.enum(["approve", "new_photo"], { error: "请选择处理方式" }),
    reason: z.string().trim().max(200, "原因不能超过200个字").optional(),
  })
  .refine((v) => v.decision !== "new_photo" || (v.reason?.length ?? 0) >= 2, { path: ["reason"], message: "要求重新上传照片时请填写原因" });

/** 专技处: mark records of a waiting batch for return (with a reason), or clear the mark. */
export const markReturnSchema = z.object({
  batchId: uuid,
  batchVersion: version,
  recordIds: z.array(uuid).min(1, "请至少选择一条记录").max(500),
  reason: reason("退回原因"),
});
export const unmarkReturnSchema = z.object({ batchId: uuid, batchVersion: version, recordIds: z.array(uuid).min(1).max(500) });

export const confirmBatchSchema = z.object({
  batchId: uuid,
  batchVersion: version,
  expectedConfirmCount: z.number().int().min(0),
  expectedReturnCount: z.number().int().min(0),
  approvalNo: z.string().trim().max(60, "批准文号不能超过60个字").optional().default(""),
  issueDate: z
    .string()
    .trim()
    .refine((s) => s === "" || ISO_DATE.test(s), "发证日期格式应为 2026-01-01")
    .optional()
    .default(""),
});

export const revokeCertificateSchema = z.object({ certificateId: uuid, reason: reason("撤销原因") });

export const correctCertificateSchema = z.object({
  certificateId: uuid,
  reason: reason("更正原因"),
  changes: z
    .object({
      name: z.string().trim().min(1, "请填写姓名").max(50).optional(),
      workUnit: z.string().trim().min(1, "请填写工作单位").max(100).optional(),
      specialty: z.string().trim().min(1, "请填写专业").max(50).optional(),
      qualificationName: z.string().trim().min(1, "请填写资格名称").max(30).optional(),
      approvalNo: z.string().trim().min(1, "请填写批准文号").max(60).optional(),
      issueDate: z.string().trim().regex(ISO_DATE, "发证日期格式应为 2026-01-01").optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: "请至少修改一项内容" }),
});

export const markNotificationsReadSchema = z.object({});

export type ConfirmBatchInput = z.infer<typeof confirmBatchSchema>;
