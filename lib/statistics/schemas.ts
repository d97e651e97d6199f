import { TITLE_LEVELS, type TitleLevel } from "@/db/schema/enums";
import { oneOf, yearParam, type SearchParams } from "@/lib/http/search-params";
import { SERIES_NAMES, type SeriesName } from "@/lib/roster/title-codes";

/** The page's and the export's filter: one year (default: this year in China), optionally one series and level. */
export type StatisticsFilter = { year: number; series?: SeriesName; level?: TitleLevel };

export function parseStatisticsFilter(sp: SearchParams, thisYear: number): StatisticsFilter {
  return { year: yearParam(sp.year) ?? thisYear, series: oneOf(SERIES_NAMES, sp.series), level: oneOf(TITLE_LEVELS, sp.level) };
}

/** The filter as query parameters (the export link keeps the page's filter). */
export function statisticsQuery(f: StatisticsFilter): string {
  const p = new URLSearchParams({ year: String(f.year) });
  if (f.series) p.set("series", f.series);
  if (f.level) p.set("level", f.level);
  return p.toString();
}
