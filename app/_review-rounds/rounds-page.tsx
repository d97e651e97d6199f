import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { todayInChina } from "@/lib/filings/constants";
import { searchText, type SearchParams } from "@/lib/http/search-params";
import { ROUND_PAGE_SIZE } from "@/lib/review-rounds/constants";
import { listRoundsForOrg, listTermsForNewRound } from "@/lib/review-rounds/queries";
import { CreateRoundForm } from "./create-round-form";
import { RoundsTable, STAFF_ROUND_COLUMNS } from "./rounds-table";
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
          <button className="rounded-md border border-slate-300 px-3">查询</button>
        </form>
        {list.rows.length === 0 ? (
          <p className="text-sm text-slate-500">暂无评审会议。</p>
        ) : (
          <RoundsTable testId="rounds-table" rows={list.rows} href={(id) => `${base}/${id}`} columns={STAFF_ROUND_COLUMNS} />
        )}
        <Pagination page={list.page} pageSize={ROUND_PAGE_SIZE} total={list.total} basePath={base} params={filter} />
      </Card>
    </div>
  );
}
