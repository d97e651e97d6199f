import { TITLE_LEVELS, type TitleLevel } from "./constants";

/**
 * 系列 and the 3-digit title code of each level, used in certificate numbers (docs/domain.md §6).
 *
 * (choice) The codes follow the layout of GB/T 8561-2001《专业技术职务代码》: a two-digit block per
 * series and a last digit per level, e.g. 061 高级工程师, 062 工程师, 231 主任医师, 012 副教授. The 2001
 * standard predates the 正高级 titles of most series (2015–2021 reforms) and several series; for those
 * we use the block's `0` digit (060 正高级工程师) or a block of our own (marked "ours"). A province could
 * replace this table; stored certificate numbers never change with it. A level missing from a series
 * (e.g. 高校教师 has no 员级) cannot be entered.
 */
type SeriesInfo = { codes: Partial<Record<TitleLevel, string>>; titles: Partial<Record<TitleLevel, string>> };

function block(prefix: string, titles: [string | null, string | null, string | null, string | null, string | null], digits = ["0", "1", "2", "3", "4"]): SeriesInfo {
  // `titles` and `digits` are given highest level first: the order of TITLE_LEVELS (and of the enum).
  const levels = TITLE_LEVELS;
  const info: SeriesInfo = { codes: {}, titles: {} };
  levels.forEach((level, i) => {
    const title = titles[i];
    if (title) {
      info.codes[level] = prefix + digits[i];
      info.titles[level] = title;
    }
  });
  return info;
}

export const SERIES_TABLE = {
  工程技术: block("06", ["正高级工程师", "高级工程师", "工程师", "助理工程师", "技术员"]),
  卫生: block("23", ["主任医师", "副主任医师", "主治医师", "医师", "医士"], ["1", "2", "3", "4", "5"]),
  高校教师: block("01", ["教授", "副教授", "讲师", "助教", null], ["1", "2", "3", "4", "5"]),
  中小学教师: block("04", ["正高级教师", "高级教师", "一级教师", "二级教师", "三级教师"]),
  中等职业学校教师: block("02", ["正高级讲师", "高级讲师", "讲师", "助理讲师", "教员"]),
  技工院校教师: block("03", ["正高级讲师", "高级讲师", "讲师", "助理讲师", "教员"]),
  实验技术: block("07", ["正高级实验师", "高级实验师", "实验师", "助理实验师", "实验员"]),
  科学研究: block("08", ["研究员", "副研究员", "助理研究员", "研究实习员", null], ["1", "2", "3", "4", "5"]),
  农业: block("09", ["正高级农艺师", "高级农艺师", "农艺师", "助理农艺师", "农业技术员"]),
  经济: block("12", ["正高级经济师", "高级经济师", "经济师", "助理经济师", null]),
  会计: block("13", ["正高级会计师", "高级会计师", "会计师", "助理会计师", null]),
  统计: block("14", ["正高级统计师", "高级统计师", "统计师", "助理统计师", null]),
  审计: block("15", ["正高级审计师", "高级审计师", "审计师", "助理审计师", null]), // ours
  新闻: block("16", ["高级记者", "主任记者", "记者", "助理记者", null]), // ours
  出版: block("17", ["编审", "副编审", "编辑", "助理编辑", null]), // ours
  翻译: block("18", ["译审", "一级翻译", "二级翻译", "三级翻译", null]), // ours
  艺术: block("19", ["一级演员", "二级演员", "三级演员", "四级演员", null]), // ours
  工艺美术: block("20", ["正高级工艺美术师", "高级工艺美术师", "工艺美术师", "助理工艺美术师", "工艺美术员"]), // ours
  体育: block("21", ["正高级教练", "高级教练", "中级教练", "初级教练", null]), // ours
  图书资料: block("26", ["研究馆员", "副研究馆员", "馆员", "助理馆员", "管理员"]), // ours
  文物博物: block("27", ["研究馆员", "副研究馆员", "馆员", "助理馆员", null]), // ours
  档案: block("28", ["研究馆员", "副研究馆员", "馆员", "助理馆员", "管理员"]), // ours
  群众文化: block("29", ["正高级馆员", "副研究馆员", "馆员", "助理馆员", "管理员"]), // ours
  社会工作: block("30", ["正高级社会工作师", "高级社会工作师", "社会工作师", "助理社会工作师", null]), // ours
} satisfies Record<string, SeriesInfo>;

export type SeriesName = keyof typeof SERIES_TABLE;
export const SERIES_NAMES = Object.keys(SERIES_TABLE) as SeriesName[];

export function isSeriesName(value: string): value is SeriesName {
  return Object.prototype.hasOwnProperty.call(SERIES_TABLE, value);
}

/** The 3-digit title code, or null when the series has no such level. */
export function titleCodeOf(series: string, level: TitleLevel): string | null {
  if (!isSeriesName(series)) return null;
  const info: SeriesInfo = SERIES_TABLE[series];
  return info.codes[level] ?? null;
}

/** The usual 资格名称 of a series and level (a suggestion for the form). */
export function defaultTitleOf(series: string, level: TitleLevel): string | null {
  if (!isSeriesName(series)) return null;
  const info: SeriesInfo = SERIES_TABLE[series];
  return info.titles[level] ?? null;
}
