/** The statistics of the 人社部门 (docs/domain.md §19): which states count as what. Client-safe: imports only enums. */
import { DECLARATION_STATUSES, type DeclarationStatus } from "@/db/schema/enums";

/** Stages shown, in route order: every state a declaration can be in once submitted (drafts are the person's own). */
export const STATISTICS_STAGES = DECLARATION_STATUSES.filter((s) => s !== "draft") satisfies readonly DeclarationStatus[];

/** Reached acceptance by the forming organisation (评委会已受理), whatever happened after. */
export const ACCEPTED_OR_LATER = [
  "accepted",
  "in_review",
  "passed",
  "failed",
  "result_publicity",
  "confirmed",
  "on_hold",
  "disqualified",
  "withheld",
] as const satisfies readonly DeclarationStatus[];

/**
 * The pass rate counts declarations whose review reached an outcome: passed (评审通过, then 结果公示 and
 * 确认) against not passed (评审未通过, 结果暂不确认 after an upheld objection, 取消评审资格). 评审中 and 暂缓
 * have no outcome yet and are left out.
 */
export const PASSED_STATUSES = ["passed", "result_publicity", "confirmed"] as const satisfies readonly DeclarationStatus[];
export const NOT_PASSED_STATUSES = ["failed", "withheld", "disqualified"] as const satisfies readonly DeclarationStatus[];

export const NO_REVIEW_RESULTS = "暂无评审结果";

/** Where a scope's figures are broken down: the province by 市州, a 市州 by 区县. */
export const BREAKDOWN_LABELS = { province: "市州", city: "区县", county: "地区" } as const;
/** The scope's own offices (and the organisations directly under them) as one row of the breakdown. */
export const OWN_LEVEL_LABELS = { province: "省直", city: "市本级", county: "本级" } as const;

export const MONTH_LABELS = Array.from({ length: 12 }, (_, i) => `${i + 1}月`);

/** A rate as the page and the workbook print it: one decimal, or "—" when nothing was decided. */
export function formatRate(passed: number, decided: number): string {
  return decided === 0 ? "—" : `${((passed * 100) / decided).toFixed(1)}%`;
}

/** A 自治州's short name for a chart axis: "黔东南苗族侗族自治州" → "黔东南州" (the form in common use). */
export function shortRegionName(name: string): string {
  return name.replace(/^(.+?)(?:苗族|侗族|布依族|土家族|彝族|回族|仡佬族|水族|壮族|瑶族|白族|藏族|蒙古族)+自治州$/, "$1州");
}
