import type { BatchItemResult, BatchStatus, RosterStatus } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";

/** 一次性提交的批次状态 (roster_batches.status). */
export const BATCH_STATUS_INFO = {
  submitted: { label: "待确认", tone: "amber" },
  confirmed: { label: "已确认", tone: "green" },
} as const satisfies Record<BatchStatus, { label: string; tone: Tone }>;

/**
 * A batch item's result. While the batch waits, `returned` means "marked for return" (拟退回): the
 * record moves only when the 专技处 confirms the batch, in the same transaction as the rest.
 */
export const BATCH_ITEM_RESULT_INFO = {
  submitted: { label: "待确认", pendingLabel: "待确认", tone: "blue" },
  confirmed: { label: "已确认", pendingLabel: "已确认", tone: "green" },
  returned: { label: "已退回", pendingLabel: "拟退回", tone: "red" },
} as const satisfies Record<BatchItemResult, { label: string; pendingLabel: string; tone: Tone }>;

/** Not yet ready for the province: each blocks the one-shot submission unless excluded with a reason. */
export const BLOCKING_STATUSES = ["awaiting_photo", "photo_submitted", "returned"] as const satisfies readonly RosterStatus[];
/** States in which a committee may still leave a record out of the next batch. */
export const EXCLUDABLE_STATUSES = ["draft", "awaiting_photo", "photo_submitted", "photo_approved", "returned"] as const satisfies readonly RosterStatus[];
export function isExcludable(status: RosterStatus): boolean {
  return (EXCLUDABLE_STATUSES as readonly RosterStatus[]).includes(status);
}

/** Board groups: which records the committee is chasing. */
export const BOARD_GROUPS = {
  missing: { label: "未上传照片", statuses: ["awaiting_photo"] },
  reviewing: { label: "照片待审核", statuses: ["photo_submitted"] },
  returned: { label: "已退回待处理", statuses: ["returned"] },
  ready: { label: "可提交", statuses: ["photo_approved"] },
  draft: { label: "草稿未发布", statuses: ["draft"] },
} as const satisfies Record<string, { label: string; statuses: readonly RosterStatus[] }>;
export type BoardGroup = keyof typeof BOARD_GROUPS | "excluded";
