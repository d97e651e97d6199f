import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import { formatTime } from "@/lib/format";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { ROUND_STATE_LABELS } from "@/lib/review-rounds/constants";
import { getRoundResults, listPendingResults, RESULTS_PAGE_SIZE } from "@/lib/review-results/queries";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { isUuid } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { ConfirmPanel, IssuePanel, ObjectionForm, PublishPanel, ResolveObjection } from "./panels";

const BASE = "/hrss/review-results";
const OBJECTION_LABELS = { open: "待处理", kept: "不成立", upheld: "成立" } as const;

/** 评审结果确认: the rounds in 结果公示 whose filing this 人社部门 approved. */
export async function PendingResultsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireRolePage(["hrss"]);
  const q = searchText(searchParams.q);
  const page = parsePage(searchParams.page);
  const { rows, total } = await listPendingResults(await getDb(), user, { page, q });
  const today = todayInChina();
  return (
    <Card title="评审结果确认与备案">
      <form className="mb-4 flex gap-2 text-sm" action={BASE} role="search" aria-label="评审会议检索">
        <input name="q" defaultValue={q} placeholder="会议、评委会或组建单位名称" aria-label="会议、评委会或组建单位名称" className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-2 sm:max-w-xs sm:flex-none" />
        <button className="shrink-0 rounded-md border border-slate-300 px-4 py-2">查询</button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">暂无待确认的评审结果。</p>
      ) : (
        <div className="scroll-shadow-x">
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr className="[&_th]:whitespace-nowrap [&_th]:pr-3">
                <th className="py-1">评审会议</th>
                <th>评委会</th>
                <th>组建单位</th>
                <th>公示期</th>
                <th>待确认人数</th>
                <th>未处理异议</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.roundId} className="border-t border-slate-100">
                  <td className="min-w-48 py-1.5 pr-3">
                    <Link className="text-brand-700 hover:underline" href={`${BASE}/${r.roundId}`}>
                      {r.roundName}
                    </Link>
                  </td>
                  <td className="min-w-40 pr-3">{r.committeeName}</td>
                  <td className="min-w-32 pr-3">{r.formingOrgName}</td>
                  <td className="whitespace-nowrap pr-3">
                    {r.postedOn} 至 {r.endsOn}
                    {today > r.endsOn ? "（已期满）" : ""}
                  </td>
                  <td>{r.candidates}</td>
                  <td>{r.openObjections}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={RESULTS_PAGE_SIZE} total={total} basePath={BASE} params={{ q }} />
    </Card>
  );
}

/**
 * One round's results: for the forming organisation (publish, objections), the confirming 人社部门 (确认 / 备案)
 * or, once confirmed, the 专技处 (发证).
 */
export async function RoundResultsPage({ roundId }: { roundId: string }) {
  const user = await requireRolePage([...new Set([...COMMITTEE_FORMING_ROLES, "hrss" as const])]);
  if (!isUuid(roundId)) notFound();
  const data = await getRoundResults(await getDb(), user, roundId).catch(() => null);
  if (!data) notFound();
  const { round, publicity, candidates, objections, result, viewer, kind, mayConfirm, mayIssue } = data;
  const label = kind === "confirmation" ? "确认" : "备案";
  const inPublicity = candidates.filter((c) => c.status === "result_publicity");
  const nameOf = new Map(candidates.map((c) => [c.declarationId, c.name]));
  const publicityOver = !!publicity && todayInChina() > publicity.endsOn;
  return (
    <div className="space-y-6">
      <Card title={`${round.name} · 评审结果`}>
        <dl className="grid gap-2 text-sm sm:grid-cols-2">
          <div>状态：{ROUND_STATE_LABELS[round.state].label}</div>
          <div>会议日期：{round.meetingDate}</div>
          <div>结果公示：{publicity ? `${publicity.postedOn} 发布，至 ${publicity.endsOn}` : "未发布"}</div>
          <div className="break-all">结束哈希：{round.closingHash ?? "—"}</div>
          {result && (
            <div>
              {label}文号：{result.approvalNo}（{result.issueDate}），{label}
              {result.confirmedCount}人，暂缓{result.withheldCount}人
            </div>
          )}
          {result && (
            <div data-testid="issue-state">
              电子证书：{result.issuedAt ? `已由专技处签发${result.certificateCount ?? 0}张（${formatTime(result.issuedAt)}）` : "待省人社厅专技处签发"}
            </div>
          )}
        </dl>
      </Card>
      {viewer === "forming" && round.state === "signed" && (
        <Card title="发布结果公示">
          <PublishPanel roundId={round.id} version={round.version} passed={candidates.filter((c) => c.status === "passed").length} />
        </Card>
      )}
      <Card title={`通过人员（${candidates.length}人）`}>
        <div className="scroll-shadow-x">
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr className="[&_th]:whitespace-nowrap [&_th]:pr-3">
                <th className="py-1">姓名</th>
                <th>证件号码</th>
                <th>系列 / 专业</th>
                <th>状态</th>
                <th>证书编号</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.declarationId} className="border-t border-slate-100 [&_td]:pr-3">
                  <td className="whitespace-nowrap py-1.5">{c.name}</td>
                  <td className="whitespace-nowrap">{c.idNumberMasked}</td>
                  <td className="min-w-32">
                    {c.series} / {c.specialty}
                  </td>
                  <td className="min-w-24">
                    {DECLARATION_STATUS_LABELS[c.status].label}
                    {c.finalReason ? `（${c.finalReason}）` : ""}
                  </td>
                  <td className="whitespace-nowrap">{c.certNo ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      {(objections.length > 0 || (viewer === "forming" && round.state === "publicity")) && (
        <Card title="异议">
          <ul className="space-y-3 text-sm">
            {objections.map((o) => (
              <li key={o.id} className="rounded-md border border-slate-200 p-3">
                <div>
                  {nameOf.get(o.declarationId) ?? "—"}：{o.content}（{OBJECTION_LABELS[o.status]}
                  {o.resolution ? `：${o.resolution}` : ""}）
                </div>
                {viewer === "forming" && o.status === "open" && round.state === "publicity" && <ResolveObjection roundId={round.id} objectionId={o.id} />}
              </li>
            ))}
          </ul>
          {viewer === "forming" && round.state === "publicity" && (
            <div className="mt-4">
              <ObjectionForm roundId={round.id} candidates={inPublicity.map((c) => ({ declarationId: c.declarationId, name: c.name }))} />
            </div>
          )}
        </Card>
      )}
      {mayIssue && result && (
        <Card title="签发电子证书">
          <IssuePanel roundId={round.id} count={candidates.filter((c) => c.status === "confirmed" && !c.certNo).length} approvalNo={result.approvalNo} issueDate={result.issueDate} />
        </Card>
      )}
      {mayConfirm && round.state === "publicity" && (
        <Card title={`结果${label}`}>
          {publicityOver ? (
            <ConfirmPanel roundId={round.id} version={round.version} label={label} candidates={inPublicity.map((c) => ({ declarationId: c.declarationId, name: c.name }))} />
          ) : (
            <p className="text-sm text-slate-500">结果公示期满（{publicity?.endsOn}）后方可{label}。</p>
          )}
        </Card>
      )}
    </div>
  );
}
