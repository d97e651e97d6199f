import { z } from "zod";
import { phoneSchema } from "@/lib/accounts/schemas";
import { TITLE_LEVELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { reasonField, uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { validateCreditCode } from "@/lib/validation/credit-code";
import { ID_TYPES, validateIdDocument } from "@/lib/validation/id-number";
import { safeText } from "@/lib/validation/text";
import { CONFLICT_KINDS, CONFLICT_RELATIONS, POOL_MEMBER_STATUSES } from "./constants";

/** Letters (any script), with the separators real names use: 阿卜杜拉·买买提. */
const NAME_RE = /^[\p{L}\p{M}][\p{L}\p{M}·•・.\s'-]*$/u;
/** Text that ends up in workbooks must not start like a formula. */
const NO_FORMULA_START = /^[^=+\-@\t\r]/;

const text = (label: string, max: number) =>
  safeText({ label })
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过${max}个字`)
    .regex(NO_FORMULA_START, `${label}不能以 = + - @ 开头`);
const optionalText = (label: string, max: number) =>
  safeText({ label, max }).refine((s) => s === "" || NO_FORMULA_START.test(s), `${label}不能以 = + - @ 开头`);

export const personNameField = text("姓名", 50).regex(NAME_RE, "姓名只能包含文字、间隔号“·”或空格");

/** 证件类型 + 证件号码, checked and normalised by the shared ID rule (lib/validation/id-number.ts). */
function withIdDocument<T extends { idType: (typeof ID_TYPES)[number]; idNumber: string }>(v: T, ctx: z.RefinementCtx, path = "idNumber"): T {
  const check = validateIdDocument(v.idType, v.idNumber);
  if (!check.ok) {
    ctx.addIssue({ code: "custom", path: [path], message: check.message });
    return z.NEVER;
  }
  return { ...v, idNumber: check.normalized };
}

/** The profile fields the pool keeps for a member (and an import row carries). */
export const poolProfileFields = {
  title: text("资格名称", 30),
  series: z.enum(SERIES_NAMES, { error: "请选择系列" }),
  specialty: text("专业", 50),
  level: z.enum(TITLE_LEVELS, { error: "请选择级别" }),
  workUnit: text("工作单位", 100),
};

/** 邀请专家: name + ID + phone, and what the pool knows of their title. */
export const inviteExpertSchema = z
  .object({
    name: personNameField,
    idType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
    idNumber: safeText({ label: "证件号码", max: 40 }).min(1, "请填写证件号码"),
    phone: phoneSchema,
    ...poolProfileFields,
  })
  .transform((v, ctx) => withIdDocument(v, ctx));
export type InviteExpertInput = z.input<typeof inviteExpertSchema>;
export type InviteExpert = z.output<typeof inviteExpertSchema>;

/** One import row (the template's columns, after cell conversion): the same rules as the invite form. */
export const poolImportRowSchema = inviteExpertSchema;

/** Suspend / remove / reinstate: the member at the version the user saw, with a reason. */
export const memberStatusSchema = z.object({ memberId: uuidField, version: versionField, reason: reasonField("原因") });
export const reinstateMemberSchema = z.object({ memberId: uuidField, version: versionField });

/** 接受 / 拒绝 an invitation. */
export const respondInvitationSchema = z.object({ memberId: uuidField, accept: z.boolean() });

/** 个人信息维护 (the ID number is not a field: it is the account's). */
export const expertProfileSchema = z.object({
  ...poolProfileFields,
  department: optionalText("二级单位（院系/科室）", 100),
  phone: phoneSchema,
  email: safeText({ label: "电子邮箱", max: 100 }).refine((s) => s === "" || z.email().safeParse(s).success, "电子邮箱格式不正确"),
});
export type ExpertProfileInput = z.input<typeof expertProfileSchema>;
export type ExpertProfileData = z.output<typeof expertProfileSchema>;

/** One 回避声明 entry: a unit (name, optional credit code) or a person (ID + name), a relation and an end date. */
export const addConflictSchema = z
  .object({
    kind: z.enum(CONFLICT_KINDS, { error: "请选择回避对象类型" }),
    unitName: optionalText("单位名称", 100),
    unitCreditCode: safeText({ label: "统一社会信用代码", max: 18 }),
    personName: safeText({ label: "姓名", max: 50 }),
    personIdType: z.enum(ID_TYPES, { error: "请选择证件类型" }),
    personIdNumber: safeText({ label: "证件号码", max: 40 }),
    relation: z.enum(CONFLICT_RELATIONS, { error: "请选择关系" }),
    endDate: safeText({ label: "截止日期" }).refine((s) => s === "" || isIsoDay(s), "截止日期不是有效日期，请按“2027-12-31”的格式填写"),
  })
  .transform((v, ctx) => {
    if (v.kind === "unit") {
      if (!v.unitName) ctx.addIssue({ code: "custom", path: ["unitName"], message: "请填写单位名称" });
      let unitCreditCode: string | null = null;
      if (v.unitCreditCode) {
        const c = validateCreditCode(v.unitCreditCode);
        if (c.ok) unitCreditCode = c.normalized;
        else ctx.addIssue({ code: "custom", path: ["unitCreditCode"], message: c.message });
      }
      return { kind: v.kind, relation: v.relation, endDate: v.endDate || null, unitName: v.unitName, unitCreditCode };
    }
    if (!personNameField.safeParse(v.personName).success) ctx.addIssue({ code: "custom", path: ["personName"], message: "请填写姓名（与证件一致）" });
    const id = validateIdDocument(v.personIdType, v.personIdNumber);
    if (!id.ok) {
      ctx.addIssue({ code: "custom", path: ["personIdNumber"], message: id.message });
      return z.NEVER;
    }
    return { kind: v.kind, relation: v.relation, endDate: v.endDate || null, personName: v.personName, personIdType: v.personIdType, personIdNumber: id.normalized };
  });
export type AddConflictInput = z.input<typeof addConflictSchema>;
export type AddConflict = z.output<typeof addConflictSchema>;

export const removeConflictSchema = z.object({ conflictId: uuidField });

/** The pool list's filters (from searchParams). */
export type PoolListFilter = {
  status?: (typeof POOL_MEMBER_STATUSES)[number];
  series?: string;
  specialty?: string;
  title?: string;
  level?: (typeof TITLE_LEVELS)[number];
  workUnit?: string;
  /** Name (prefix) or full ID number. */
  q?: string;
};
