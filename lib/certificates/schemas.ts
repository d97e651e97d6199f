import { z } from "zod";
import { ISO_DATE, reasonField, uuidField } from "@/lib/validation/action-fields";
import { safeText } from "@/lib/validation/text";

/** 一般撤销, or 因弄虚作假撤销, which also writes the holder's 诚信档案 record (docs/domain.md §7, §16). */
export const REVOCATION_KINDS = ["ordinary", "fraud"] as const;
export type RevocationKind = (typeof REVOCATION_KINDS)[number];
export const REVOCATION_KIND_LABELS: Record<RevocationKind, string> = { ordinary: "一般撤销", fraud: "因弄虚作假撤销" };

/** 专技处 revokes a certificate: reason required; a fraud revocation also needs the decision's 文号. */
export const revokeCertificateSchema = z
  .object({
    certificateId: uuidField,
    kind: z.enum(REVOCATION_KINDS, { error: "请选择撤销类型" }).default("ordinary"),
    reason: reasonField("撤销原因"),
    documentNo: safeText({ label: "撤销文号" }).max(60, "撤销文号不能超过60个字").optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === "fraud" && !v.documentNo) ctx.addIssue({ code: "custom", path: ["documentNo"], message: "请填写撤销文号" });
  });
export type RevokeCertificateInput = z.infer<typeof revokeCertificateSchema>;

/** 专技处 corrects a certificate: a new version with at least one changed field. */
export const correctCertificateSchema = z.object({
  certificateId: uuidField,
  reason: reasonField("更正原因"),
  changes: z
    .object({
      name: safeText({ label: "姓名" }).min(1, "请填写姓名").max(50).optional(),
      workUnit: safeText({ label: "工作单位" }).min(1, "请填写工作单位").max(100).optional(),
      specialty: safeText({ label: "专业" }).min(1, "请填写专业").max(50).optional(),
      qualificationName: safeText({ label: "资格名称" }).min(1, "请填写资格名称").max(30).optional(),
      approvalNo: safeText({ label: "批准文号" }).min(1, "请填写批准文号").max(60).optional(),
      issueDate: safeText({ label: "发证日期" }).regex(ISO_DATE, "发证日期格式应为 2026-01-01").optional(),
    })
    .refine((c) => Object.values(c).some((v) => v !== undefined), { message: "请至少修改一项内容" }),
});
