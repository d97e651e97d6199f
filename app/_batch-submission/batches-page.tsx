import Link from "next/link";
import { notFound } from "next/navigation";
import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { BATCH_ITEM_RESULTS, type BatchItemResult } from "@/db/schema/enums";
import { BATCH_STATUS_INFO } from "@/lib/batch-submission/constants";
import { listCommitteeBatches } from "@/lib/batch-submission/queries";
import { getBatchHeader, listBatchItems } from "@/lib/confirmation/batch-queries";
import { formatTime } from "@/lib/format";
import { first, oneOf, type SearchParams, searchText } from "@/lib/http/search-params";
import { isUuid } from "@/lib/roster/access";
import { BatchHeaderView } from "./batch-header";
import { BatchItemsTable } from "./batch-items-table";
import { WorkspaceTabs } from "./workspace-tabs";

/** 提交记录: the committee's batches with number, time, submitter, counts and outcome. */
export async function CommitteeBatchesPage({ area, committeeId, searchParams }: { area: CommitteeArea; committeeId: string; searchParams: SearchParams }) {
  const { user, committee, reviewPath: base, rosterPath: rosterBase } = await requireCommitteePage(area, committeeId);
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const r = await listCommitteeBatches(await getDb(), user, committee.id, { q, page });
  const path = `${base}/batches`;
  return (
    <Card title={`提交记录 · ${committee.name}`}>
      <WorkspaceTabs base={base} rosterBase={rosterBase} active="batches" />
      <form action={path} className="mt-4 flex gap-2" role="search">
        <input name="q" defaultValue={q} placeholder="批次号" className="w-56 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
      </form>
      <div className="mt-4 overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="batches-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">批次号</th>
              <th className="px-2 py-2">提交时间</th>
              <th className="px-2 py-2">提交人</th>
              <th className="px-2 py-2">记录数</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">确认结果</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  {q ? "没有符合条件的批次" : "还没有提交过批次"}
                </td>
              </tr>
            )}
            {r.rows.map((b) => (
              <tr key={b.id} className="border-t border-slate-100">
                <td className="px-2 py-2 font-mono">
                  <Link href={`${path}/${b.id}`} className="text-brand-700 hover:underline">
                    {b.batchNo}
                  </Link>
                </td>
                <td className="px-2 py-2">{formatTime(b.submittedAt)}</td>
                <td className="px-2 py-2">{b.submitterName}</td>
                <td className="px-2 py-2">{b.recordCount}</td>
                <td className="px-2 py-2">
                  <Badge tone={BATCH_STATUS_INFO[b.status].tone}>{BATCH_STATUS_INFO[b.status].label}</Badge>
                </td>
                <td className="px-2 py-2 text-xs">
                  {b.status === "confirmed" ? `确认 ${b.confirmedCount} 条${b.returnedCount ? `，退回 ${b.returnedCount} 条` : ""}（${formatTime(b.confirmedAt)}）` : "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={r.pageSize} total={r.total} basePath={path} params={{ q }} />
    </Card>
  );
}

export function resultParam(v: string | string[] | undefined): BatchItemResult | undefined {
  return oneOf(BATCH_ITEM_RESULTS, v);
}

/** One batch seen by its committee: its records and what the 专技处 decided for each. */
export async function CommitteeBatchPage({ area, committeeId, batchId, searchParams }: { area: CommitteeArea; committeeId: string; batchId: string; searchParams: SearchParams }) {
  const { committee, reviewPath: base, rosterPath: rosterBase } = await requireCommitteePage(area, committeeId);
  if (!isUuid(batchId)) notFound();
  const db = await getDb();
  const header = await getBatchHeader(db, batchId);
  if (!header || header.committeeId !== committee.id) notFound();
  const q = searchText(searchParams.q);
  const result = resultParam(searchParams.result);
  const page = parsePage(first(searchParams.page));
  const items = await listBatchItems(db, batchId, { q, result, page });
  const path = `${base}/batches/${batchId}`;
  return (
    <Card title={`批次 ${header.batchNo}`}>
      <WorkspaceTabs base={base} rosterBase={rosterBase} active="batches" />
      <div className="mt-4 space-y-4">
        <BatchHeaderView header={header} />
        <BatchItemsTable rows={items.rows} batchStatus={header.status} path={path} q={q} result={result} byResult={header.byResult} />
        <Pagination page={page} pageSize={items.pageSize} total={items.total} basePath={path} params={{ q, result }} />
      </div>
    </Card>
  );
}
