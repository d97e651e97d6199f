/**
 * The rules of a committee term's member list (docs/domain.md §14), in one configuration module so a
 * province can change its figures. Pure and dependency-free (the term form runs it in the browser).
 */
import { TITLE_LEVELS, type FilingScope, type TermPosition, type TitleLevel } from "@/db/schema/enums";

/** 高级 / 中级 / 初级: the tier of a title level. */
export type LevelTier = "senior" | "intermediate" | "junior";
export const LEVEL_TIER: Record<TitleLevel, LevelTier> = {
  senior_full: "senior",
  senior_deputy: "senior",
  intermediate: "intermediate",
  assistant: "junior",
  junior: "junior",
};
export const LEVEL_TIER_LABELS: Record<LevelTier, string> = { senior: "高级", intermediate: "中级", junior: "初级" };

/** Minimum members by tier of the highest level reviewed and scope (EVALUATION §2, provincial figures). */
export const MIN_MEMBERS: Record<LevelTier, Record<FilingScope, number>> = {
  senior: { series: 25, specialty: 11 },
  intermediate: { series: 15, specialty: 7 },
  junior: { series: 7, specialty: 7 },
};
/** A term and a filing last at most this many years (EVALUATION §2). */
export const MAX_TERM_YEARS = 3;
/** Warn the filer and the examiner this many days before a filing expires (EVALUATION §2). */
export const EXPIRY_WARNING_DAYS = 90;

export const TERM_POSITION_LABELS: Record<TermPosition, string> = { chair: "主任委员", vice_chair: "副主任委员", member: "委员" };
export const FILING_SCOPE_LABELS: Record<FilingScope, string> = { series: "按系列", specialty: "按专业" };

/** Higher or equal in TITLE_LEVELS order (highest first). */
export function levelAtLeast(level: TitleLevel, floor: TitleLevel): boolean {
  return TITLE_LEVELS.indexOf(level) <= TITLE_LEVELS.indexOf(floor);
}

/** The higher of two levels: the committee's top level decides the tier. */
export function higherLevel(a: TitleLevel, b: TitleLevel): TitleLevel {
  return TITLE_LEVELS.indexOf(a) <= TITLE_LEVELS.indexOf(b) ? a : b;
}
export function lowerLevel(a: TitleLevel, b: TitleLevel): TitleLevel {
  return higherLevel(a, b) === a ? b : a;
}

export function minMembersFor(levelFrom: TitleLevel, levelTo: TitleLevel, scope: FilingScope): number {
  return MIN_MEMBERS[LEVEL_TIER[higherLevel(levelFrom, levelTo)]][scope];
}

/** The last allowed day of a period starting on `start` (YYYY-MM-DD): start + 3 years − 1 day. */
export function maxEndDate(start: string): string {
  const d = new Date(`${start}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + MAX_TERM_YEARS);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function periodError(start: string, end: string): string | null {
  if (end < start) return "结束日期不能早于开始日期";
  if (end > maxEndDate(start)) return `任期不能超过${MAX_TERM_YEARS}年（最晚至${maxEndDate(start)}）`;
  return null;
}

export type TermCommittee = { series: string; levelFrom: TitleLevel; levelTo: TitleLevel };
export type TermCandidate = { userId: string; name: string; series: string | null; level: TitleLevel | null; position: TermPosition };
export type TermRuleBreak = { rule: "size_odd" | "size_min" | "title" | "duplicate" | "chair"; message: string };

/**
 * Which rules a member list breaks. Members must hold a title of the committee's series at or above
 * the lowest level the committee reviews; a member below a candidate's own level is blocked for that
 * candidate in the round (EVALUATION §7 "Conflicts"), not refused here.
 */
export function checkTermMembers(committee: TermCommittee, scope: FilingScope, members: readonly TermCandidate[]): TermRuleBreak[] {
  const out: TermRuleBreak[] = [];
  const n = members.length;
  const min = minMembersFor(committee.levelFrom, committee.levelTo, scope);
  const tier = LEVEL_TIER_LABELS[LEVEL_TIER[higherLevel(committee.levelFrom, committee.levelTo)]];
  if (n % 2 === 0) out.push({ rule: "size_odd", message: `委员人数须为单数，当前为${n}人` });
  if (n < min) out.push({ rule: "size_min", message: `${tier}评委会${FILING_SCOPE_LABELS[scope]}组建至少${min}人，当前为${n}人` });
  const floor = lowerLevel(committee.levelFrom, committee.levelTo);
  const below = members.filter((m) => m.series !== committee.series || !m.level || !levelAtLeast(m.level, floor));
  if (below.length > 0) {
    out.push({ rule: "title", message: `以下成员不具备${committee.series}系列相应职称：${below.map((m) => m.name).join("、")}` });
  }
  const seen = new Set<string>();
  const twice = members.filter((m) => (seen.has(m.userId) ? true : (seen.add(m.userId), false)));
  if (twice.length > 0) out.push({ rule: "duplicate", message: `同一人不能重复列入：${twice.map((m) => m.name).join("、")}` });
  const chairs = members.filter((m) => m.position === "chair").length;
  if (chairs !== 1) out.push({ rule: "chair", message: `须有且仅有一名主任委员，当前为${chairs}名` });
  return out;
}
