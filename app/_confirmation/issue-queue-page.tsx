import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { formatTime } from "@/lib/format";
import { first, type SearchParams, searchText } from "@/lib/http/search-params";
import { listResultsToIssue, RESULTS_PAGE_SIZE } from "@/lib/review-results/queries";
import { CONFIRM_BASE, ConfirmTabs } from "./confirm-pages";
import { requireCertDivisionPage } from "./page-guard";

const BASE = `${CONFIRM_BASE}/results`;

/**
 * 评审结果发证 of the 专技处 (EVALUATION §7): rounds whose results the approving 人社部门 confirmed (or whose
 * 备案 it recorded), waiting for their certificates; each links to the round's results page with the 发证 step.
 */
export async function IssueQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireCertDivisionPage();
  const issued = first(searchParams.status) === "issued";
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const r = await listResultsToIssue(await getDb(), user, { issued, q, page });
  const link = (st: string) => `${BASE}?status=${st}${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  const tab = (on: boolean) => `rounded px-3 py-1 ${on ? "bg-brand-600 text-white" : "bg-slate-100"}`;
  return (
    <Card title="证书确认">
      <ConfirmTabs active="results" />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="发证状态" className="flex gap-2 text-sm">
          <Link href={link("waiting")} className={tab(!issued)} data-testid="issue-waiting">
            待发证（{r.waiting}个评审会议）
          </Link>
          <Link href={link("issued")} className={tab(issued)}>
            已发证
          </Link>
        </nav>
        <form action={BASE} className="flex gap-2" role="search">
          <input type="hidden" name="status" value={issued ? "issued" : "waiting"} />
          <input name="q" defaultValue={q} aria-label="评审会议、评委会、组建单位或文号" placeholder="评审会议、评委会、组建单位或文号" className="w-64 max-w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
        </form>
      </div>
      <div className="scroll-shadow-x">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="issue-queue">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">评审会议</th>
              <th className="px-2 py-2">评委会</th>
              <th className="px-2 py-2">组建单位</th>
              <th className="px-2 py-2">确认 / 备案</th>
              <th className="px-2 py-2">文号</th>
              <th className="px-2 py-2">人数</th>
              <th className="px-2 py-2">{issued ? "发证时间" : "确认时间"}</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  {issued ? "没有已发证的评审结果" : q ? "没有符合条件的评审结果" : "没有待发证的评审结果"}
                </td>
              </tr>
            )}
            {r.rows.map((row) => (
              <tr key={row.roundId} className="border-t border-slate-100">
                <td className="px-2 py-2">
                  <Link href={`/hrss/review-results/${row.roundId}`} className="text-brand-700 hover:underline">
                    {row.roundName}
                  </Link>
                </td>
                <td className="px-2 py-2">{row.committeeName}</td>
                <td className="px-2 py-2">{row.formingOrgName}</td>
                <td className="px-2 py-2">
                  {row.kind === "confirmation" ? "确认" : "备案"}（{row.authorityName}）
                </td>
                <td className="px-2 py-2">
                  {row.approvalNo}（{row.issueDate}）
                </td>
                <td className="px-2 py-2">{issued ? `${row.certificateCount ?? 0}张` : `${row.confirmedCount}人`}</td>
                <td className="px-2 py-2">{formatTime(issued && row.issuedAt ? row.issuedAt : row.confirmedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={RESULTS_PAGE_SIZE} total={r.total} basePath={BASE} params={{ status: issued ? "issued" : "waiting", q }} />
    </Card>
  );
}
