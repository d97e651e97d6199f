/**
 * One zod schema per results form (结果公示, objections, 确认 / 备案), shared by the form and its server action.
 */
import { z } from "zod";
import { reasonField, uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { safeText } from "@/lib/validation/text";
import { MAX_ROUND_CANDIDATES } from "@/lib/review-rounds/constants";

/** 发布结果公示 (forming organisation, round signed). */
export const publishResultsSchema = z.object({ roundId: uuidField, version: versionField });
export type PublishResults = z.infer<typeof publishResultsSchema>;

/** 登记异议 on one candidate during the 公示. */
export const recordObjectionSchema = z.object({
  roundId: uuidField,
  declarationId: uuidField,
  content: safeText({ label: "异议内容", multiline: true }).min(2, "请填写异议内容（至少2个字）").max(1000, "异议内容不能超过1000个字"),
});
export type RecordObjection = z.infer<typeof recordObjectionSchema>;

/** 处理异议: kept (the result stands) or upheld (the result is withheld), with the reason. */
export const resolveObjectionSchema = z.object({
  roundId: uuidField,
  objectionId: uuidField,
  decision: z.enum(["kept", "upheld"], { error: "请选择处理结果" }),
  reason: reasonField("处理意见"),
});
export type ResolveObjection = z.infer<typeof resolveObjectionSchema>;

/** 确认 / 备案 of a round's results by the approving 人社部门: 文号, date, any candidates withheld. */
export const confirmResultsSchema = z.object({
  roundId: uuidField,
  version: versionField,
  approvalNo: safeText({ label: "文号" }).min(2, "请填写文号").max(100, "文号不能超过100个字"),
  issueDate: z.string({ error: "请填写发文日期" }).refine(isIsoDay, "请填写发文日期（YYYY-MM-DD）"),
  withhold: z
    .array(z.object({ declarationId: uuidField, reason: reasonField("暂缓确认原因") }))
    .max(MAX_ROUND_CANDIDATES)
    .default([]),
  /** How many certificates the user saw would be issued (the confirmation refuses when it differs). */
  expectedCount: z.number().int().nonnegative(),
});
export type ConfirmResults = z.input<typeof confirmResultsSchema>;

/** 发证 of a confirmed round by the 专技处. */
export const issueResultCertificatesSchema = z.object({
  roundId: uuidField,
  /** How many certificates the user saw would be issued (the issue refuses when it differs). */
  expectedCount: z.number().int().nonnegative(),
});
export type IssueResultCertificates = z.infer<typeof issueResultCertificatesSchema>;
