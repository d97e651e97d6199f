import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { FILING_STATUSES } from "@/db/schema/enums";
import { requireRolePage } from "@/lib/auth/session";
import { FILING_STATUS_LABELS } from "@/lib/filings/constants";
import { FILING_PAGE_SIZE, listOwnFilings } from "@/lib/filings/queries";
import { oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { listOwnCommitteeTerms } from "@/lib/terms/queries";
import { FILING_SCOPE_LABELS } from "@/lib/terms/rules";
import { FILING_AREAS_BY_KEY, type FilingArea } from "./term-areas";
import { FilingStatusBadge } from "@/app/_filings/filing-status-badge";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";
const TERM_STATUS_LABELS = { draft: "草稿", filed: "备案审核中", active: "生效", ended: "已结束" } as const;

/** 评审权备案 of a forming organisation: its committees, their terms (届), and its filings (search, state filter, pages). */
export async function FilingsHomePage({ area, searchParams }: { area: FilingArea; searchParams: SearchParams }) {
  const { role, base } = FILING_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const filter = { q: searchText(searchParams.q), status: oneOf(FILING_STATUSES, searchParams.status) };
  const page = parsePage(searchParams.page);
  const [termsByCommittee, { rows: filings, total }] = await Promise.all([listOwnCommitteeTerms(db, user), listOwnFilings(db, user, filter, page)]);

  return (
    <div className="space-y-6">
      {termsByCommittee.length === 0 && <Notice>本单位尚未组建评委会。</Notice>}
      {termsByCommittee.map(({ committee, terms }) => (
        <Card
          key={committee.id}
          title={`${committee.name}（${committee.code}）`}
          actions={
            <Link href={`${base}/terms/new?committee=${committee.id}`} className={buttonClass("primary", "sm")}>
              组建新一届
            </Link>
          }
        >
          {terms.length === 0 ? (
            <p className="text-sm text-slate-500">尚未组建任何一届。</p>
          ) : (
            <table className="w-full text-sm">
              <thead className="text-left text-slate-500">
                <tr>
                  <th className="py-1">任期</th>
                  <th>状态</th>
                  <th>操作</th>
                </tr>
              </thead>
              <tbody>
                {terms.map((t) => (
                  <tr key={t.id} className="border-t border-slate-100">
                    <td className="py-1.5">
                      {t.startDate} 至 {t.endDate}
                    </td>
                    <td>{TERM_STATUS_LABELS[t.status]}</td>
                    <td className="space-x-3">
                      <Link className="text-brand-700 hover:underline" href={`${base}/terms/${t.id}`}>
                        {t.status === "draft" ? "编辑成员" : "查看成员"}
                      </Link>
                      {t.status === "draft" && !t.hasFiling && (
                        <Link className="text-brand-700 hover:underline" href={`${base}/new?term=${t.id}`}>
                          新建备案
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </Card>
      ))}
      <Card title="备案记录">
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={base} role="search" aria-label="备案检索">
          <input name="q" defaultValue={filter.q} placeholder="评委会名称或代码" aria-label="评委会名称或代码" className={selectClass} />
          <select name="status" defaultValue={filter.status ?? ""} aria-label="状态" className={selectClass}>
            <option value="">全部状态</option>
            {FILING_STATUSES.map((s) => (
              <option key={s} value={s}>
                {FILING_STATUS_LABELS[s].label}
              </option>
            ))}
          </select>
          <button className="rounded-md border border-slate-300 px-3">查询</button>
        </form>
        {filings.length === 0 ? (
          <p className="text-sm text-slate-500">暂无备案。</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="text-left text-slate-500">
              <tr>
                <th className="py-1">评委会</th>
                <th>组建方式</th>
                <th>有效期</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {filings.map((f) => (
                <tr key={f.id} className="border-t border-slate-100">
                  <td className="py-1.5">
                    <Link className="text-brand-700 hover:underline" href={`${base}/${f.id}`}>
                      {f.committeeName}
                    </Link>
                  </td>
                  <td>{FILING_SCOPE_LABELS[f.scope]}</td>
                  <td>
                    {f.validFrom} 至 {f.validTo}
                  </td>
                  <td>
                    <FilingStatusBadge display={f.display} returnReason={f.returnReason} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <Pagination page={page} pageSize={FILING_PAGE_SIZE} total={total} basePath={base} params={filter} />
      </Card>
    </div>
  );
}
