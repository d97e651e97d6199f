import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { MemberTable } from "@/app/_terms/term-page";
import { EXAMINER_AREAS_BY_KEY, type ExaminerArea } from "@/app/_terms/term-areas";
import { getDb } from "@/db/client";
import { FILING_STATUSES } from "@/db/schema/enums";
import { requireRolePage } from "@/lib/auth/session";
import { FILING_STATUS_LABELS } from "@/lib/filings/constants";
import { examinerStage, loadExaminedFiling } from "@/lib/filings/filings";
import { FILING_PAGE_SIZE, getFilingDetail, listExaminerQueue } from "@/lib/filings/queries";
import { oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { isUuid } from "@/lib/roster/access";
import { DecisionPanel } from "./decision-panel";
import { FilingSummary, snapshotRows } from "./filing-chain";
import { FilingStatusBadge } from "./filing-status-badge";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** 评审权备案审核: the filings routed to the examiner's organisation, with search, state filter and pages. */
export async function FilingQueuePage({ area, searchParams }: { area: ExaminerArea; searchParams: SearchParams }) {
  const { role, base } = EXAMINER_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const filter = { q: searchText(searchParams.q), status: oneOf(FILING_STATUSES, searchParams.status) };
  const page = parsePage(searchParams.page);
  const { rows, total } = await listExaminerQueue(await getDb(), user, filter, page);
  return (
    <Card title="评审权备案审核">
      <form className="mb-4 flex flex-wrap gap-2 text-sm" action={base} role="search" aria-label="备案检索">
        <input name="q" defaultValue={filter.q} placeholder="评委会或组建单位名称" aria-label="评委会或组建单位名称" className={selectClass} />
        <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={selectClass}>
          <option value="">全部状态</option>
          {FILING_STATUSES.filter((s) => s !== "draft").map((s) => (
            <option key={s} value={s}>
              {FILING_STATUS_LABELS[s].label}
            </option>
          ))}
        </select>
        <button className="rounded-md border border-slate-300 px-3">查询</button>
      </form>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-500">暂无备案。</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr>
              <th className="py-1">评委会</th>
              <th>组建单位</th>
              <th>有效期</th>
              <th>状态</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((f) => (
              <tr key={f.id} className="border-t border-slate-100">
                <td className="py-1.5">
                  <Link className="text-brand-700 hover:underline" href={`${base}/${f.id}`}>
                    {f.committeeName}
                  </Link>
                </td>
                <td>{f.formingOrgName}</td>
                <td>
                  {f.validFrom} 至 {f.validTo}
                </td>
                <td>
                  <FilingStatusBadge display={f.display} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageSize={FILING_PAGE_SIZE} total={total} basePath={base} params={filter} />
    </Card>
  );
}

/** One filing for its examiner: summary, chain, frozen member list, and the decision when it is this examiner's turn. */
export async function FilingReviewPage({ area, filingId }: { area: ExaminerArea; filingId: string }) {
  const { role } = EXAMINER_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const row = isUuid(filingId) ? await loadExaminedFiling(db, user, filingId).catch(() => null) : null;
  if (!row) notFound();
  const f = (await getFilingDetail(db, row.id))!;
  const turn = examinerStage(user, row);
  return (
    <div className="space-y-6">
      <Card title="评审权备案审核">
        <FilingSummary f={f} />
      </Card>
      {turn && (
        <Card title="审核">
          <DecisionPanel filingId={row.id} version={row.version} />
        </Card>
      )}
      <Card title={`报送时的成员名单（${f.members.length}人）`}>
        <MemberTable members={snapshotRows(f.members)} />
      </Card>
    </div>
  );
}
