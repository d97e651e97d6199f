import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { todayInChina } from "@/lib/filings/constants";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { ROUND_PAGE_SIZE } from "@/lib/review-rounds/constants";
import { listRoundsForOrg, listTermsForNewRound } from "@/lib/review-rounds/queries";
import { CreateRoundForm } from "./create-round-form";
import { RoundStateBadge } from "./round-badge";
import { ROUND_AREAS_BY_KEY, type RoundArea } from "./round-areas";

const selectClass = "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm";

/** 线上评审管理 of a forming organisation: new round, and its rounds (search by name, pages). */
export async function RoundsPage({ area, searchParams }: { area: RoundArea; searchParams: SearchParams }) {
  const { role, base } = ROUND_AREAS_BY_KEY[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const filter = { q: searchText(searchParams.q) };
  const page = parsePage(searchParams.page);
  const [termRows, list] = await Promise.all([listTermsForNewRound(db, user), listRoundsForOrg(db, user, { page, q: filter.q })]);
  // The server checks the filing against the meeting date.
  const terms = termRows.map((t) => ({ id: t.termId, label: `${t.committeeName}（${t.startDate} 至 ${t.endDate}）` }));
  return (
    <div className="space-y-6">
      <Card title="新建评审会议">
        <CreateRoundForm terms={terms} base={base} today={todayInChina()} />
      </Card>
      <Card title="评审会议">
        <form className="mb-4 flex flex-wrap gap-2 text-sm" action={base} role="search" aria-label="评审会议检索">
          <input name="q" defaultValue={filter.q} placeholder="会议名称" aria-label="会议名称" className={selectClass} />
          <button className="rounded-md border border-slate-300 bg-white px-4 py-1.5 hover:bg-slate-50">查询</button>
        </form>
        {list.rows.length === 0 ? (
          <p className="text-sm text-slate-500">暂无评审会议。</p>
        ) : (
          <div className="scroll-shadow-x">
            <table className="min-w-full text-sm" data-testid="rounds-table">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                  <th>会议名称</th>
                  <th>评委会</th>
                  <th>会议日期</th>
                  <th>申报人</th>
                  <th>参会委员</th>
                  <th>状态</th>
                </tr>
              </thead>
              <tbody>
                {list.rows.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                    <td className="min-w-48">
                      <Link className="text-brand-700 hover:underline" href={`${base}/${r.id}`}>
                        {r.name}
                      </Link>
                    </td>
                    <td className="min-w-48">{r.committeeName}</td>
                    <td className="whitespace-nowrap">{r.meetingDate}</td>
                    <td>{r.candidates}</td>
                    <td>{r.members}</td>
                    <td className="whitespace-nowrap">
                      <RoundStateBadge state={r.state} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <Pagination page={list.page} pageSize={ROUND_PAGE_SIZE} total={list.total} basePath={base} params={filter} />
      </Card>
    </div>
  );
}
