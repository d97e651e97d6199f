/**
 * The numbers and labels of the review round (docs/domain.md §17). Client-safe: imports only enums.
 * Every figure a province may change lives here.
 */
import type { BallotChoice, BlockCategory, RoundConflictStatus, RoundState, TallyConfirmerKind, TallyResult } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";

/** A 评议组 has at least this many members (EVALUATION §4.2, rule). */
export const MIN_PANEL_SIZE = 3;
/** Distribution needs this many unblocked reviewers per candidate; the ballot this many opinions (§7 "Panels"). */
export const MIN_REVIEWERS = 3;
/** Confirmations of the tally before the 主任 signs (§7 "Ballot and tally"). */
export const REQUIRED_STAFF_CONFIRMATIONS = 2;
export const REQUIRED_SCRUTINEER_CONFIRMATIONS = 1;
/** Candidates one round may hold (a sheet covers all of a voter's candidates). */
export const MAX_ROUND_CANDIDATES = 2000;
/** Length of a voter's receipt (prefix of the sheet hash). */
export const RECEIPT_LENGTH = 8;
/** Rounds per page of the forming organisation's list. */
export const ROUND_PAGE_SIZE = 20;

/** The 主任's and 副主任's grant positions (lib/terms/terms.ts writes the labels into role_grants.position). */
export const CHAIR_POSITION = "主任委员";
export const VICE_CHAIR_POSITION = "副主任委员";
/** The round-bound 评委会成员 grant of a 组长 (ends when the round is signed). */
export const PANEL_LEADER_POSITION = "评议组组长";

export const ROUND_STATE_LABELS: Record<RoundState, { label: string; tone: Tone }> = {
  draft: { label: "筹备中", tone: "slate" },
  distributed: { label: "已分发材料", tone: "blue" },
  panel_review: { label: "评议中", tone: "blue" },
  ballot_open: { label: "投票中", tone: "amber" },
  closed: { label: "投票已结束", tone: "amber" },
  signed: { label: "已签署", tone: "green" },
  publicity: { label: "结果公示中", tone: "blue" },
  confirmed: { label: "已确认", tone: "green" },
  cancelled: { label: "已取消", tone: "red" },
};

export const BLOCK_CATEGORY_LABELS: Record<BlockCategory, string> = {
  self: "本人",
  same_unit: "同单位",
  same_department: "同二级单位",
  declared_id: "回避声明（人员）",
  declared_unit: "回避声明（单位）",
  open_declaration: "本人有在途申报",
  level_below: "职称级别低于申报级别",
  confirmed_suggestion: "主任确认回避",
};

export const CONFLICT_STATUS_LABELS: Record<RoundConflictStatus, string> = { blocking: "回避", suggested: "待确认", pinned: "已确认回避", dismissed: "已排除" };
export const BALLOT_CHOICE_LABELS: Record<BallotChoice, string> = { yes: "同意", no: "不同意", abstain: "弃权" };
export const TALLY_RESULT_LABELS: Record<TallyResult, { label: string; tone: Tone }> = {
  passed: { label: "通过", tone: "green" },
  failed: { label: "未通过", tone: "red" },
  deferred: { label: "暂缓（到会人数不足）", tone: "amber" },
};
export const CONFIRMER_KIND_LABELS: Record<TallyConfirmerKind, string> = { staff: "工作人员", scrutineer: "监票人" };

/** Messages shown to users. */
export const ROUND_NOT_FOUND = "评审会议不存在";
export const ROUND_STALE = "评审会议的状态已变化，请刷新后重试";
export const BLOCKED_MESSAGE = "您须回避该申报人，不能查看材料、发表意见或投票";
export const CANDIDATE_NOT_FOUND = "申报人不在本次评审中";
