import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { TITLE_LEVELS } from "@/db/schema/enums";
import { requireRolePage } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { todayInChina } from "@/lib/filings/constants";
import type { SearchParams } from "@/lib/http/search-params";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { formatRate, MONTH_LABELS, NO_REVIEW_RESULTS, shortRegionName } from "@/lib/statistics/constants";
import { getStatistics } from "@/lib/statistics/queries";
import { parseStatisticsFilter, statisticsQuery } from "@/lib/statistics/schemas";
import { BarFigure } from "./charts";
import { Figure, FigureTable, fmt, Kpi } from "./figures";

const BLUE = "#1d5fbf";
const GREEN = "#0f8a6a";
const SELECT = "rounded border border-slate-300 bg-white px-2 py-1.5";

/** 统计分析 (docs/domain.md §19): the figures of the viewer's region for one year, as charts, tables and a workbook. */
export default async function StatisticsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["hrss"]);
  const thisYear = Number(todayInChina().slice(0, 4));
  const filter = parseStatisticsFilter(await searchParams, thisYear);
  const s = await getStatistics(await getDb(), user, filter);
  const years = [...new Set([thisYear - 4, thisYear - 3, thisYear - 2, thisYear - 1, thisYear, filter.year])].sort((a, b) => b - a);
  const region = s.scope.breakdownLabel;
  const nothing = s.totals.declarations === 0 && s.totals.certificates === 0;

  return (
    <div className="space-y-6">
      <Card
        title="统计分析"
        actions={
          <a href={`/api/statistics/export?${statisticsQuery(filter)}`} className={buttonClass("secondary", "sm")} data-testid="statistics-export">
            导出 Excel
          </a>
        }
      >
        <p className="mb-4 text-sm text-slate-600">
          统计范围：<strong data-testid="statistics-scope">{s.scope.name}</strong>（按{region}分列）。申报按申报批次的年度统计，含已提交的全部申报（草稿不计）；证书按发证日期统计首次发放的证书（更正换发不重复计数）。
        </p>
        <form action="/hrss/statistics" className="flex flex-wrap items-end gap-3 text-sm">
          <label className="flex flex-col gap-1">
            年度
            <select name="year" defaultValue={String(filter.year)} className={SELECT}>
              {years.map((y) => (
                <option key={y} value={y}>
                  {y}年
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            系列
            <select name="series" defaultValue={filter.series ?? ""} className={SELECT}>
              <option value="">全部系列</option>
              {SERIES_NAMES.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1">
            级别
            <select name="level" defaultValue={filter.level ?? ""} className={SELECT}>
              <option value="">全部级别</option>
              {TITLE_LEVELS.map((l) => (
                <option key={l} value={l}>
                  {TITLE_LEVEL_LABELS[l]}
                </option>
              ))}
            </select>
          </label>
          <button className={buttonClass("primary", "sm")}>查询</button>
        </form>
      </Card>

      <section aria-label="主要指标" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Kpi label="申报总数" value={fmt(s.totals.declarations)} hint="已提交的申报" testId="kpi-declarations" />
        <Kpi label="评委会已受理" value={fmt(s.totals.accepted)} hint="受理及以后各阶段" testId="kpi-accepted" />
        <Kpi
          label="评审通过率"
          value={s.totals.decided === 0 ? <span className="text-lg text-slate-500">{NO_REVIEW_RESULTS}</span> : formatRate(s.totals.passed, s.totals.decided)}
          hint={s.totals.decided === 0 ? "评审结果产生后显示" : `已出结果 ${fmt(s.totals.decided)} 人，通过 ${fmt(s.totals.passed)} 人`}
          testId="kpi-pass-rate"
        />
        <Kpi label="新发证书" value={fmt(s.totals.certificates)} hint={`${filter.year}年首次发放`} testId="kpi-certificates" />
      </section>

      {nothing && <Notice>{filter.year}年本范围内暂无申报和证书数据。</Notice>}

      <Figure
        id="stages"
        title="申报进度（按阶段）"
        chart={<BarFigure horizontal labels height={40 + 27 * s.byStage.length} data={s.byStage.map((r) => ({ label: DECLARATION_STATUS_LABELS[r.status].label, count: r.count }))} series={[{ key: "count", name: "申报数", color: BLUE }]} />}
      >
        <FigureTable
          testId="table-stages"
          caption="申报进度（按阶段）"
          columns={[{ header: "阶段" }, { header: "申报数", numeric: true }]}
          rows={s.byStage.map((r) => [DECLARATION_STATUS_LABELS[r.status].label, fmt(r.count)])}
          total={["合计", fmt(s.totals.declarations)]}
        />
      </Figure>

      <Figure
        id="regions"
        title={`按${region}统计`}
        note={`证书按评委会组建单位所在${region}计。`}
        stacked
        chart={
          <BarFigure
            height={320}
            data={s.byRegion.map((r) => ({ label: shortRegionName(r.label), declarations: r.declarations, certificates: r.certificates }))}
            series={[
              { key: "declarations", name: "申报数", color: BLUE },
              { key: "certificates", name: "新发证书", color: GREEN },
            ]}
          />
        }
      >
        <FigureTable
          testId="table-regions"
          caption={`按${region}统计`}
          columns={[
            { header: region },
            { header: "申报数", numeric: true },
            { header: "评委会已受理", numeric: true },
            { header: "已出评审结果", numeric: true },
            { header: "评审通过", numeric: true },
            { header: "通过率", numeric: true },
            { header: "新发证书", numeric: true },
          ]}
          rows={s.byRegion.map((r) => [r.label, fmt(r.declarations), fmt(r.accepted), fmt(r.decided), fmt(r.passed), formatRate(r.passed, r.decided), fmt(r.certificates)])}
          total={["合计", fmt(s.totals.declarations), fmt(s.totals.accepted), fmt(s.totals.decided), fmt(s.totals.passed), formatRate(s.totals.passed, s.totals.decided), fmt(s.totals.certificates)]}
        />
      </Figure>

      <Figure
        id="months"
        title="新发证书（按月）"
        chart={<BarFigure labels height={380} data={s.certificatesByMonth.map((n, i) => ({ label: MONTH_LABELS[i], count: n }))} series={[{ key: "count", name: "新发证书", color: GREEN }]} />}
      >
        <FigureTable
          testId="table-months"
          caption="新发证书（按月）"
          columns={[{ header: "月份" }, { header: "新发证书", numeric: true }]}
          rows={s.certificatesByMonth.map((n, i) => [MONTH_LABELS[i], fmt(n)])}
          total={["合计", fmt(s.totals.certificates)]}
        />
      </Figure>

      <div className="grid grid-cols-1 gap-6 xl:grid-cols-2">
        <Figure id="pass-rates" title="评审通过率（按系列、级别）" note="通过率 = 评审通过（含结果公示、已确认）÷ 已出评审结果（通过、未通过、结果暂不确认、取消评审资格）。">
          {s.passRates.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500" data-testid="no-review-results">
              {NO_REVIEW_RESULTS}
            </p>
          ) : (
            <FigureTable
              testId="table-pass-rates"
              caption="评审通过率（按系列、级别）"
              columns={[{ header: "系列" }, { header: "级别" }, { header: "已出结果", numeric: true }, { header: "评审通过", numeric: true }, { header: "通过率", numeric: true }]}
              rows={s.passRates.map((r) => [r.series, TITLE_LEVEL_LABELS[r.level], fmt(r.decided), fmt(r.passed), formatRate(r.passed, r.decided)])}
            />
          )}
        </Figure>
        <Figure id="certificates-series" title="新发证书（按系列、级别）">
          {s.certificatesBySeriesLevel.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500">暂无发证数据</p>
          ) : (
            <FigureTable
              testId="table-certificates-series"
              caption="新发证书（按系列、级别）"
              columns={[{ header: "系列" }, { header: "级别" }, { header: "新发证书", numeric: true }]}
              rows={s.certificatesBySeriesLevel.map((r) => [r.series, TITLE_LEVEL_LABELS[r.level], fmt(r.count)])}
            />
          )}
        </Figure>
      </div>
    </div>
  );
}
