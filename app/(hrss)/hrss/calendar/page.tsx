import Link from "next/link";
import { requireCertDivisionPage } from "@/app/_confirmation/page-guard";
import { Badge, Card, Notice } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { CALENDAR_UNKNOWN_WARNING, WORKING_DAY_KIND_LABELS } from "@/lib/calendar/constants";
import { listOverrides } from "@/lib/calendar/overrides";
import { todayInShanghai, weekdayOf } from "@/lib/calendar/working-days";
import { formatTime } from "@/lib/format";
import { first, yearParam, type SearchParams } from "@/lib/http/search-params";
import { AddOverrideForm, RemoveOverrideButton } from "./override-forms";

const WEEKDAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];

/** 节假日调整 (docs/domain.md §15): the 专技处's override table of the working-day calendar, one year at a time. */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireCertDivisionPage();
  const sp = await searchParams;
  const today = todayInShanghai();
  const thisYear = Number(today.slice(0, 4));
  const year = yearParam(sp.year) ?? thisYear;
  const page = parsePage(first(sp.page));
  const { rows, total, pageSize, yearStatus } = await listOverrides(await getDb(), user, { year, page });
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort((a, b) => a - b);
  return (
    <Card title="节假日调整">
      <p className="mb-4 text-sm text-slate-600">
        公示期、一次性告知补正期限、复查期限均按工作日计算：以国务院公布的节假日安排为准（调休上班日计为工作日），本表中的调整优先。节假日库尚未收录的年度，请在国务院公布当年安排后逐日录入放假日和调休上班日。
      </p>
      <nav aria-label="年度" className="mb-4 flex flex-wrap gap-2 text-sm">
        {years.map((y) => (
          <Link key={y} href={`/hrss/calendar?year=${y}`} className={`rounded px-3 py-1 ${y === year ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            {y}年
          </Link>
        ))}
      </nav>
      <div className="mb-4" data-testid="year-status">
        {yearStatus === "library" && <Notice tone="info">{year}年节假日安排已收录于节假日库，本表仅用于个别调整。</Notice>}
        {yearStatus === "table" && <Notice tone="info">{year}年节假日库尚未收录，按本表录入的安排计算；请确认已录入全部放假日和调休上班日。</Notice>}
        {yearStatus === "unknown" && <Notice tone="warning">{CALENDAR_UNKNOWN_WARNING}（{year}年暂按周一至周五为工作日计算）。</Notice>}
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap">
              <th className="px-3 py-2">日期</th>
              <th className="px-3 py-2">调整为</th>
              <th className="px-3 py-2">节假日库原安排</th>
              <th className="px-3 py-2">依据说明</th>
              <th className="px-3 py-2">录入</th>
              <th className="px-3 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {year}年没有调整记录
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.date} className="border-t border-slate-100 align-top" data-testid={`override-${r.date}`}>
                <td className="whitespace-nowrap px-3 py-2">
                  {r.date} {WEEKDAYS[weekdayOf(r.date)]}
                </td>
                <td className="whitespace-nowrap px-3 py-2">
                  <Badge tone={r.kind === "holiday" ? "amber" : "green"}>{WORKING_DAY_KIND_LABELS[r.kind]}</Badge>
                </td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                  {!r.libraryKnown ? "未收录" : r.libraryWorking ? "工作日" : "休息日"}
                  {r.holidayName ? `（${r.holidayName}）` : ""}
                </td>
                <td className="min-w-48 px-3 py-2">{r.note}</td>
                <td className="whitespace-nowrap px-3 py-2 text-slate-600">
                  {r.createdByName ?? "—"}
                  <br />
                  {formatTime(r.createdAt)}
                </td>
                <td className="px-3 py-2">
                  <RemoveOverrideButton date={r.date} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} basePath="/hrss/calendar" params={{ year: String(year) }} />
      <div className="mt-6 border-t border-slate-100 pt-4">
        <h3 className="mb-3 text-sm font-medium">添加调整</h3>
        <AddOverrideForm defaultDate={year === thisYear ? today : `${year}-01-01`} />
      </div>
    </Card>
  );
}
