import { z } from "zod";
import { phoneSchema, usernameSchema } from "@/lib/accounts/schemas";
import { passwordSchema } from "@/lib/auth/password-policy";
import { captchaField } from "@/lib/captcha/schemas";
import { ID_TYPES, validateIdDocument } from "@/lib/validation/id-number";
import { safeText } from "@/lib/validation/text";

/** The text fields of a 证件号码被占用申诉 (the proof file travels beside them, checked by content). */
export const disputeFilingSchema = z
  .object({
    name: safeText({ label: "姓名" }).min(2, "请填写姓名（与证件一致）").max(50, "姓名过长"),
    idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
    idNumber: safeText({ label: "证件号码" }).min(1, "请填写证件号码"),
    nationality: safeText({ label: "国籍" }).max(50).optional(),
    phone: phoneSchema,
    username: usernameSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
    statement: safeText({ label: "情况说明", multiline: true }).min(10, "请简要说明情况（至少10个字）").max(1000, "情况说明最多1000字"),
    consent: z.boolean().refine((v) => v, "请阅读并勾选同意敏感个人信息处理告知"),
    // The ALTCHA solution (docs/domain.md §9), verified and redeemed by lib/disputes/captcha.ts.
    captcha: captchaField,
  })
  .superRefine((v, ctx) => {
    const check = validateIdDocument(v.idType, v.idNumber);
    if (!check.ok) ctx.addIssue({ code: "custom", path: ["idNumber"], message: check.message });
    if (v.idType === "passport" && !v.nationality) ctx.addIssue({ code: "custom", path: ["nationality"], message: "持护照须填写国籍" });
    if (v.password !== v.confirmPassword) ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的密码不一致" });
  });
export type DisputeFilingInput = z.infer<typeof disputeFilingSchema>;

export const disputeDecisionSchema = z.discriminatedUnion("decision", [
  z.object({ disputeId: z.uuid("申诉不存在"), decision: z.literal("uphold"), reason: safeText({ label: "理由", multiline: true }).max(500, "最多500字").optional().default("") }),
  z.object({ disputeId: z.uuid("申诉不存在"), decision: z.literal("reject"), reason: safeText({ label: "不成立的理由", multiline: true }).min(2, "请填写不成立的理由").max(500, "最多500字") }),
]);
export type DisputeDecisionInput = z.infer<typeof disputeDecisionSchema>;
