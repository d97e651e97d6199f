import { describe, expect, it } from "vitest";
import { formatRate, shortRegionName } from "@/lib/statistics/constants";
import { parseStatisticsFilter, statisticsQuery } from "@/lib/statistics/schemas";
import { regionName } from "@/lib/statistics/scope";

describe("statistics labels", () => {
  it("names a region by its 人社部门 and shortens a 自治州 for a chart axis", () => {
    expect(regionName("贵阳市人力资源和社会保障局")).toBe("贵阳市");
    expect(regionName("黔东南苗族侗族自治州人力资源和社会保障局")).toBe("黔东南苗族侗族自治州");
    expect(shortRegionName("黔东南苗族侗族自治州")).toBe("黔东南州");
    expect(shortRegionName("黔西南布依族苗族自治州")).toBe("黔西南州");
    expect(shortRegionName("黔南布依族苗族自治州")).toBe("黔南州");
    expect(shortRegionName("贵阳市南明区")).toBe("贵阳市南明区");
  });

  it("prints a rate with one decimal, and a dash when nothing was decided (never 0 %)", () => {
    expect(formatRate(2, 3)).toBe("66.7%");
    expect(formatRate(0, 4)).toBe("0.0%");
    expect(formatRate(0, 0)).toBe("—");
  });

  it("reads the filter from the query, ignoring what is not a year, series or level", () => {
    expect(parseStatisticsFilter({ year: "2025", series: "卫生", level: "senior_full" }, 2026)).toEqual({ year: 2025, series: "卫生", level: "senior_full" });
    expect(parseStatisticsFilter({ year: "20x5", series: "=1+2", level: "toString" }, 2026)).toEqual({ year: 2026, series: undefined, level: undefined });
    expect(statisticsQuery({ year: 2026, series: "卫生" })).toBe("year=2026&series=%E5%8D%AB%E7%94%9F");
  });
});
