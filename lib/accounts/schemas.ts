import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";
import { safeText } from "@/lib/validation/text";
import { captchaField } from "@/lib/captcha/schemas";
import { validateCreditCode } from "@/lib/validation/credit-code";
import { ID_TYPES, validateIdDocument } from "@/lib/validation/id-number";

export const phoneSchema = safeText({ label: "手机号码" })
  .regex(/^1[3-9]\d{9}$/, "请填写11位中国大陆手机号码");

export const usernameSchema = safeText({ label: "用户名" })
  .regex(/^[A-Za-z][A-Za-z0-9_]{3,31}$/, "用户名为4–32位字母、数字或下划线，须以字母开头");

export const loginSchema = z.object({
  identifier: safeText({ label: "用户名或证件号码", max: 64 }).min(1, "请填写用户名或证件号码"),
  password: z.string().min(1, "请填写密码"),
});
export type LoginInput = z.infer<typeof loginSchema>;

export const personRegistrationSchema = z
  .object({
    name: safeText({ label: "姓名" }).min(2, "请填写姓名（与证件一致）").max(50, "姓名过长"),
    idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
    idNumber: safeText({ label: "证件号码", max: 40 }).min(1, "请填写证件号码"),
    nationality: safeText({ label: "国籍", max: 50 }).optional(),
    phone: phoneSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
    consent: z.boolean().refine((v) => v, "请阅读并勾选同意敏感个人信息处理告知"),
  })
  .superRefine((v, ctx) => {
    const check = validateIdDocument(v.idType, v.idNumber);
    if (!check.ok) ctx.addIssue({ code: "custom", path: ["idNumber"], message: check.message });
    if (v.idType === "passport" && !v.nationality) {
      ctx.addIssue({ code: "custom", path: ["nationality"], message: "持护照注册须填写国籍" });
    }
    if (v.password !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的密码不一致" });
    }
  });
export type PersonRegistrationInput = z.infer<typeof personRegistrationSchema>;

export const unitRegistrationSchema = z
  .object({
    creditCode: safeText({ label: "统一社会信用代码", max: 40 }).min(1, "请填写统一社会信用代码"),
    name: safeText({ label: "单位名称" }).min(4, "请填写单位全称").max(100, "单位名称过长"),
    regionOrgId: z.uuid("请选择所在地区人社部门"),
    supervisorId: z.uuid("请选择主管部门"),
    contactName: safeText({ label: "联系人姓名", max: 50 }).min(2, "请填写联系人姓名"),
    contactPhone: phoneSchema,
    username: usernameSchema,
    password: passwordSchema,
    confirmPassword: z.string(),
  })
  .superRefine((v, ctx) => {
    const check = validateCreditCode(v.creditCode);
    if (!check.ok) ctx.addIssue({ code: "custom", path: ["creditCode"], message: check.message });
    if (v.password !== v.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "两次输入的密码不一致" });
    }
  });
export type UnitRegistrationInput = z.infer<typeof unitRegistrationSchema>;

/**
 * What the registration forms send: the fields above plus the captcha's solution (docs/domain.md
 * §11). The forms and the actions share these.
 */
export const personRegistrationRequestSchema = personRegistrationSchema.and(z.object({ captcha: captchaField }));
export type PersonRegistrationRequest = z.infer<typeof personRegistrationRequestSchema>;
export const unitRegistrationRequestSchema = unitRegistrationSchema.and(z.object({ captcha: captchaField }));
export type UnitRegistrationRequest = z.infer<typeof unitRegistrationRequestSchema>;

/** Shown only after a valid captcha; the form adds the link to the dispute page. */
export const DUPLICATE_ID_MESSAGE = "该证件号码已注册，请直接登录；如忘记密码请联系客服";
export const DISPUTE_PATH = "/register/dispute";
export const DISPUTE_LINK_TEXT = "如果您的证件号码被他人冒用，请提交申诉";

export const changePasswordSchema = z
  .object({ oldPassword: z.string().min(1, "请填写原密码"), newPassword: passwordSchema, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "两次输入的密码不一致" });
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
