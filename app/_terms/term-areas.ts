import type { RevalidateTarget } from "@/lib/actions/safe-action";
import type { Role } from "@/lib/roles";

/** The areas whose organisations form committees: their 评审权备案 screens (docs/domain.md §14). */
export const FILING_AREAS_BY_KEY = {
  hrss: { role: "hrss", base: "/hrss/filings" },
  dept: { role: "dept", base: "/dept/filings" },
  "self-unit": { role: "self_unit", base: "/self-unit/filings" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type FilingArea = keyof typeof FILING_AREAS_BY_KEY;

/** The examiner areas: 评审权备案审核. */
export const EXAMINER_AREAS_BY_KEY = {
  hrss: { role: "hrss", base: "/hrss/filing-review" },
  dept: { role: "dept", base: "/dept/filing-review" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type ExaminerArea = keyof typeof EXAMINER_AREAS_BY_KEY;

/** What a term or filing change revalidates: the forming and examiner areas (homes included) and the committee area. */
export const TERM_AREAS: readonly RevalidateTarget[] = ["/hrss", "/dept", "/self-unit", "/committee"].map((path) => ({ path, type: "layout" as const }));
