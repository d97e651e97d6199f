import { Card, Notice } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { first, searchText, type SearchParams } from "@/lib/http/search-params";
import { MIN_REVIEWERS } from "@/lib/review-rounds/constants";
import { distributeAction, startPanelReviewAction } from "../../actions";
import { ConsoleTabs } from "../../console-tabs";
import { loadChairConsole } from "../../console-page";
import { StepButton } from "../../step-button";
import { DistributionTable } from "./distribution-table";
import { PanelForm } from "./panel-form";

const PAGE_SIZE = 20;

/** The 主任's console, step 2: 评议组 and 分发材料 (in bulk), then 完成分发 and 开始评议. */
export default async function Page({ params, searchParams }: { params: Promise<{ roundId: string }>; searchParams: Promise<SearchParams> }) {
  const { data } = await loadChairConsole((await params).roundId);
  const sp = await searchParams;
  const { detail, members, panels, candidates } = data;
  const r = detail.round;
  const editable = r.state === "draft";
  const path = `/committee/rounds/${r.id}/panels`;

  const panelName = new Map(panels.map((p) => [p.panelId, p.name]));
  const seated = members.filter((m) => m.seated);
  const memberOptions = seated.map((m) => ({ userId: m.userId, name: m.name, title: m.title, panelName: m.panelId ? (panelName.get(m.panelId) ?? null) : null }));
  const names = new Map(members.map((m) => [m.userId, m.name]));

  // Search and pages over the console's candidates (ballot order).
  const filter = { q: searchText(sp.q), only: first(sp.only) === "unassigned" ? "unassigned" : first(sp.only) === "short" ? "short" : undefined };
  const matches = candidates.filter(
    (c) =>
      (!filter.q || c.personName.includes(filter.q)) &&
      (filter.only !== "unassigned" || !c.panelId) &&
      (filter.only !== "short" || !c.panelId || c.unblockedReviewers < MIN_REVIEWERS),
  );
  const page = parsePage(sp.page);
  const rows = matches.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map((c) => ({
    id: c.candidateId,
    position: c.position,
    personName: c.personName,
    maskedIdNumber: c.maskedIdNumber,
    unitName: c.unitName,
    specialty: c.specialty,
    targetLevel: c.targetLevel,
    panelName: c.panelId ? (panelName.get(c.panelId) ?? null) : null,
    unblockedReviewers: c.unblockedReviewers,
    opinions: c.opinions,
    hasSummary: c.hasSummary,
  }));
  const short = candidates.filter((c) => !c.panelId || c.unblockedReviewers < MIN_REVIEWERS);

  // The round's next move on this page: 完成分发 (筹备中), then 开始评议.
  const step =
    r.state === "draft" ? (
      <StepButton
        roundId={r.id}
        version={r.version}
        label="完成分发"
        action={distributeAction}
        disabled={candidates.length === 0 || short.length > 0}
        question={`完成分发后，参会委员（${seated.length}人）和评议组不能再修改；每名申报人须有不少于${MIN_REVIEWERS}名无需回避的评议专家。`}
      />
    ) : r.state === "distributed" ? (
      <StepButton roundId={r.id} version={r.version} label="开始评议" action={startPanelReviewAction} question="开始评议后，评议组成员可查看材料并发表评议意见。" />
    ) : r.state === "panel_review" ? (
      <p className="text-sm text-slate-700" data-testid="review-started">
        评议进行中：评议组成员查看材料、发表意见，组长填写评议组意见。
      </p>
    ) : null;

  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={r.id} current="panels" />
      <Card title="评议组">
        {panels.length === 0 && <p className="mb-3 text-sm text-slate-500">尚未组建评议组。</p>}
        <div className="space-y-4">
          {panels.map((p) => (
            <div key={p.panelId} className="rounded-md border border-slate-200 p-3" data-testid="panel">
              <p className="text-sm font-medium text-slate-800">
                {p.name}
                <span className="ml-2 font-normal text-slate-600">
                  组长：{p.leaderUserId ? names.get(p.leaderUserId) : "—"} · 成员：{p.memberUserIds.map((u) => names.get(u)).join("、")}
                </span>
              </p>
              {editable && (
                <details className="mt-2">
                  <summary className="cursor-pointer text-sm text-brand-700">修改成员</summary>
                  <div className="mt-2">
                    <PanelForm roundId={r.id} members={memberOptions} panel={p} />
                  </div>
                </details>
              )}
            </div>
          ))}
        </div>
        {editable && (
          <div className="mt-5 border-t border-slate-100 pt-4">
            <h3 className="mb-2 text-sm font-semibold text-slate-700">组建新的评议组</h3>
            {seated.length === 0 ? <Notice tone="warning">请先在“概况与参会委员”中选定参会委员。</Notice> : <PanelForm roundId={r.id} members={memberOptions} />}
          </div>
        )}
      </Card>

      <Card title="分发材料">
        {step && <div className="mb-4">{step}</div>}
        {editable && short.length > 0 && candidates.length > 0 && (
          <div className="mb-3">
            <Notice tone="warning">
              还有{short.length}名申报人未分组或无需回避的评议专家不足{MIN_REVIEWERS}人，暂不能完成分发。
            </Notice>
          </div>
        )}
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={path} role="search" aria-label="申报人检索">
          <input name="q" defaultValue={filter.q} placeholder="姓名" aria-label="姓名" className="rounded-md border border-slate-300 bg-white px-2 py-1.5" />
          <select name="only" defaultValue={filter.only ?? ""} aria-label="筛选" className="rounded-md border border-slate-300 bg-white px-2 py-1.5">
            <option value="">全部申报人</option>
            <option value="unassigned">未分组</option>
            <option value="short">未分组或评议专家不足</option>
          </select>
          <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 hover:bg-slate-50">查询</button>
        </form>
        <DistributionTable roundId={r.id} rows={rows} panels={panels.map((p) => ({ panelId: p.panelId, name: p.name }))} editable={editable && panels.length > 0} />
        <Pagination page={page} pageSize={PAGE_SIZE} total={matches.length} basePath={path} params={filter} />
      </Card>
    </div>
  );
}
