import type { Metadata } from "next";
import Link from "next/link";
import { Badge, Card } from "@/components/ui/card";
import { Pagination, parsePage } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { oneOf, searchText, type SearchParams } from "@/lib/http/search-params";
import { INTEGRITY_STATE_LABELS, INTEGRITY_STATES, listIntegrityRecords } from "@/lib/integrity/queries";

export const metadata: Metadata = { title: "诚信档案" };

const BASE = "/hrss/integrity";

/**
 * 诚信档案 (docs/domain.md §16): people whose title was revoked for fraud, of this 人社部门's region (the
 * province: all), with the certificate, reason, 文号 and the period they may not declare.
 */
export default async function Page({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["hrss"]);
  const sp = await searchParams;
  const q = searchText(sp.q);
  const state = oneOf(INTEGRITY_STATES, sp.state);
  const page = parsePage(sp.page);
  const { rows, total, pageSize } = await listIntegrityRecords(await getDb(), user, { q, state, page });
  return (
    <Card title="诚信档案">
      <p className="mb-3 text-sm text-slate-600">因弄虚作假被撤销职称的人员，自撤销之日起3年内不能申报职称。列表显示本地区的记录，省人社厅可查看全省。</p>
      <div className="mb-4 flex flex-wrap gap-2 text-sm">
        <Link href={BASE} className={`rounded px-3 py-1 ${!state ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
          全部
        </Link>
        {INTEGRITY_STATES.map((s) => (
          <Link key={s} href={`${BASE}?state=${s}`} className={`rounded px-3 py-1 ${state === s ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            {INTEGRITY_STATE_LABELS[s]}
          </Link>
        ))}
      </div>
      <form className="mb-4 flex gap-2" action={BASE} role="search">
        {state && <input type="hidden" name="state" value={state} />}
        <input name="q" defaultValue={q} placeholder="姓名或完整证件号码" aria-label="搜索诚信档案" className="w-full max-w-72 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">搜索</button>
      </form>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="integrity-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">撤销的证书</th>
              <th className="px-2 py-2">撤销原因</th>
              <th className="px-2 py-2">撤销文号</th>
              <th className="px-2 py-2">限制申报期间</th>
              <th className="px-2 py-2">所属地区</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的记录
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="whitespace-nowrap px-2 py-2">{r.name}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <span className="block font-mono text-xs">{r.idNumberMasked}</span>
                  <span className="block text-xs text-slate-500">{r.idTypeLabel}</span>
                </td>
                <td className="px-2 py-2">
                  {r.certNo ? (
                    <>
                      {user.orgIsCertDivision && r.certificateId ? (
                        <Link href={`/hrss/confirm/certificates/${r.certificateId}`} className="font-mono text-xs text-brand-700 hover:underline">
                          {r.certNo}
                        </Link>
                      ) : (
                        <span className="font-mono text-xs">{r.certNo}</span>
                      )}
                      <span className="block text-xs text-slate-500">{r.qualificationName}</span>
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="min-w-36 px-2 py-2">{r.reason}</td>
                <td className="min-w-28 px-2 py-2">{r.documentNo ?? "—"}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <span className="block">{r.revokedAt} 至</span>
                  <span className="block">{r.barUntil}</span>
                  <Badge tone={r.state === "active" ? "red" : "slate"}>{INTEGRITY_STATE_LABELS[r.state]}</Badge>
                </td>
                <td className="min-w-32 px-2 py-2">{r.regionName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination page={page} pageSize={pageSize} total={total} basePath={BASE} params={{ state, q }} />
    </Card>
  );
}
