import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { DECLARATION_STATUSES } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { listDeclarations } from "@/lib/declarations/queries";
import { listQueue, type QueueMove } from "@/lib/declarations/review-queries";
import { oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { todayInChina } from "@/lib/filings/constants";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { AREA_QUEUES, QUEUE_PAGES, queueHref, type ReviewBase } from "./areas";
import { QueueTable } from "./queue-table";

const LISTED_STATUSES = DECLARATION_STATUSES.filter((s) => s !== "draft");
const VIEW_LABELS = { all: "全部", todo: "待办", withdrawal: "撤回申请待审批" } as const;

/** Links between the declaration screens of one area. */
export function DeclarationTabs({ base, current }: { base: ReviewBase; current: QueueMove | "all" }) {
  const tab = (href: string, label: string, on: boolean) => (
    <Link key={href} href={href} className={`whitespace-nowrap rounded px-3 py-1 ${on ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}>
      {label}
    </Link>
  );
  return (
    <nav aria-label="申报办理" className="mb-4 flex flex-wrap gap-2 text-sm">
      {tab(`${base}/declarations`, "全部申报", current === "all")}
      {AREA_QUEUES[base].map((m) => tab(queueHref(base, m), QUEUE_PAGES[m].title, current === m))}
    </nav>
  );
}

function SearchForm({ action, q, hidden }: { action: string; q?: string; hidden?: Record<string, string | undefined> }) {
  return (
    <form className="flex flex-wrap gap-2" action={action}>
      {Object.entries(hidden ?? {}).map(([k, v]) => (v ? <input key={k} type="hidden" name={k} value={v} /> : null))}
      <input name="q" defaultValue={q} aria-label="姓名或完整证件号码" placeholder="姓名或完整证件号码" className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:w-64" />
      <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">搜索</button>
    </form>
  );
}

/** 申报人员管理: every declaration the office may see, 待办/全部, state filter, search, 20 a page. */
export async function DeclarationsListPage({ user, base, searchParams }: { user: SessionUser; base: ReviewBase; searchParams: SearchParams }) {
  const view = oneOf(["todo", "withdrawal"] as const, searchParams.view) ?? "all";
  const status = oneOf(LISTED_STATUSES, searchParams.status);
  const q = searchText(searchParams.q);
  const page = parsePage(searchParams.page);
  const { rows, total, pageSize } = await listDeclarations(await getDb(), user, { view, status, q, page });
  const path = `${base}/declarations`;
  return (
    <Card title="申报人员管理">
      <DeclarationTabs base={base} current="all" />
      <div className="mb-4 flex flex-wrap items-center gap-2 text-sm">
        {(["all", "todo", "withdrawal"] as const).map((v) => (
          <Link key={v} href={v === "all" ? path : `${path}?view=${v}`} className={`rounded px-3 py-1 ${view === v ? "bg-slate-700 text-white" : "bg-slate-100"}`}>
            {VIEW_LABELS[v]}
          </Link>
        ))}
        <form action={path} className="flex flex-wrap gap-2">
          {view !== "all" && <input type="hidden" name="view" value={view} />}
          <select name="status" defaultValue={status ?? ""} aria-label="申报状态" className="rounded-md border border-slate-300 px-2 py-1.5 text-sm">
            <option value="">全部状态</option>
            {LISTED_STATUSES.map((s) => (
              <option key={s} value={s}>
                {DECLARATION_STATUS_LABELS[s].label}
              </option>
            ))}
          </select>
          <input name="q" defaultValue={q} aria-label="姓名或完整证件号码" placeholder="姓名或完整证件号码" className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm sm:w-56" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">筛选</button>
        </form>
      </div>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="declaration-list">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap">
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">单位</th>
              <th className="px-2 py-2">评委会</th>
              <th className="px-2 py-2">申报专业与级别</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的申报
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-2 py-2">
                  <Link className="text-brand-700 hover:underline" href={`${path}/${r.id}`}>
                    {r.personName}
                  </Link>
                  {r.exceptional && (
                    <span className="ml-1">
                      <Badge tone="amber">破格</Badge>
                    </span>
                  )}
                  {r.withdrawalPending && (
                    <span className="ml-1">
                      <Badge tone="red">申请撤回</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.idNumberMasked}</td>
                <td className="min-w-40 px-2 py-2">{r.unitName ?? "—"}</td>
                <td className="min-w-40 px-2 py-2">{r.committeeName}</td>
                <td className="min-w-36 px-2 py-2">
                  {r.series}·{r.specialty}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={DECLARATION_STATUS_LABELS[r.status].tone}>{DECLARATION_STATUS_LABELS[r.status].label}</Badge>
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-xs text-slate-600">{r.submittedAt?.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" }) ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} basePath={path} params={{ view: view === "all" ? undefined : view, status, q }} />
    </Card>
  );
}

/** One work queue: the declarations this office may move now by `move`, with row selection and the batch step. */
export async function QueuePage({ user, base, move, searchParams, children }: { user: SessionUser; base: ReviewBase; move: QueueMove; searchParams: SearchParams; children?: React.ReactNode }) {
  const q = searchText(searchParams.q);
  const page = parsePage(searchParams.page);
  const { rows, total, pageSize } = await listQueue(await getDb(), user, move, { q, page });
  const path = queueHref(base, move);
  return (
    <Card title={QUEUE_PAGES[move].title}>
      <DeclarationTabs base={base} current={move} />
      <div className="mb-3">
        <SearchForm action={path} q={q} />
      </div>
      <QueueTable move={move} today={todayInChina()} detailBase={`${base}/declarations`} rows={rows.map((r) => ({ ...r, submittedAt: r.submittedAt?.toISOString() ?? null }))} />
      <Pagination page={page} pageSize={pageSize} total={total} basePath={path} params={{ q }} />
      {children}
    </Card>
  );
}
