import ExcelJS from "exceljs";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { HEADER_STYLE, neutralizeFormula } from "@/lib/roster/xlsx";
import { MONTH_LABELS, NO_REVIEW_RESULTS } from "./constants";
import type { Statistics } from "./queries";

/** A rate is a number shown as a percentage. */
type Cell = string | number | null | { rate: number };

/** "2026年度统计分析-全省.xlsx" (the filter's series and level appended when set). */
export function statisticsFileName(s: Statistics): string {
  const parts = [`${s.filter.year}年度统计分析`, s.scope.name, s.filter.series, s.filter.level && TITLE_LEVEL_LABELS[s.filter.level]].filter(Boolean);
  return `${parts.join("-")}.xlsx`;
}

/**
 * The page's figures as a workbook, one sheet per table. Text from the database (series, region names)
 * is formula-neutralised like every export (lib/roster/xlsx.ts); counts are numbers and rates are
 * numbers formatted as percentages, never formulas.
 */
export async function buildStatisticsWorkbook(s: Statistics): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = (name: string, columns: { header: string; width: number }[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.columns = columns;
    ws.getRow(1).eachCell((cell) => (cell.style = HEADER_STYLE));
    for (const r of rows) {
      const row = ws.addRow(r.map((v) => (typeof v === "string" ? neutralizeFormula(v) : v && typeof v === "object" ? v.rate : v)));
      r.forEach((v, i) => {
        if (v && typeof v === "object") row.getCell(i + 1).numFmt = "0.0%";
      });
    }
  };
  const rate = (passed: number, decided: number): Cell => (decided === 0 ? "—" : { rate: passed / decided });
  const f = s.filter;

  sheet("概览", [{ header: "项目", width: 18 }, { header: "数值", width: 24 }], [
    ["统计范围", s.scope.name],
    ["年度", `${f.year}年`],
    ["系列", f.series ?? "全部"],
    ["级别", f.level ? TITLE_LEVEL_LABELS[f.level] : "全部"],
    ["申报总数（已提交）", s.totals.declarations],
    ["评委会已受理", s.totals.accepted],
    ["已出评审结果", s.totals.decided],
    ["评审通过", s.totals.passed],
    ["评审通过率", s.totals.decided === 0 ? NO_REVIEW_RESULTS : rate(s.totals.passed, s.totals.decided)],
    ["新发证书", s.totals.certificates],
  ]);
  sheet("申报阶段", [{ header: "阶段", width: 18 }, { header: "申报数", width: 12 }], s.byStage.map((r) => [DECLARATION_STATUS_LABELS[r.status].label, r.count]));
  sheet(
    "评审通过率",
    [{ header: "系列", width: 20 }, { header: "级别", width: 10 }, { header: "已出结果", width: 12 }, { header: "评审通过", width: 12 }, { header: "通过率", width: 10 }],
    s.passRates.length === 0 ? [[NO_REVIEW_RESULTS, null, null, null, null]] : s.passRates.map((r) => [r.series, TITLE_LEVEL_LABELS[r.level], r.decided, r.passed, rate(r.passed, r.decided)]),
  );
  sheet("证书按月", [{ header: "月份", width: 10 }, { header: "新发证书", width: 12 }], s.certificatesByMonth.map((n, i) => [MONTH_LABELS[i], n]));
  sheet(
    "证书按系列级别",
    [{ header: "系列", width: 20 }, { header: "级别", width: 10 }, { header: "新发证书", width: 12 }],
    s.certificatesBySeriesLevel.map((r) => [r.series, TITLE_LEVEL_LABELS[r.level], r.count]),
  );
  sheet(
    `按${s.scope.breakdownLabel}`,
    [
      { header: s.scope.breakdownLabel, width: 28 },
      { header: "申报数", width: 10 },
      { header: "已受理", width: 10 },
      { header: "已出结果", width: 10 },
      { header: "评审通过", width: 10 },
      { header: "通过率", width: 10 },
      { header: "新发证书", width: 10 },
    ],
    s.byRegion.map((r) => [r.label, r.declarations, r.accepted, r.decided, r.passed, rate(r.passed, r.decided), r.certificates]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
