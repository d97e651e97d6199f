import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { ORG_STATUSES } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { oneOf } from "@/lib/http/search-params";
import { listSubordinateOrgs, ORG_STATUS_LABELS, type OrgStatus } from "@/lib/orgs/subordinates";
import type { Tone } from "@/lib/tone";
import { SubordinateDecision } from "./subordinate-decision";

type Search = { status?: string; q?: string; page?: string };
const TONES: Record<OrgStatus, Tone> = { pending: "amber", active: "green", rejected: "red", disabled: "slate" };

export async function SubordinatesPage({ user, basePath, searchParams }: { user: SessionUser; basePath: string; searchParams: Search }) {
  const status = oneOf(ORG_STATUSES, searchParams.status);
  const q = searchParams.q?.trim().slice(0, 50) || undefined;
  const page = parsePage(searchParams.page);
  const { rows, total, counts, pageSize } = await listSubordinateOrgs(await getDb(), user, { status, q, page });
  return (
    <Card title="下属单位管理">
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        <a href={basePath} className={`rounded px-3 py-1 ${!status ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
          全部
        </a>
        {ORG_STATUSES.map((s) => (
          <a key={s} href={`${basePath}?status=${s}`} className={`rounded px-3 py-1 ${status === s ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            {ORG_STATUS_LABELS[s]}（{counts[s] ?? 0}）
          </a>
        ))}
      </div>
      <form className="mb-4 flex gap-2" action={basePath}>
        {status && <input type="hidden" name="status" value={status} />}
        <input name="q" defaultValue={q} placeholder="单位名称或统一社会信用代码" className="w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">搜索</button>
      </form>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">单位名称</th>
              <th className="px-3 py-2">统一社会信用代码</th>
              <th className="px-3 py-2">联系人</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的单位
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="px-3 py-2">
                  {r.name}
                  {r.kind === "dept" && <span className="ml-1 text-xs text-slate-500">（主管部门）</span>}
                  {r.selfEvaluating && <span className="ml-1 text-xs text-slate-500">（自主评审）</span>}
                  {r.rejectReason && <p className="text-xs text-slate-500">原因：{r.rejectReason}</p>}
                </td>
                <td className="px-3 py-2 font-mono text-xs">{r.creditCode}</td>
                <td className="px-3 py-2">
                  {r.contactName}
                  <br />
                  <span className="text-xs text-slate-500">{r.contactPhone}</span>
                </td>
                <td className="px-3 py-2">
                  <Badge tone={TONES[r.status]}>{ORG_STATUS_LABELS[r.status]}</Badge>
                </td>
                <td className="px-3 py-2">
                  <SubordinateDecision orgId={r.id} orgName={r.name} status={r.status} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} basePath={basePath} params={{ status, q }} />
    </Card>
  );
}
