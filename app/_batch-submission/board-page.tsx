import Link from "next/link";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { BOARD_GROUPS, type BoardGroup } from "@/lib/batch-submission/constants";
import { getReviewBoard, getSubmissionSummary } from "@/lib/batch-submission/queries";
import { first, type SearchParams, searchText, yearParam } from "@/lib/http/search-params";
import { ROSTER_STATUS_INFO, ROSTER_STATUSES } from "@/lib/roster/constants";
import { BoardTable } from "./board-table";
import { SubmitPanel } from "./submit-panel";
import { WorkspaceTabs } from "./workspace-tabs";

const GROUPS: BoardGroup[] = ["missing", "reviewing", "returned", "ready", "draft", "excluded"];
function groupParam(v: string | string[] | undefined): BoardGroup {
  const g = first(v);
  return g && (GROUPS as string[]).includes(g) ? (g as BoardGroup) : "missing";
}
const GROUP_LABEL = (g: BoardGroup) => (g === "excluded" ? "已排除" : BOARD_GROUPS[g].label);

/** 进度看板 of one committee (per year), the people to chase, exclusions, and the one-shot submission. */
export async function ReviewBoardPage({ area, committeeId, searchParams }: { area: CommitteeArea; committeeId: string; searchParams: SearchParams }) {
  const { user, committee, reviewPath: base, rosterPath: rosterBase } = await requireCommitteePage(area, committeeId);
  const db = await getDb();
  const year = yearParam(searchParams.year);
  const group = groupParam(searchParams.group);
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const board = await getReviewBoard(db, user, committee.id, { year, group, q, page });
  // The submission takes every year: with a year chosen, the panel reads the committee's counts, else
  // the very counts the tabs read (one query, the submission's exclusion rule).
  const summary = year ? await getSubmissionSummary(db, committee.id) : board.counts;
  const { byStatus } = board.counts;
  const total = Object.values(byStatus).reduce((a, b) => a + (b ?? 0), 0);
  const done = (byStatus.submitted ?? 0) + (byStatus.confirmed ?? 0);
  const groupCount = (g: BoardGroup) => (g === "excluded" ? board.counts.excluded : board.counts.groups[g]);
  // The badges count the work waiting on those screens, excluded records included (their photo still gets reviewed).
  const tabCounts = { photos: summary.byStatus.photo_submitted ?? 0, returned: summary.byStatus.returned ?? 0 };
  const link = (params: Record<string, string | number | undefined>) => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") u.set(k, String(v));
    const s = u.toString();
    return s ? `${base}?${s}` : base;
  };

  return (
    <div className="space-y-6">
      <Card title={`照片审核与提交 · ${committee.name}`}>
        <WorkspaceTabs base={base} rosterBase={rosterBase} active="board" counts={tabCounts} />
        <div className="mt-5 flex flex-wrap items-center gap-2 text-sm" aria-label="按取得年度">
          <span className="text-slate-500">取得年度：</span>
          <Link href={link({ group })} className={`rounded px-2 py-0.5 ${!year ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            全部
          </Link>
          {board.years.map((y) => (
            <Link key={y} href={link({ year: y, group })} className={`rounded px-2 py-0.5 ${year === y ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
              {y}年
            </Link>
          ))}
        </div>
        <div className="mt-4">
          <div className="flex justify-between text-xs text-slate-500">
            <span>
              {year ? `${year}年` : "全部年度"}共 {total} 条，已提交或已确认 {done} 条
            </span>
            <span>{total ? Math.round((done / total) * 100) : 0}%</span>
          </div>
          <div className="mt-1 h-2 overflow-hidden rounded bg-slate-100" role="progressbar" aria-label="提交进度" aria-valuenow={done} aria-valuemin={0} aria-valuemax={total}>
            <div className="h-2 bg-green-600" style={{ width: `${total ? (done / total) * 100 : 0}%` }} />
          </div>
        </div>
        <p className="mt-4 text-xs text-slate-500">名册状态（含已排除的记录）</p>
        <dl className="mt-1 grid grid-cols-3 gap-2 text-center text-xs sm:grid-cols-9" data-testid="board-counts">
          {ROSTER_STATUSES.map((s) => (
            <div key={s} className="rounded bg-slate-50 p-2">
              <dt className="text-slate-500">{ROSTER_STATUS_INFO[s].label}</dt>
              <dd className="text-lg font-semibold text-slate-800" data-testid={`board-${s}`}>
                {byStatus[s] ?? 0}
              </dd>
            </div>
          ))}
        </dl>
      </Card>

      <Card title="一次性提交">
        <SubmitPanel committeeId={committee.id} summary={summary} />
      </Card>

      <Card title="人员进度">
        {year && (
          <p className="mb-2 text-xs text-slate-500">
            分组人数为{year}年度的记录（已排除的只计入“已排除”）；一次性提交不分年度，共可提交 {summary.ready} 条。
          </p>
        )}
        <nav aria-label="人员分组" className="mb-4 flex flex-wrap gap-2 text-sm">
          {GROUPS.map((g) => (
            <Link key={g} href={link({ year, group: g })} className={`rounded px-3 py-1 ${group === g ? "bg-brand-600 text-white" : "bg-slate-100"}`} data-testid={`group-${g}`}>
              {GROUP_LABEL(g)}（{groupCount(g)}）
            </Link>
          ))}
        </nav>
        <form action={base} className="mb-4 flex flex-wrap gap-2" role="search">
          <input type="hidden" name="group" value={group} />
          {year && <input type="hidden" name="year" value={year} />}
          <input name="q" defaultValue={q} placeholder="姓名、证件号码或证书编号" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
        </form>
        <BoardTable committeeId={committee.id} group={group} rows={board.rows} />
        <Pagination page={page} pageSize={board.pageSize} total={board.total} basePath={base} params={{ group, q, year: year ? String(year) : undefined }} />
      </Card>
    </div>
  );
}
