import { Badge, Card, Notice } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { batchPhase, listOwnBatches } from "@/lib/declarations/batches";
import { todayInChina } from "@/lib/filings/constants";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { listOwnedCommittees } from "@/lib/roster/access";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import type { Tone } from "@/lib/tone";
import { BATCH_AREAS_BY_KEY, type BatchArea } from "./areas";
import { BatchForm } from "./batch-form";
import { CloseBatchButton } from "./close-batch";

const PHASE: Record<ReturnType<typeof batchPhase>, { label: string; tone: Tone }> = {
  upcoming: { label: "未开始", tone: "slate" },
  open: { label: "申报中", tone: "green" },
  closed: { label: "已截止", tone: "slate" },
};

/** 申报批次管理 of a forming organisation: its committees' batches (search, pages), 新建, 提前截止. */
export async function BatchesPage({ area, searchParams }: { area: BatchArea; searchParams: SearchParams }) {
  const { role, base } = BATCH_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const q = searchText(searchParams.q);
  const page = parsePage(searchParams.page);
  const today = todayInChina();
  const [committees, { rows, total, pageSize }] = await Promise.all([listOwnedCommittees(db, user), listOwnBatches(db, user, { q, page })]);
  const active = committees.filter((c) => c.status === "active");
  return (
    <div className="space-y-6">
      <Card title="新建申报批次">
        {active.length === 0 ? (
          <Notice>本单位尚未组建评委会，不能开放申报批次。</Notice>
        ) : (
          <>
            <p className="mb-3 text-sm text-slate-600">申报批次的系列和级别范围取自评委会；开始日期须在评委会评审权备案的有效期内。开放后，申报人自开始日期起可在“职称申报”中看到该批次。</p>
            <BatchForm committees={active.map((c) => ({ id: c.id, label: `${c.name}（${c.code}）` }))} year={Number(today.slice(0, 4))} />
          </>
        )}
      </Card>
      <Card title="申报批次">
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={base} role="search" aria-label="批次检索">
          <input name="q" defaultValue={q} placeholder="评委会名称、代码或批次名称" aria-label="评委会名称、代码或批次名称" className="w-full rounded-md border border-slate-300 px-3 py-1.5 sm:w-64" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">搜索</button>
        </form>
        <div className="overflow-x-auto">
          <table className="min-w-full text-sm" data-testid="batch-list">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap">
                <th className="px-2 py-2">年度</th>
                <th className="px-2 py-2">批次名称</th>
                <th className="px-2 py-2">评委会</th>
                <th className="px-2 py-2">系列与级别</th>
                <th className="px-2 py-2">申报时间</th>
                <th className="px-2 py-2">状态</th>
                <th className="px-2 py-2">在办申报</th>
                <th className="px-2 py-2">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                    没有申报批次
                  </td>
                </tr>
              )}
              {rows.map((b) => {
                const phase = PHASE[batchPhase(b, today)];
                return (
                  <tr key={b.id} className="border-t border-slate-100 align-top">
                    <td className="whitespace-nowrap px-2 py-2">{b.year}</td>
                    <td className="min-w-48 px-2 py-2">{b.name}</td>
                    <td className="min-w-40 px-2 py-2">
                      {b.committeeName}（{b.committeeCode}）
                    </td>
                    <td className="whitespace-nowrap px-2 py-2">
                      {b.series}·{TITLE_LEVEL_LABELS[b.levelFrom]}
                      {b.levelFrom !== b.levelTo ? `至${TITLE_LEVEL_LABELS[b.levelTo]}` : ""}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2">
                      {b.opensOn} 至 {b.closesOn}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2">
                      <Badge tone={phase.tone}>{phase.label}</Badge>
                      {b.closedAt && <span className="ml-1 text-xs text-slate-500">（{b.closedAt.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" })}提前截止）</span>}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2 text-right">{b.activeDeclarations}</td>
                    <td className="px-2 py-2">{b.status === "open" && today <= b.closesOn ? <CloseBatchButton batchId={b.id} name={b.name} activeDeclarations={b.activeDeclarations} /> : "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <Pagination page={page} pageSize={pageSize} total={total} basePath={base} params={{ q }} />
      </Card>
    </div>
  );
}
