/**
 * 申报条件 (docs/domain.md §16): pure rules. Years count to 31 December of the batch year; one level up at a
 * time; the years run from the current title's date (or, for a first title, from the start of work).
 */
import { EDUCATION_LEVELS, TITLE_LEVELS, type EducationLevel, type TitleLevel } from "@/db/schema/enums";
import { addYears } from "@/lib/validation/calendar";
import { EDUCATION_LABELS } from "./constants";

/** The provincial defaults seeded into eligibility_rules (series '*'); a series may override a row. */
export const DEFAULT_ELIGIBILITY: { level: TitleLevel; education: EducationLevel; years: number }[] = [
  // 员级: from the start of work.
  { level: "junior", education: "doctorate", years: 0 },
  { level: "junior", education: "master", years: 0 },
  { level: "junior", education: "bachelor", years: 0 },
  { level: "junior", education: "associate", years: 0 },
  { level: "junior", education: "secondary", years: 1 },
  // 助理级: from the start of work.
  { level: "assistant", education: "doctorate", years: 0 },
  { level: "assistant", education: "master", years: 0 },
  { level: "assistant", education: "bachelor", years: 1 },
  { level: "assistant", education: "associate", years: 3 },
  { level: "assistant", education: "secondary", years: 5 },
  // 中级: after the 助理级 title.
  { level: "intermediate", education: "doctorate", years: 0 },
  { level: "intermediate", education: "master", years: 2 },
  { level: "intermediate", education: "bachelor", years: 4 },
  { level: "intermediate", education: "associate", years: 4 },
  { level: "intermediate", education: "secondary", years: 5 },
  // 副高级: after the 中级 title.
  { level: "senior_deputy", education: "doctorate", years: 2 },
  { level: "senior_deputy", education: "master", years: 5 },
  { level: "senior_deputy", education: "bachelor", years: 5 },
  { level: "senior_deputy", education: "associate", years: 5 },
  // 正高级: after the 副高级 title.
  { level: "senior_full", education: "doctorate", years: 5 },
  { level: "senior_full", education: "master", years: 5 },
  { level: "senior_full", education: "bachelor", years: 5 },
];

/** The title one level below `level`, which a declaration for `level` requires (null: a first title). */
export function requiredCurrentLevel(level: TitleLevel): TitleLevel | null {
  if (level === "assistant" || level === "junior") return null;
  return TITLE_LEVELS[TITLE_LEVELS.indexOf(level) + 1];
}

/** The highest of the given education levels (EDUCATION_LEVELS is highest first). */
export function highestEducation(levels: readonly EducationLevel[]): EducationLevel | null {
  for (const l of EDUCATION_LEVELS) if (levels.includes(l)) return l;
  return null;
}

/** Whole years from `from` to `to` (both YYYY-MM-DD). */
export function wholeYears(from: string, to: string): number {
  let n = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) n -= 1;
  return Math.max(0, n);
}

export type EligibilityInput = {
  targetLevel: TitleLevel;
  batchYear: number;
  education: EducationLevel[];
  currentTitleLevel: TitleLevel | null;
  currentTitleDate: string | null;
  /** The earliest start of work (YYYY-MM-DD) or null. */
  workStart: string | null;
  /** Years required by the rule for the highest education; undefined: no rule (that education cannot declare). */
  yearsRequired: number | undefined;
};

export type EligibilityResult = {
  ok: boolean;
  /** Highest education used for the rule. */
  education: EducationLevel | null;
  yearsRequired: number | null;
  /** The date the years count from, and the years counted to 31 December of the batch year. */
  countFrom: string | null;
  countTo: string;
  yearsCounted: number;
  /** The first day the person meets the years rule. */
  eligibleOn: string | null;
  /** Why not (Chinese), when !ok. */
  problems: string[];
  /**
   * The rule failed only where a 破格 declaration may be made (years short, a level skipped, an education the
   * table has no row for) — not for data still missing. False when ok.
   */
  waivable: boolean;
};

export function checkEligibility(input: EligibilityInput): EligibilityResult {
  const countTo = `${input.batchYear}-12-31`;
  const education = highestEducation(input.education);
  const problems: string[] = [];
  // Problems of missing data: a 破格 declaration cannot cover them.
  let missing = 0;
  const needs = requiredCurrentLevel(input.targetLevel);
  if (!education) {
    problems.push("请填写学历信息");
    missing += 1;
  }
  if (needs && input.currentTitleLevel !== needs) problems.push("须逐级申报：申报该级别须已取得低一级职称");
  const countFrom = needs ? input.currentTitleDate : input.workStart;
  if (!countFrom) {
    problems.push(needs ? "请填写现任职称取得时间" : "请填写参加工作时间");
    missing += 1;
  }
  const yearsRequired = education ? input.yearsRequired : undefined;
  if (education && yearsRequired === undefined) problems.push(`${EDUCATION_LABELS[education]}学历不符合该级别的申报条件`);
  const yearsCounted = countFrom ? wholeYears(countFrom, countTo) : 0;
  const eligibleOn = countFrom && yearsRequired !== undefined ? addYears(countFrom, yearsRequired) : null;
  if (eligibleOn && yearsRequired !== undefined && eligibleOn > countTo) {
    problems.push(`任职年限不足：须满${yearsRequired}年（计算至${countTo}为${yearsCounted}年），${eligibleOn}起符合`);
  }
  return { ok: problems.length === 0, education, yearsRequired: yearsRequired ?? null, countFrom, countTo, yearsCounted, eligibleOn, problems, waivable: problems.length > 0 && missing === 0 };
}
