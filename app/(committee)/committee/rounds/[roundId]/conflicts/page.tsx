import { Badge, Card, Notice } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { ROUND_CONFLICT_STATUSES } from "@/db/schema/enums";
import { oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { BLOCK_CATEGORY_LABELS, CONFLICT_STATUS_LABELS } from "@/lib/review-rounds/constants";
import { ConsoleTabs } from "../../console-tabs";
import { loadChairConsole } from "../../console-page";
import { DecideConflict } from "./decide-conflict";

const PAGE_SIZE = 30;
const TONE = { blocking: "red", pinned: "red", suggested: "amber", dismissed: "slate" } as const;
/** Before the ballot opens the 主任 may still decide suggestions; the rule rows are frozen then. */
const DECIDING = ["draft", "distributed", "panel_review"];

/**
 * The 主任's console, step 3: who is blocked from which candidate, and why — the category only, never a
 * declared ID number. Suggestions wait for 确认回避 or 排除 (with a reason).
 */
export default async function Page({ params, searchParams }: { params: Promise<{ roundId: string }>; searchParams: Promise<SearchParams> }) {
  const { data } = await loadChairConsole((await params).roundId);
  const sp = await searchParams;
  const r = data.detail.round;
  const path = `/committee/rounds/${r.id}/conflicts`;
  const filter = { q: searchText(sp.q), status: oneOf(ROUND_CONFLICT_STATUSES, sp.status) };
  const matches = data.blocks.filter((b) => (!filter.q || b.personName.includes(filter.q) || b.memberName.includes(filter.q)) && (!filter.status || b.status === filter.status));
  const page = parsePage(sp.page);
  const rows = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
  const suggested = data.blocks.filter((b) => b.status === "suggested").length;
  const deciding = DECIDING.includes(r.state);
  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={r.id} current="conflicts" />
      <Card title="回避情况">
        <p className="mb-3 text-sm text-slate-600">
          系统按规则自动确定回避（本人、同单位、回避声明、本人有在途申报、职称级别低于申报级别），并对可能的利害关系给出提示，由主任确认回避或排除。回避的专家不能查看该申报人的材料、发表意见或投票；其他专家不会看到回避情况。
        </p>
        {suggested > 0 && deciding && (
          <div className="mb-3">
            <Notice tone="warning">有{suggested}条回避提示待处理。</Notice>
          </div>
        )}
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={path} role="search" aria-label="回避检索">
          <input name="q" defaultValue={filter.q} placeholder="申报人或专家姓名" aria-label="申报人或专家姓名" className="rounded-md border border-slate-300 bg-white px-2 py-1.5" />
          <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">全部</option>
            {ROUND_CONFLICT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {CONFLICT_STATUS_LABELS[s]}
              </option>
            ))}
          </select>
          <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 hover:bg-slate-50">查询</button>
        </form>
        <div className="scroll-shadow-x">
          <table className="min-w-full text-sm" data-testid="blocks-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                <th>申报人</th>
                <th>专家</th>
                <th>回避类别</th>
                <th>依据</th>
                <th>状态</th>
                <th>处理</th>
              </tr>
            </thead>
            <tbody>
              {rows.length === 0 && (
                <tr>
                  <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                    暂无回避情况
                  </td>
                </tr>
              )}
              {rows.map((b) => (
                <tr key={b.conflictId} className="border-t border-slate-100 align-top [&_td]:px-2 [&_td]:py-2" data-testid="block-row">
                  <td className="whitespace-nowrap">{b.personName}</td>
                  <td className="whitespace-nowrap">{b.memberName}</td>
                  <td className="whitespace-nowrap">{b.category === "confirmed_suggestion" && b.status !== "pinned" ? "利害关系提示" : BLOCK_CATEGORY_LABELS[b.category]}</td>
                  <td className="min-w-40 text-slate-600">{b.evidence ?? "—"}</td>
                  <td className="whitespace-nowrap">
                    <Badge tone={TONE[b.status]}>{CONFLICT_STATUS_LABELS[b.status]}</Badge>
                    {b.reason && <p className="mt-1 max-w-xs whitespace-normal text-xs text-slate-600">理由：{b.reason}</p>}
                  </td>
                  <td>{b.status === "suggested" && deciding ? <DecideConflict roundId={r.id} conflictId={b.conflictId} /> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={page} pageSize={PAGE_SIZE} total={matches.length} basePath={path} params={filter} />
      </Card>
    </div>
  );
}
