import Link from "next/link";
import { notFound } from "next/navigation";
import { BatchHeaderView } from "@/app/_batch-submission/batch-header";
import { BatchItemsTable } from "@/app/_batch-submission/batch-items-table";
import { resultParam } from "@/app/_batch-submission/batches-page";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import type { BatchStatus } from "@/db/schema/enums";
import { BATCH_STATUS_INFO } from "@/lib/batch-submission/constants";
import { getBatchHeader, listBatchItems, listBatchQueue } from "@/lib/confirmation/batch-queries";
import { formatTime } from "@/lib/format";
import { first, type SearchParams, searchText } from "@/lib/http/search-params";
import { isUuid } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { markBatchReturnsAction, unmarkBatchReturnsAction } from "./actions";
import { ConfirmPanel } from "./confirm-panel";
import { requireCertDivisionPage } from "./page-guard";

export const CONFIRM_BASE = "/hrss/confirm";

export function ConfirmTabs({ active }: { active: "batches" | "results" | "certificates" }) {
  const tab = (key: "batches" | "results" | "certificates", href: string, label: string) => (
    <Link href={href} aria-current={active === key ? "page" : undefined} className={`rounded px-3 py-1.5 ${active === key ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700"}`}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="证书确认" className="mb-4 flex flex-wrap gap-2 text-sm">
      {tab("batches", CONFIRM_BASE, "批次确认")}
      {tab("results", `${CONFIRM_BASE}/results`, "评审结果发证")}
      {tab("certificates", `${CONFIRM_BASE}/certificates`, "证书撤销与更正")}
    </nav>
  );
}

/** 证书确认 queue of the 专技处: batches from every committee; waiting ones first (oldest first). */
export async function ConfirmQueuePage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireCertDivisionPage();
  const s = first(searchParams.status);
  const status: BatchStatus | undefined = s === "all" ? undefined : s === "confirmed" ? "confirmed" : "submitted";
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const r = await listBatchQueue(await getDb(), user, { status, q, page });
  const statusKey = status ?? "all";
  const link = (st: string) => `${CONFIRM_BASE}?status=${st}${q ? `&q=${encodeURIComponent(q)}` : ""}`;
  return (
    <Card title="证书确认">
      <ConfirmTabs active="batches" />
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="批次状态" className="flex gap-2 text-sm">
          <Link href={link("submitted")} className={`rounded px-3 py-1 ${statusKey === "submitted" ? "bg-brand-600 text-white" : "bg-slate-100"}`} data-testid="queue-submitted">
            待确认（{r.counts.submitted?.batches ?? 0}批，{r.counts.submitted?.records ?? 0}人）
          </Link>
          <Link href={link("confirmed")} className={`rounded px-3 py-1 ${statusKey === "confirmed" ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            已确认（{r.counts.confirmed?.batches ?? 0}批）
          </Link>
          <Link href={link("all")} className={`rounded px-3 py-1 ${statusKey === "all" ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            全部
          </Link>
        </nav>
        <form action={CONFIRM_BASE} className="flex gap-2" role="search">
          <input type="hidden" name="status" value={statusKey} />
          <input name="q" defaultValue={q} placeholder="批次号、评委会或组建单位" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
        </form>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="queue-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">批次号</th>
              <th className="px-2 py-2">评委会</th>
              <th className="px-2 py-2">组建单位</th>
              <th className="px-2 py-2">记录数</th>
              <th className="px-2 py-2">提交时间</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">结果</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  {statusKey === "submitted" && !q ? "没有待确认的批次" : "没有符合条件的批次"}
                </td>
              </tr>
            )}
            {r.rows.map((b) => (
              <tr key={b.id} className="border-t border-slate-100">
                <td className="px-2 py-2 font-mono">
                  <Link href={`${CONFIRM_BASE}/${b.id}`} className="text-brand-700 hover:underline">
                    {b.batchNo}
                  </Link>
                </td>
                <td className="px-2 py-2">{b.committeeName}</td>
                <td className="px-2 py-2">{b.formingOrgName}</td>
                <td className="px-2 py-2">{b.recordCount}</td>
                <td className="px-2 py-2">{formatTime(b.submittedAt)}</td>
                <td className="px-2 py-2">
                  <Badge tone={BATCH_STATUS_INFO[b.status].tone}>{BATCH_STATUS_INFO[b.status].label}</Badge>
                </td>
                <td className="px-2 py-2 text-xs">{b.status === "confirmed" ? `确认 ${b.confirmedCount}，退回 ${b.returnedCount}${b.approvalNo ? `；确认文号 ${b.approvalNo}` : ""}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={r.pageSize} total={r.total} basePath={CONFIRM_BASE} params={{ status: statusKey, q }} />
    </Card>
  );
}

/** One batch for the 专技处: records with photos, search, return marks, and the confirmation. */
export async function ConfirmBatchPage({ batchId, searchParams }: { batchId: string; searchParams: SearchParams }) {
  await requireCertDivisionPage();
  if (!isUuid(batchId)) notFound();
  const db = await getDb();
  const header = await getBatchHeader(db, batchId);
  if (!header) notFound();
  const q = searchText(searchParams.q);
  const result = resultParam(searchParams.result);
  const page = parsePage(first(searchParams.page));
  const items = await listBatchItems(db, batchId, { q, result, page });
  const path = `${CONFIRM_BASE}/${batchId}`;
  return (
    <div className="space-y-6">
      <Card title={`批次 ${header.batchNo}`} actions={<Link href={CONFIRM_BASE} className="text-sm text-brand-700 hover:underline">返回批次列表</Link>}>
        <BatchHeaderView header={header} />
        <div className={header.status === "submitted" ? "mt-5 border-t border-slate-100 pt-4" : "mt-4"}>
          <ConfirmPanel
            open={header.status === "submitted"}
            batchId={header.id}
            batchVersion={header.version}
            confirmCount={header.byResult.submitted ?? 0}
            returnCount={header.byResult.returned ?? 0}
            today={todayInChina()}
          />
        </div>
      </Card>
      <Card title="批次记录">
        <BatchItemsTable
          rows={items.rows}
          batchStatus={header.status}
          path={path}
          q={q}
          result={result}
          byResult={header.byResult}
          province={
            header.status === "submitted"
              ? { batchId: header.id, batchVersion: header.version, markReturns: markBatchReturnsAction, unmarkReturns: unmarkBatchReturnsAction }
              : undefined
          }
        />
        <Pagination page={page} pageSize={items.pageSize} total={items.total} basePath={path} params={{ q, result }} />
      </Card>
    </div>
  );
}
