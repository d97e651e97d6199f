/** Labels of the declaration domain (docs/domain.md §16). Client-safe: imports only enums. */
import type { AchievementKind, DeclarationBatchStatus, DeclarationStatus, EducationLevel, EmploymentStatus, ObjectionStatus, PublicityStatus, WithdrawalStatus } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";
import type { ActorKind, DeclarationMove } from "./states";

export const DECLARATION_STATUS_LABELS: Record<DeclarationStatus, { label: string; tone: Tone }> = {
  draft: { label: "草稿", tone: "slate" },
  submitted: { label: "待单位审核", tone: "amber" },
  unit_verified: { label: "单位已审核", tone: "amber" },
  in_publicity: { label: "单位公示中", tone: "blue" },
  unit_recommended: { label: "单位已推荐", tone: "amber" },
  dept_approved: { label: "主管部门已审核", tone: "amber" },
  hrss_checked: { label: "人社部门已审核", tone: "amber" },
  accepted: { label: "评委会已受理", tone: "green" },
  returned: { label: "已退回", tone: "red" },
  withdrawn: { label: "已撤回", tone: "slate" },
  rejected: { label: "不予受理", tone: "red" },
  abandoned: { label: "逾期未补正", tone: "slate" },
  in_review: { label: "评审中", tone: "blue" },
  passed: { label: "评审通过", tone: "green" },
  failed: { label: "评审未通过", tone: "red" },
  result_publicity: { label: "结果公示中", tone: "blue" },
  confirmed: { label: "已确认", tone: "green" },
  on_hold: { label: "暂缓", tone: "amber" },
  disqualified: { label: "取消评审资格", tone: "red" },
  withheld: { label: "结果暂不确认", tone: "red" },
};

export const BATCH_STATUS_LABELS: Record<DeclarationBatchStatus, string> = { draft: "未开放", open: "申报中", closed: "已截止" };

export const EDUCATION_LABELS: Record<EducationLevel, string> = {
  doctorate: "博士研究生",
  master: "硕士研究生",
  bachelor: "大学本科",
  associate: "大学专科",
  secondary: "中专",
};

export const EMPLOYMENT_LABELS: Record<EmploymentStatus, string> = { in_service: "在职", retired: "已退休" };

export const WITHDRAWAL_STATUS_LABELS: Record<WithdrawalStatus, { label: string; tone: Tone }> = {
  pending: { label: "撤回申请待审批", tone: "amber" },
  approved: { label: "已同意撤回", tone: "slate" },
  refused: { label: "不同意撤回", tone: "red" },
  cancelled: { label: "撤回申请已失效", tone: "slate" },
};

export const ACHIEVEMENT_KIND_LABELS: Record<AchievementKind, string> = { paper: "论文", project: "项目", award: "奖项", patent: "专利" };

export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, string> = { open: "公示中", finished: "已结束" };
export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = { open: "待处理", kept: "异议不成立", upheld: "异议成立" };

export const ACTOR_KIND_LABELS: Record<ActorKind, string> = {
  person: "申报人",
  unit: "用人单位",
  dept: "主管部门",
  hrss: "人社部门",
  forming: "评委会组建单位",
  system: "系统",
};

export const MOVE_LABELS: Record<DeclarationMove, string> = {
  submit: "提交申报",
  withdraw: "撤回申报",
  unit_verify: "单位审核通过",
  start_publicity: "开始单位公示",
  unit_recommend: "单位推荐",
  dept_approve: "主管部门审核通过",
  hrss_check: "人社部门审核通过",
  accept: "评委会受理",
  accept_exceptional: "批准破格并受理",
  return: "退回补正",
  reject: "不予受理",
  abandon: "逾期未补正",
  request_withdrawal: "申请撤回",
  approve_withdrawal: "同意撤回",
  refuse_withdrawal: "不同意撤回",
  start_review: "进入评审",
  pass: "评审通过",
  fail: "评审未通过",
  hold: "暂缓",
  disqualify: "取消评审资格",
  publish_result: "结果公示",
  confirm: "确认",
  withhold: "结果暂不确认",
};

/** Section keys of the form and of notice items (`slot` is one of these, or `achievement:<id>`). */
export const DECLARATION_SECTIONS = ["target", "basic", "education", "work", "title", "achievements", "photo", "pledge"] as const;
export type DeclarationSection = (typeof DECLARATION_SECTIONS)[number];
export const SECTION_LABELS: Record<DeclarationSection, string> = {
  target: "申报评委会与级别",
  basic: "基本信息",
  education: "学历信息",
  work: "工作经历",
  title: "现任职称",
  achievements: "业绩成果",
  photo: "证件照",
  pledge: "诚信承诺",
};

/** Messages to the person (站内消息) at each change. */
export const DECLARATION_MESSAGES = {
  submitted: (c: string) => `您向“${c}”的职称申报已提交，等待单位审核。`,
  resubmitted: (c: string) => `您向“${c}”的职称申报已重新提交。`,
  withdrawn: (c: string) => `您已撤回向“${c}”的职称申报。`,
  unit_verified: (c: string) => `您向“${c}”的职称申报已通过单位审核，等待单位公示。`,
  in_publicity: (c: string, endsOn: string) => `您向“${c}”的职称申报已进入单位公示，公示期至${endsOn}。`,
  unit_recommended: (c: string) => `您向“${c}”的职称申报已由单位推荐上报。`,
  dept_approved: (c: string) => `您向“${c}”的职称申报已通过主管部门审核。`,
  hrss_checked: (c: string) => `您向“${c}”的职称申报已通过人社部门审核。`,
  accepted: (c: string) => `您向“${c}”的职称申报已被评委会受理。`,
  returned: (c: string, deadline: string, n: number) => `您向“${c}”的职称申报被退回补正（共${n}项），请于${deadline}前修改后重新提交。`,
  rejected: (c: string, reason: string) => `您向“${c}”的职称申报不予受理，原因：${reason}。`,
  abandoned: (c: string) => `您向“${c}”的职称申报逾期未补正，已终止。`,
  acceptedExceptional: (c: string) => `您向“${c}”的职称申报（破格申报）已获批准破格，并被评委会受理。`,
  withdrawalApproved: (c: string) => `您向“${c}”的职称申报撤回申请已获同意，申报已撤回。`,
  withdrawalRefused: (c: string, reason: string) => `您向“${c}”的职称申报撤回申请未获同意，原因：${reason}。申报继续办理。`,
  // Results of the review round (docs/domain.md §18).
  resultPublicity: (c: string, endsOn: string) => `您向“${c}”的职称申报已通过评审，评审结果公示中，公示期至${endsOn}。`,
  withheld: (c: string, reason: string) => `您向“${c}”的职称申报评审结果暂缓确认，原因：${reason}。`,
  resultsConfirmed: (c: string, confirmedAs: "确认" | "备案", approvalNo: string) =>
    `您向“${c}”的职称申报评审结果已由人社部门${confirmedAs}（${approvalNo}），待省人社厅专技处签发电子证书。`,
  certificateIssued: (c: string, confirmedAs: "确认" | "备案", certNo: string) =>
    `您向“${c}”的职称申报评审结果已${confirmedAs}，证书已签发，证书编号${certNo}，可在“职称证书查询”中查看和下载。`,
};

/** Retirees cannot declare (EVALUATION §7 "Batches and eligibility"). */
export const RETIREE_REFUSAL = "退休人员不能申报职称（基本信息中人员状态为“已退休”）";
/** A holder's move while the person's withdrawal request waits for its decision. */
export const WITHDRAWAL_PENDING = "该申报有待处理的撤回申请，请先处理撤回申请";

export const DECLARATION_NOT_FOUND = "申报不存在";
export const DECLARATION_STALE = "该申报的状态已变化，请刷新后重试";
/** At most this many declarations move in one batch call (one set-based UPDATE). */
export const MAX_BATCH_MOVE = 2000;
