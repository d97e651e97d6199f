import type { FilingStatus } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";

/** What a filing shows: its stored state, or `expired` once an approved filing's valid_to has passed (computed on read). */
export type FilingDisplayStatus = FilingStatus | "expired";
export const FILING_STATUS_LABELS: Record<FilingDisplayStatus, { label: string; tone: Tone }> = {
  draft: { label: "草稿", tone: "slate" },
  submitted: { label: "待审核", tone: "amber" },
  dept_approved: { label: "主管部门已审核", tone: "amber" },
  approved: { label: "已备案", tone: "green" },
  revoked: { label: "已撤销", tone: "red" },
  expired: { label: "已过期", tone: "slate" },
};

/** `today` as YYYY-MM-DD in China time. */
export function todayInChina(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function displayStatus(f: { status: FilingStatus; validTo: string }, today: string): FilingDisplayStatus {
  return f.status === "approved" && f.validTo < today ? "expired" : f.status;
}
