import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import type { IdDisputeStatus } from "@/db/schema/enums";
import { requireRolePage } from "@/lib/auth/session";
import { DISPUTE_STATUS_LABELS } from "@/lib/disputes/constants";
import { listRegionDisputes } from "@/lib/disputes/queries";
import { formatTime } from "@/lib/format";

const TONES = { pending: "amber", upheld: "green", rejected: "slate" } as const;

/** 证件号码占用申诉: the disputes routed to this 人社部门 (docs/domain.md §11). */
export default async function Page({ searchParams }: { searchParams: Promise<{ status?: string; q?: string; page?: string }> }) {
  const user = await requireRolePage(["hrss"]);
  const sp = await searchParams;
  const status = sp.status && sp.status in DISPUTE_STATUS_LABELS ? (sp.status as IdDisputeStatus) : undefined;
  const q = sp.q?.trim().slice(0, 50) || undefined;
  const page = parsePage(sp.page);
  const { rows, total, pageSize } = await listRegionDisputes(await getDb(), user, { page, q, status });
  return (
    <Card title="证件号码占用申诉">
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href="/hrss/disputes" className={`rounded px-3 py-1 ${!status ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
          全部
        </Link>
        {(Object.keys(DISPUTE_STATUS_LABELS) as IdDisputeStatus[]).map((s) => (
          <Link key={s} href={`/hrss/disputes?status=${s}`} className={`rounded px-3 py-1 ${status === s ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            {DISPUTE_STATUS_LABELS[s]}
          </Link>
        ))}
      </div>
      <form className="mb-4 flex gap-2" action="/hrss/disputes">
        {status && <input type="hidden" name="status" value={status} />}
        <input name="q" defaultValue={q} placeholder="申诉人姓名或完整证件号码" aria-label="搜索申诉" className="w-full max-w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">搜索</button>
      </form>
      {/* On a phone the table scrolls inside its own box, not the page. */}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">申诉人</th>
              <th className="px-3 py-2">申诉的证件</th>
              <th className="px-3 py-2">提交时间</th>
              <th className="px-3 py-2">状态</th>
              <th className="px-3 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的申诉
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{r.claimedName}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.idLabel}</td>
                <td className="px-3 py-2">{formatTime(r.createdAt)}</td>
                <td className="px-3 py-2">
                  <Badge tone={TONES[r.status]}>{r.statusLabel}</Badge>
                </td>
                <td className="px-3 py-2">
                  <Link className="text-brand-600 underline" href={`/hrss/disputes/${r.id}`}>
                    查看
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} basePath="/hrss/disputes" params={{ status, q }} />
    </Card>
  );
}
