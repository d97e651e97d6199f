/**
 * One zod schema per form section, shared by the person's form (zodResolver) and its server actions, and the
 * examiners' inputs. Every user text goes through safeText.
 */
import { z } from "zod";
import { ACHIEVEMENT_KINDS, EDUCATION_LEVELS, EMPLOYMENT_STATUSES, TITLE_LEVELS } from "@/db/schema/enums";
import { reasonField, uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { safeText } from "@/lib/validation/text";
import { MAX_BATCH_MOVE } from "./constants";

const day = (label: string) => z.string({ error: `请填写${label}` }).refine(isIsoDay, `请填写${label}（YYYY-MM-DD）`);
const ref = { declarationId: uuidField, version: versionField };

export const GENDERS = ["男", "女"] as const;

/** 新建申报: batch, 专业 and 申报级别 (the series is the batch's). */
export const createDraftSchema = z.object({
  batchId: uuidField,
  specialty: safeText({ label: "申报专业", max: 50 }).min(1, "请填写申报专业"),
  targetLevel: z.enum(TITLE_LEVELS, { error: "请选择申报级别" }),
});
export type CreateDraft = z.infer<typeof createDraftSchema>;

export const targetSectionSchema = z.object({ ...ref, specialty: createDraftSchema.shape.specialty, targetLevel: createDraftSchema.shape.targetLevel });

export const basicSectionSchema = z.object({
  ...ref,
  unitOrgId: z.uuid({ error: "请选择所在单位或申报点" }),
  gender: z.enum(GENDERS, { error: "请选择性别" }),
  birthDate: day("出生日期"),
  phone: safeText({ label: "联系电话", max: 20 }).regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, "联系电话格式不正确"),
  email: safeText({ label: "电子邮箱", max: 100 }).refine((v) => v === "" || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(v), "电子邮箱格式不正确"),
  department: safeText({ label: "所在部门（二级单位）", max: 50 }),
  post: safeText({ label: "现任岗位", max: 50 }).min(1, "请填写现任岗位"),
  employment: z.enum(EMPLOYMENT_STATUSES, { error: "请选择人员状态" }),
});

const entryId = z.uuid({ error: "参数无效" });

export const educationEntrySchema = z
  .object({
    id: entryId,
    level: z.enum(EDUCATION_LEVELS, { error: "请选择学历" }),
    school: safeText({ label: "毕业院校", max: 60 }).min(1, "请填写毕业院校"),
    major: safeText({ label: "所学专业", max: 60 }).min(1, "请填写所学专业"),
    from: day("入学时间"),
    to: day("毕业时间"),
    degree: safeText({ label: "学位", max: 30 }),
    fullTime: z.boolean(),
  })
  .refine((e) => !isIsoDay(e.from) || !isIsoDay(e.to) || e.from <= e.to, { path: ["to"], message: "毕业时间不能早于入学时间" });
export const educationSectionSchema = z.object({ ...ref, entries: z.array(educationEntrySchema).min(1, "请至少填写一条学历信息").max(10, "学历信息最多10条") });

export const workEntrySchema = z
  .object({
    id: entryId,
    from: day("开始时间"),
    to: day("结束时间").nullable(),
    employer: safeText({ label: "工作单位", max: 60 }).min(1, "请填写工作单位"),
    post: safeText({ label: "岗位/职务", max: 50 }).min(1, "请填写岗位/职务"),
  })
  .refine((w) => w.to === null || !isIsoDay(w.from) || !isIsoDay(w.to) || w.from <= w.to, { path: ["to"], message: "结束时间不能早于开始时间" });
export const workSectionSchema = z.object({ ...ref, entries: z.array(workEntrySchema).min(1, "请至少填写一条工作经历").max(20, "工作经历最多20条") });

export const titleSectionSchema = z.object({
  ...ref,
  currentTitle: safeText({ label: "现任职称", max: 50 }),
  currentTitleLevel: z.enum(TITLE_LEVELS, { error: "请选择现任职称级别" }).nullable(),
  currentTitleDate: day("取得时间").nullable(),
});

export const achievementEntrySchema = z.object({
  id: entryId,
  kind: z.enum(ACHIEVEMENT_KINDS, { error: "请选择成果类型" }),
  title: safeText({ label: "成果名称", max: 200 }).min(1, "请填写成果名称"),
  detail: safeText({ label: "说明", max: 500, multiline: true }),
  date: day("时间"),
  attachmentId: z.uuid({ error: "参数无效" }).nullable(),
});
export const achievementsSectionSchema = z.object({ ...ref, entries: z.array(achievementEntrySchema).max(50, "业绩成果最多50条") });

export const pledgeSectionSchema = z.object({ ...ref, accepted: z.literal(true, { error: "请阅读并勾选诚信承诺" }) });

export const declarationRefSchema = z.object(ref);

/** 破格申报的理由: required when 破格 is asked for, 10–500 characters. */
export const EXCEPTIONAL_REASON_MIN = 10;
export const EXCEPTIONAL_REASON_MAX = 500;
/** 破格申报: ask (with the reason) or take the request back (`requested: false`). */
export const exceptionalSectionSchema = z
  .object({ ...ref, requested: z.boolean(), reason: safeText({ label: "破格申报理由", max: EXCEPTIONAL_REASON_MAX, multiline: true }) })
  .refine((v) => !v.requested || v.reason.length >= EXCEPTIONAL_REASON_MIN, { path: ["reason"], message: `请填写破格申报理由（至少${EXCEPTIONAL_REASON_MIN}个字）` });

/** 申请撤回 (after the unit's check): the person's reason. */
export const withdrawalRequestSchema = z.object({ ...ref, reason: reasonField("撤回理由") });

// ---- Examiners ----

export const batchMoveSchema = z.object({
  ids: z.array(uuidField).min(1, "请选择申报").max(MAX_BATCH_MOVE, `一次最多处理${MAX_BATCH_MOVE}份申报`),
  note: safeText({ label: "意见", max: 200 }).optional(),
});

export const noticeItemSchema = z.object({
  slot: safeText({ label: "事项", max: 100 }).min(1, "请选择事项"),
  field: safeText({ label: "字段", max: 50 }).min(1, "请填写字段"),
  text: safeText({ label: "补正要求", max: 300 }).min(1, "请填写补正要求"),
});
export const returnSchema = z.object({
  ...ref,
  reason: reasonField("退回理由"),
  items: z.array(noticeItemSchema).min(1, "请列出需要补正的全部事项").max(50, "补正事项最多50项"),
  workingDays: z.number().int().min(1).max(30).optional(),
});
export const rejectSchema = z.object({ ...ref, reason: reasonField("不予受理理由") });

/** 批准破格并受理: the explicit approval (the checkbox) and an optional note for the record. */
export const acceptExceptionalSchema = z.object({
  ...ref,
  approved: z.literal(true, { error: "请确认已批准破格" }),
  note: safeText({ label: "批准意见", max: 200, multiline: true }).optional(),
});

/** The holding office's decision on a withdrawal request; refusing needs a reason. */
export const withdrawalDecisionSchema = z
  .object({ ...ref, approve: z.boolean(), reason: safeText({ label: "不同意撤回的理由", max: 200, multiline: true }).optional() })
  .refine((v) => v.approve || (v.reason?.length ?? 0) >= 2, { path: ["reason"], message: "请填写不同意撤回的理由（至少2个字）" });

export const startPublicitySchema = z.object({
  ids: batchMoveSchema.shape.ids,
  postedOn: day("公示日期"),
  workingDays: z.number().int().min(5, "公示期不少于5个工作日").max(30).optional(),
});
export const objectionSchema = z.object({
  publicityId: uuidField,
  declarationId: uuidField,
  text: safeText({ label: "异议内容", max: 1000, multiline: true }).min(2, "请填写异议内容"),
  filedByName: safeText({ label: "反映人", max: 50 }).min(1, "请填写反映人"),
  filedByContact: safeText({ label: "联系方式", max: 50 }).min(1, "请填写联系方式"),
});
export const resolveObjectionSchema = z.object({ objectionId: uuidField, outcome: z.enum(["kept", "upheld"], { error: "请选择处理结果" }), reason: reasonField("处理理由") });
export const finishPublicitySchema = z.object({ publicityId: uuidField });

// ---- 申报批次 (the forming organisation) ----

/** Years a batch may be created for. */
export const BATCH_YEAR_MIN = 2020;
export const BATCH_YEAR_MAX = 2100;

/** 新建申报批次: one per committee per year; both dates in the year, the close after the open. */
export const createBatchSchema = z
  .object({
    committeeId: z.uuid({ error: "请选择评委会" }),
    year: z.number({ error: "请选择年度" }).int().min(BATCH_YEAR_MIN, "年度无效").max(BATCH_YEAR_MAX, "年度无效"),
    name: safeText({ label: "批次名称", max: 100 }),
    opensOn: day("开始日期"),
    closesOn: day("截止日期"),
  })
  .refine((b) => !isIsoDay(b.opensOn) || Number(b.opensOn.slice(0, 4)) === b.year, { path: ["opensOn"], message: "开始日期须在批次年度内" })
  .refine((b) => !isIsoDay(b.closesOn) || Number(b.closesOn.slice(0, 4)) === b.year, { path: ["closesOn"], message: "截止日期须在批次年度内" })
  .refine((b) => !isIsoDay(b.opensOn) || !isIsoDay(b.closesOn) || b.closesOn > b.opensOn, { path: ["closesOn"], message: "截止日期须晚于开始日期" });
export type CreateBatch = z.infer<typeof createBatchSchema>;

export const closeBatchSchema = z.object({ batchId: uuidField });
