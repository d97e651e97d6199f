import { type CommitteeArea, requireCommitteePage } from "@/app/_area/committee-page";
import { Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { listReturnedRecords } from "@/lib/batch-submission/queries";
import { first, type SearchParams, searchText } from "@/lib/http/search-params";
import { ReturnedTable } from "./returned-table";
import { WorkspaceTabs } from "./workspace-tabs";

/** 退回处理: records the 专技处 returned, with its reasons; fix them back into the flow. */
export async function ReturnedPage({ area, committeeId, searchParams }: { area: CommitteeArea; committeeId: string; searchParams: SearchParams }) {
  const { user, committee, reviewPath: base, rosterPath: rosterBase } = await requireCommitteePage(area, committeeId);
  const q = searchText(searchParams.q);
  const page = parsePage(first(searchParams.page));
  const r = await listReturnedRecords(await getDb(), user, committee.id, { q, page });
  const path = `${base}/returned`;
  return (
    <Card title={`退回处理 · ${committee.name}`}>
      <WorkspaceTabs base={base} rosterBase={rosterBase} active="returned" counts={{ returned: r.total }} />
      <p className="mt-4 text-sm text-slate-600">
        省人社厅专技处退回的记录需要处理后才能重新提交：核对无误的恢复为“照片已通过”，随下一批次提交；照片有问题的请专业技术人员重新上传。
      </p>
      <form action={path} className="mt-4 flex gap-2" role="search">
        <input name="q" defaultValue={q} placeholder="姓名、证件号码或证书编号" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
      </form>
      <div className="mt-4">
        <ReturnedTable committeeId={committee.id} rows={r.rows} />
      </div>
      <Pagination page={page} pageSize={r.pageSize} total={r.total} basePath={path} params={{ q }} />
    </Card>
  );
}
