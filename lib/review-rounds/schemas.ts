/**
 * One zod schema per review-round form, shared by the form (zodResolver) and its server action. User text
 * goes through safeText. A state change (and the member selection) names the round's version the user saw;
 * edits inside a state (candidates, panels, attendance) lock the round row and check its state instead.
 */
import { z } from "zod";
import { BALLOT_CHOICES } from "@/db/schema/enums";
import { reasonField, uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { safeText } from "@/lib/validation/text";
import { MAX_ROUND_CANDIDATES } from "./constants";

const roundRef = { roundId: uuidField, version: versionField };
const ids = (label: string, max = MAX_ROUND_CANDIDATES) =>
  z.array(uuidField).min(1, `请选择${label}`).max(max, `一次最多选择${max}项`);

/** 新建评审会议 (forming organisation). */
export const createRoundSchema = z.object({
  termId: uuidField,
  name: safeText({ label: "会议名称", max: 100 }).min(2, "请填写会议名称（至少2个字）"),
  meetingDate: z.string({ error: "请填写会议日期" }).refine(isIsoDay, "请填写会议日期（YYYY-MM-DD）"),
});
export type CreateRound = z.infer<typeof createRoundSchema>;

/** 添加申报人 (accepted declarations of the committee). */
export const addCandidatesSchema = z.object({ roundId: uuidField, declarationIds: ids("申报") });
export type AddCandidates = z.infer<typeof addCandidatesSchema>;

export const removeCandidateSchema = z.object({ roundId: uuidField, candidateId: uuidField });
export type RemoveCandidate = z.infer<typeof removeCandidateSchema>;

/** 选定参会委员 from the term (odd, ≥ the minimum). */
export const selectMembersSchema = z.object({ ...roundRef, termMemberIds: ids("委员", 200) });
export type SelectMembers = z.infer<typeof selectMembersSchema>;

/** 组建评议组: ≥ 3 members of the round, one 组长. */
export const formPanelSchema = z.object({
  roundId: uuidField,
  /** Absent: a new panel; present: replace that panel's members. */
  panelId: uuidField.optional(),
  name: safeText({ label: "评议组名称", max: 50 }).min(1, "请填写评议组名称"),
  memberUserIds: z.array(uuidField).min(1, "请选择评议组成员").max(200),
  leaderUserId: uuidField,
});
export type FormPanel = z.infer<typeof formPanelSchema>;

/** 分发材料 in bulk: candidates to one panel. */
export const assignCandidatesSchema = z.object({ roundId: uuidField, panelId: uuidField, candidateIds: ids("申报人") });
export type AssignCandidates = z.infer<typeof assignCandidatesSchema>;

export const roundStepSchema = z.object({ ...roundRef });
export type RoundStep = z.infer<typeof roundStepSchema>;

/** 指定副主任主持 (the 主任 absent or blocked), or back to the 主任 (userId null); the reason is required either way. */
export const actingChairSchema = z.object({ ...roundRef, userId: uuidField.nullable(), reason: reasonField("原因") });
export type ActingChair = z.infer<typeof actingChairSchema>;

export const cancelRoundSchema = z.object({ ...roundRef, reason: reasonField("取消原因") });
export type CancelRound = z.infer<typeof cancelRoundSchema>;

/** 主任 confirms (pin) or dismisses a suggested conflict; a dismissal needs a reason. */
export const decideConflictSchema = z
  .object({ roundId: uuidField, conflictId: uuidField, decision: z.enum(["pin", "dismiss"], { error: "请选择处理方式" }), reason: reasonField("理由").optional() })
  .refine((v) => v.decision === "pin" || !!v.reason, { message: "排除回避须填写理由", path: ["reason"] });
export type DecideConflict = z.infer<typeof decideConflictSchema>;

export const signPledgeSchema = z.object({ roundId: uuidField, accepted: z.literal(true, { error: "请阅读并勾选专家纪律承诺书" }) });
export type SignPledge = z.infer<typeof signPledgeSchema>;

export const opinionSchema = z.object({
  roundId: uuidField,
  candidateId: uuidField,
  text: safeText({ label: "评议意见", multiline: true, max: 2000 }).min(2, "请填写评议意见（至少2个字）"),
  recommend: z.boolean({ error: "请选择建议通过或不建议通过" }),
});
export type OpinionInput = z.infer<typeof opinionSchema>;

export const summarySchema = z.object({
  roundId: uuidField,
  candidateId: uuidField,
  text: safeText({ label: "评议组意见", multiline: true, max: 2000 }).min(2, "请填写评议组意见（至少2个字）"),
  recommend: z.boolean({ error: "请选择建议通过或不建议通过" }),
});
export type SummaryInput = z.infer<typeof summarySchema>;

/** 记录出席: the members present (everyone else absent). */
export const attendanceSchema = z.object({ roundId: uuidField, presentUserIds: z.array(uuidField).max(200) });
export type Attendance = z.infer<typeof attendanceSchema>;

const password = z.string({ error: "请输入登录密码" }).min(1, "请输入登录密码").max(200);

/** 签到 with the password (re-authentication). */
export const checkInSchema = z.object({ roundId: uuidField, password });
export type CheckIn = z.infer<typeof checkInSchema>;

/** One sheet: a choice for every candidate the voter may vote on, then the password. */
export const castSheetSchema = z.object({
  roundId: uuidField,
  choices: z
    .array(z.object({ candidateId: uuidField, choice: z.enum(BALLOT_CHOICES, { error: "请选择同意、不同意或弃权" }) }))
    .min(1, "表决票不能为空")
    .max(MAX_ROUND_CANDIDATES),
  password,
});
export type CastSheet = z.infer<typeof castSheetSchema>;

/** 确认统票 (staff or 监票人), naming the digest of the counts they saw. */
export const confirmTallySchema = z.object({ roundId: uuidField, digest: z.string().regex(/^[0-9a-f]{64}$/, "参数无效") });
export type ConfirmTally = z.infer<typeof confirmTallySchema>;
