import Link from "next/link";
import { notFound } from "next/navigation";
import { CertificateStatusBadge } from "@/components/certificates/certificate-status";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { getHolderCertificate, listHolderLookups } from "@/lib/certificates/holder";
import { VIEW_ONLY_MESSAGE } from "@/lib/certificates/access";
import { LookupList } from "../lookup-list";

export const dynamic = "force-dynamic";

/** One of my certificates: every field; the PDF for 2020 and later, view-only before. */
export default async function PersonCertificatePage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRolePage(["person"]);
  const { id } = await params;
  const db = await getDb();
  const cert = await getHolderCertificate(db, user.id, id);
  if (!cert) notFound();
  const lookups = await listHolderLookups(db, user.id, { certificateId: cert.id });
  return (
    <div className="space-y-6">
      <Card
        title={
          <span className="flex items-center gap-2">
            职称证书 <CertificateStatusBadge status={cert.status} />
            {cert.version > 1 && <span className="text-xs font-normal text-slate-500">第{cert.version}版</span>}
          </span>
        }
        actions={
          <Link href="/person/certificates" className="text-sm text-brand-700 hover:underline">
            返回列表
          </Link>
        }
      >
        <div className="space-y-4">
          {cert.status === "revoked" && <Notice tone="error">该证书已撤销{cert.revokeReason ? `（原因：${cert.revokeReason}）` : ""}。</Notice>}
          {cert.status === "superseded" && <Notice tone="warning">该证书已更正，此版本已由新版本取代，请查看最新版本。</Notice>}
          {cert.correctionReason && cert.status !== "superseded" && <Notice tone="info">本版本为更正后的证书（更正原因：{cert.correctionReason}）。</Notice>}
          <div className="flex flex-col gap-6 sm:flex-row">
            <dl className="grid flex-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="certificate-fields">
              {cert.fields.map((f) => (
                <div key={f.label} className="flex gap-2">
                  <dt className="w-24 shrink-0 text-slate-500">{f.label}</dt>
                  <dd className="min-w-0 break-all text-slate-800">{f.value}</dd>
                </div>
              ))}
            </dl>
            <div className="shrink-0">
              {cert.photoDataUrl ? (
                // eslint-disable-next-line @next/next/no-img-element -- the holder's own stored photo as a data URL
                <img src={cert.photoDataUrl} alt="证书照片" width={118} height={165} className="border border-slate-200" />
              ) : (
                <div className="grid h-[165px] w-[118px] place-items-center border border-dashed border-slate-300 text-xs text-slate-500">无照片</div>
              )}
            </div>
          </div>
          {cert.confirmation && (
            <p className="text-sm text-slate-600" data-testid="certificate-confirmation">
              省人社厅专技处确认：确认文号 {cert.confirmation.confirmationNo ?? "—"}，确认日期 {cert.confirmation.confirmationDate ?? "—"}（批次 {cert.confirmation.batchNo}）。
            </p>
          )}
          {cert.downloadable ? (
            <a href={`/api/certificates/${cert.id}/pdf`} className={buttonClass("primary")} download data-testid="download-pdf">
              下载电子证书（PDF）
            </a>
          ) : (
            <Notice tone="info">{VIEW_ONLY_MESSAGE}。</Notice>
          )}
        </div>
      </Card>
      <Card title="该证书的被查询记录">
        <LookupList lookups={lookups} showCertNo={false} />
      </Card>
    </div>
  );
}
