import Link from "next/link";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { KeysetPagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { type SearchParams } from "@/lib/http/search-params";
import { keysetRequest } from "@/lib/keyset";
import { ROSTER_STATUS_INFO, ROSTER_STATUSES } from "@/lib/roster/constants";
import { listRosterRecords } from "@/lib/roster/queries";
import { parseRosterListFilter } from "@/lib/roster/schemas";
import { SERIES_NAMES } from "@/lib/roster/title-codes";
import { RosterTable } from "./roster-table";

const control = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";

/** A committee's roster: counts per status, search and filters, the masked list, export, entry and import. */
export async function RosterListPage({ area, committeeId, searchParams }: { area: CommitteeArea; committeeId: string; searchParams: SearchParams }) {
  const { user, committee, rosterPath: listPath } = await requireCommitteePage(area, committeeId);
  const filter = parseRosterListFilter(searchParams);
  const { rows, total, counts, years, nextCursor, prevCursor } = await listRosterRecords(await getDb(), user, committee.id, filter, keysetRequest(searchParams));
  const params = { q: filter.q, status: filter.status, series: filter.series, year: filter.year ? String(filter.year) : undefined, sort: filter.sort };
  const exportQuery = new URLSearchParams({ committeeId: committee.id });
  for (const [k, v] of Object.entries(params)) if (v) exportQuery.set(k, v);
  const all = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);

  return (
    <Card
      title={`证书补录名册 · ${committee.name}`}
      actions={
        <div className="flex flex-wrap gap-2">
          <Link href={`${listPath}/new`} className={buttonClass("secondary", "sm")}>
            手工录入
          </Link>
          <Link href={`${listPath}/import`} className={buttonClass("secondary", "sm")}>
            Excel导入
          </Link>
          <a href={`/api/roster/export?${exportQuery.toString()}`} className={buttonClass("secondary", "sm")} data-testid="export-link">
            导出Excel
          </a>
        </div>
      }
    >
      <nav aria-label="按状态筛选" className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={listPath} className={`rounded px-3 py-1 ${!filter.status ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
          <span data-testid="count-all">全部（{all}）</span>
        </Link>
        {ROSTER_STATUSES.filter((s) => counts[s]).map((s) => (
          <Link
            key={s}
            href={`${listPath}?status=${s}`}
            className={`rounded px-3 py-1 ${filter.status === s ? "bg-brand-600 text-white" : "bg-slate-100"}`}
            data-testid={`count-${s}`}
          >
            {ROSTER_STATUS_INFO[s].label}（{counts[s]}）
          </Link>
        ))}
      </nav>

      <form action={listPath} className="mb-4 flex flex-wrap items-end gap-2" role="search">
        <label className="text-sm">
          <span className="sr-only">搜索</span>
          <input name="q" defaultValue={filter.q} placeholder="姓名、证件号码或证书编号" className={`${control} w-64`} />
        </label>
        <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={control}>
          <option value="">全部状态</option>
          {ROSTER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {ROSTER_STATUS_INFO[s].label}
            </option>
          ))}
        </select>
        <select name="series" defaultValue={filter.series ?? ""} aria-label="系列" className={control}>
          <option value="">全部系列</option>
          {SERIES_NAMES.filter((s) => s === committee.series || s === filter.series).map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select name="year" defaultValue={filter.year ? String(filter.year) : ""} aria-label="取得年度" className={control}>
          <option value="">全部年度</option>
          {years.map((y) => (
            <option key={y} value={y}>
              {y}年
            </option>
          ))}
        </select>
        <select name="sort" defaultValue={filter.sort ?? "created"} aria-label="排序" className={control}>
          <option value="created">按录入时间</option>
          <option value="name">按姓名</option>
          <option value="certNo">按证书编号</option>
        </select>
        <button className={buttonClass("primary", "sm")}>查询</button>
      </form>

      <RosterTable committeeId={committee.id} rows={rows} draftCount={counts.draft ?? 0} recordBase={`${listPath}/records`} emptyText={all === 0 ? "名册还是空的：请手工录入，或下载模板后批量导入。" : "没有符合条件的记录"} />
      <KeysetPagination basePath={listPath} params={params} nextCursor={nextCursor} prevCursor={prevCursor} summary={`共 ${total} 条`} />
    </Card>
  );
}
