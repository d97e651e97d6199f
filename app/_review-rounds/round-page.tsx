import Link from "next/link";
import { notFound } from "next/navigation";
import { buttonClass } from "@/components/ui/button";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { isUuid } from "@/lib/roster/access";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { CANDIDATE_PAGE_SIZE, listRoundCandidatesForManager } from "@/lib/review-rounds/candidate-lists";
import { ROUND_PAGE_SIZE, TALLY_RESULT_LABELS } from "@/lib/review-rounds/constants";
import { getRoundDetail, listAddableDeclarations } from "@/lib/review-rounds/queries";
import { computeTally } from "@/lib/review-rounds/tally";
import { confirmTallyStaffAction } from "./actions";
import { ActingChairForm } from "./acting-chair-form";
import { CancelRoundForm } from "./cancel-round-form";
import { AddCandidatesPicker, RemoveCandidateButton } from "./candidate-picker";
import { ConfirmTallyButton } from "./confirm-tally-button";
import { orNotFound } from "./page-guard";
import { ROUND_AREAS_BY_KEY, type RoundArea } from "./round-areas";
import { RoundHeader, RoundProgress } from "./round-progress";
import { TallyTable } from "./tally-table";

const SIGNED_STATES = ["signed", "publicity", "confirmed"] as const;
const day = (d: Date | null) => (d ? d.toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" }) : null);

/**
 * One round of the forming organisation: header, progress (no counts before the close), the candidates
 * (add in bulk while 筹备中), the 统票 confirmation by its staff once closed, and the minutes once signed.
 */
export async function RoundPage({ area, roundId, searchParams }: { area: RoundArea; roundId: string; searchParams: SearchParams }) {
  const { role, base } = ROUND_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  if (!isUuid(roundId)) notFound();
  const db = await getDb();
  const detail = await orNotFound(getRoundDetail(db, user, roundId));
  if (detail.viewer !== "forming") notFound();
  const r = detail.round;
  const path = `${base}/${r.id}`;
  const filter = { q: searchText(searchParams.q) };
  const addFilter = { aq: searchText(searchParams.aq) };
  const isDraft = r.state === "draft";
  const signed = (SIGNED_STATES as readonly string[]).includes(r.state);
  const [candidates, addable, tally] = await Promise.all([
    listRoundCandidatesForManager(db, user, r.id, { q: filter.q, page: parsePage(searchParams.page) }),
    isDraft ? listAddableDeclarations(db, user, r.id, { q: addFilter.aq, page: parsePage(searchParams.apage) }) : null,
    r.state === "closed" || signed ? computeTally(db, user, r.id) : null,
  ]);
  const myConfirmation = tally?.confirmations.find((c) => c.userId === user.id && c.current);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href={base}>
          ← 返回评审会议列表
        </Link>
      </p>
      <RoundHeader
        detail={detail}
        actions={
          <div className="flex flex-wrap gap-2">
            {signed && (
              <a className={buttonClass("primary", "sm")} href={`/api/review-rounds/${r.id}/minutes`} data-testid="download-minutes">
                下载会议纪要（PDF）
              </a>
            )}
            {signed && (
              <Link className={buttonClass("secondary", "sm")} href={`${base.replace(/\/rounds$/, "/review-results")}/${r.id}`} data-testid="round-results-link">
                结果公示与确认
              </Link>
            )}
            {!signed && r.state !== "cancelled" && <CancelRoundForm roundId={r.id} version={r.version} />}
          </div>
        }
      />
      <RoundProgress detail={detail} />

      <Card title="会议主持">
        <p className="mb-3 text-sm" data-testid="round-chair">
          {detail.chair.actingUserId
            ? `由副主任委员${detail.chair.actingName ?? ""}主持（主任缺席或回避：${detail.chair.reason ?? ""}）`
            : `由主任委员${detail.chair.chairName ?? ""}主持`}
        </p>
        {!signed && r.state !== "cancelled" && <ActingChairForm roundId={r.id} version={r.version} acting={detail.chair.actingUserId} viceChairs={detail.chair.viceChairs} />}
      </Card>

      {tally && (
        <Card title={signed ? "统票结果" : "统票结果（待确认）"}>
          <TallyTable tally={tally} />
          {r.state === "closed" && (
            <div className="mt-3">
              {myConfirmation ? (
                <p className="text-sm text-green-700">您已确认本次统票结果。</p>
              ) : (
                <ConfirmTallyButton roundId={r.id} digest={tally.digest} label="工作人员确认统票结果" action={confirmTallyStaffAction} />
              )}
            </div>
          )}
        </Card>
      )}

      <Card title={`申报人（${candidates.total}人）`}>
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={path} role="search" aria-label="申报人检索">
          <input name="q" defaultValue={filter.q} placeholder="姓名或完整证件号码" aria-label="姓名或完整证件号码" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
          <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 hover:bg-slate-50">查询</button>
        </form>
        <div className="scroll-shadow-x">
          <table className="min-w-full text-sm" data-testid="round-candidates">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                <th>序号</th>
                <th>姓名</th>
                <th>证件号码</th>
                <th>单位</th>
                <th>申报专业与级别</th>
                <th>评议组</th>
                <th>{signed ? "结果" : "操作"}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.rows.length === 0 && (
                <tr>
                  <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                    尚未添加申报人
                  </td>
                </tr>
              )}
              {candidates.rows.map((c) => (
                <tr key={c.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                  <td>{c.position}</td>
                  <td className="whitespace-nowrap">{c.personName}</td>
                  <td className="whitespace-nowrap font-mono text-xs">{c.idNumberMasked}</td>
                  <td className="min-w-40">{c.unitName ?? "—"}</td>
                  <td className="min-w-36">
                    {c.specialty}
                    <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[c.targetLevel]}</span>
                  </td>
                  <td className="whitespace-nowrap">{c.panelName ?? "未分组"}</td>
                  <td>
                    {c.result && <Badge tone={TALLY_RESULT_LABELS[c.result].tone}>{TALLY_RESULT_LABELS[c.result].label}</Badge>}
                    {isDraft && <RemoveCandidateButton roundId={r.id} candidateId={c.id} name={c.personName} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination page={candidates.page} pageSize={CANDIDATE_PAGE_SIZE} total={candidates.total} basePath={path} params={{ ...filter, ...addFilter, apage: addable ? String(addable.page) : undefined }} />
      </Card>

      {addable && (
        <Card title="添加申报人（本评委会已受理的申报）">
          <form className="mb-4 flex flex-wrap gap-2 text-sm" action={path} role="search" aria-label="已受理申报检索">
            <input name="aq" defaultValue={addFilter.aq} placeholder="姓名" aria-label="已受理申报：姓名" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm" />
            <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 hover:bg-slate-50">查询</button>
          </form>
          <AddCandidatesPicker
            roundId={r.id}
            rows={addable.rows.map((a) => ({ id: a.id, personName: a.personName, maskedIdNumber: a.maskedIdNumber, unitName: a.unitName, specialty: a.specialty, targetLevel: a.targetLevel, acceptedOn: day(a.acceptedAt) }))}
          />
          <Pagination page={addable.page} pageSize={ROUND_PAGE_SIZE} total={addable.total} basePath={path} params={{ ...filter, ...addFilter, page: searchParams.page ? String(candidates.page) : undefined }} pageParam="apage" label="已受理申报分页" />
        </Card>
      )}
    </div>
  );
}
