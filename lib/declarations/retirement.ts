/**
 * Retirees cannot declare (EVALUATION §7 "Batches and eligibility"; docs/domain.md §16 "Retirees"). The rule
 * is enforced on the person's declared 人员状态 (在职/已退休), which the unit confirms by its 审核. The birth date
 * only raises a warning for the unit: the statutory age is not the retirement itself (延迟退休 by agreement,
 * 高级专家延长退休, a retirement already taken early), so it never refuses on its own. Pure.
 */

/** Original statutory ages used here: men 60; women in 管理和专业技术岗位 55 (工人岗位 50 is not modelled). */
const BASE_AGE = { 男: 60, 女: 55 } as const;
/**
 * 渐进式延迟法定退休年龄 (from 2025-01-01): for men, and women whose original age is 55, one month more for each
 * four months of birth from the first month concerned, at most 36 months (to 63 and 58).
 */
const DELAY = { 男: { from: [1965, 1] as const, cap: 36 }, 女: { from: [1970, 1] as const, cap: 36 } };

export type Gender = keyof typeof BASE_AGE;

/** The month (YYYY-MM) in which a person born on `birthDate` reaches the statutory retirement age. */
export function statutoryRetirementMonth(birthDate: string, gender: Gender): string {
  const y = Number(birthDate.slice(0, 4));
  const m = Number(birthDate.slice(5, 7));
  const { from, cap } = DELAY[gender];
  const index = (y - from[0]) * 12 + (m - from[1]);
  const delay = index < 0 ? 0 : Math.min(cap, Math.floor(index / 4) + 1);
  const months = y * 12 + (m - 1) + BASE_AGE[gender] * 12 + delay;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, "0")}`;
}

/**
 * The warning the unit sees when the birth date says the person has reached the statutory age by `today`
 * (YYYY-MM-DD), or null. Unknown gender or date: no warning.
 */
export function retirementAgeWarning(birthDate: string | null | undefined, gender: string | null | undefined, today: string): string | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}$/.test(birthDate) || (gender !== "男" && gender !== "女")) return null;
  const month = statutoryRetirementMonth(birthDate, gender);
  if (today.slice(0, 7) < month) return null;
  return `按出生日期，申报人已于${month}达到法定退休年龄，请核实其是否仍在职（退休人员不能申报职称）`;
}
