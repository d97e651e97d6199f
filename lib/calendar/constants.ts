import type { WorkingDayKind } from "@/db/schema/enums";

/** 单位公示: at least 5 working days, from the day after posting (EVALUATION.md §7). */
export const PUBLICITY_MIN_WORKING_DAYS = 5;
/** 一次性告知: the default time to supplement, in working days (EVALUATION.md §3). */
export const SUPPLEMENT_NOTICE_WORKING_DAYS = 5;
/** 复查: the answer is due within 15 working days (EVALUATION.md §3). */
export const RECHECK_WORKING_DAYS = 15;

/** The UI shows this next to a date computed through a year the holiday calendar does not know. */
export const CALENDAR_UNKNOWN_WARNING = "该年度节假日安排尚未发布，请核对公示截止日期";

export const WORKING_DAY_KIND_LABELS: Record<WorkingDayKind, string> = {
  workday: "工作日（调休上班）",
  holiday: "休息日（放假）",
};

/** Rows per page of the override list. */
export const OVERRIDES_PAGE_SIZE = 50;
