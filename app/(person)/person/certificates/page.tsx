import Link from "next/link";
import { CertificateQueryForm } from "@/components/certificates/certificate-query-form";
import { CertificateStatusBadge } from "@/components/certificates/certificate-status";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listHolderCertificates, listHolderLookups } from "@/lib/certificates/holder";
import { holderQueryAction } from "./actions";
import { LookupList } from "./lookup-list";

export const dynamic = "force-dynamic";

/** 职称证书查询 (personal area): my certificates, the any-two query, and who checked my certificates. */
export default async function PersonCertificatesPage() {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const [certs, lookups] = await Promise.all([listHolderCertificates(db, user.id), listHolderLookups(db, user.id, { limit: 50 })]);
  return (
    <div className="space-y-6">
      <Card title="我的职称证书">
        {certs === null ? (
          <Notice tone="warning">您的账号未登记证件号码，无法匹配职称证书。</Notice>
        ) : certs.length === 0 ? (
          <p className="text-sm text-slate-500">暂未查询到与您证件号码对应的职称证书。证书经省人社厅专技处确认后显示在这里。</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full whitespace-nowrap text-left text-sm" data-testid="my-certificates">
              <thead className="border-b border-slate-200 text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">证书编号</th>
                  <th className="py-2 pr-4 font-medium">资格名称</th>
                  <th className="py-2 pr-4 font-medium">级别</th>
                  <th className="py-2 pr-4 font-medium">评审通过时间</th>
                  <th className="py-2 pr-4 font-medium">状态</th>
                  <th className="py-2 font-medium">操作</th>
                </tr>
              </thead>
              <tbody>
                {certs.map((c) => (
                  <tr key={c.id} className="border-b border-slate-100" data-testid={`certificate-${c.certNo}-v${c.version}`}>
                    <td className="py-2 pr-4 tabular-nums">
                      {c.certNo}
                      {c.version > 1 && <span className="ml-1 text-xs text-slate-500">第{c.version}版</span>}
                    </td>
                    <td className="py-2 pr-4">{c.qualificationName}</td>
                    <td className="py-2 pr-4">{c.levelLabel}</td>
                    <td className="py-2 pr-4 tabular-nums">{c.passDate}</td>
                    <td className="py-2 pr-4">
                      <CertificateStatusBadge status={c.status} />
                    </td>
                    <td className="space-x-2 whitespace-nowrap py-2">
                      <Link href={`/person/certificates/${c.id}`} className={buttonClass("secondary", "sm")}>
                        查看
                      </Link>
                      {c.downloadable ? (
                        <a href={`/api/certificates/${c.id}/pdf`} className={buttonClass("primary", "sm")} download>
                          下载电子证书
                        </a>
                      ) : (
                        <span className="text-xs text-slate-500">仅供查看</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-xs text-slate-500">2020年度及之后取得的职称可下载电子证书（PDF）；2020年度之前的证书信息仅提供查看。</p>
          </div>
        )}
      </Card>
      <Card title="证书查询">
        <CertificateQueryForm mode="holder" action={holderQueryAction} />
      </Card>
      <Card title="谁查询过我的证书">
        <p className="mb-3 text-xs text-slate-500">他人通过公开查询、扫描证书二维码或登录后查询到您的证书时，系统记录查询时间和方式（最近50条）。</p>
        <LookupList lookups={lookups} showCertNo />
      </Card>
    </div>
  );
}
