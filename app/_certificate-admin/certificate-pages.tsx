import Link from "next/link";
import { notFound } from "next/navigation";
import { CONFIRM_BASE, ConfirmTabs } from "@/app/_confirmation/confirm-pages";
import { requireCertDivisionPage } from "@/app/_confirmation/page-guard";
import { Badge, Card } from "@/components/ui/card";
import { KeysetPagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { CERTIFICATE_STATUSES } from "@/db/schema/enums";
import { getCertificateVersions, listCertificatesForAdmin } from "@/lib/certificates/admin-queries";
import { getCertificateConfirmation } from "@/lib/certificates/confirmation-info";
import { formatChineseDay, formatTime } from "@/lib/format";
import { getCertificateIntegrityRecord } from "@/lib/integrity/queries";
import { integrityReapplyOn } from "@/lib/integrity/rules";
import { todayInChina } from "@/lib/roster/dates";
import { keysetRequest } from "@/lib/keyset";
import { oneOf, type SearchParams, searchText } from "@/lib/http/search-params";
import { CERTIFICATE_STATUS_INFO } from "@/lib/query/views";
import { isUuid } from "@/lib/roster/access";
import { GENDER_LABELS, ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS, type Gender } from "@/lib/roster/constants";
import { CertificateActions } from "./certificate-actions";
import { PrivatePhoto } from "@/components/private-photo";

const BASE = `${CONFIRM_BASE}/certificates`;

/** 证书撤销与更正: find an issued certificate by name, ID number or certificate number. */
export async function CertificatesAdminPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requireCertDivisionPage();
  const status = oneOf(CERTIFICATE_STATUSES, searchParams.status);
  const q = searchText(searchParams.q);
  const r = await listCertificatesForAdmin(await getDb(), user, { q, status, page: keysetRequest(searchParams) });
  return (
    <Card title="证书确认">
      <ConfirmTabs active="certificates" />
      <form action={BASE} className="mb-4 flex flex-wrap gap-2" role="search">
        <input name="q" defaultValue={q} placeholder="姓名、证件号码或证书编号" className="w-64 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
        <select name="status" defaultValue={status ?? ""} aria-label="证书状态" className="rounded-md border border-slate-300 px-3 py-1.5 text-sm">
          <option value="">当前版本（全部状态）</option>
          {CERTIFICATE_STATUSES.map((k) => (
            <option key={k} value={k}>
              {CERTIFICATE_STATUS_INFO[k].label}
            </option>
          ))}
        </select>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
      </form>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="certificates-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">证书编号</th>
              <th className="px-2 py-2">版本</th>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">资格名称</th>
              <th className="px-2 py-2">评委会</th>
              <th className="px-2 py-2">发证日期</th>
              <th className="px-2 py-2">状态</th>
            </tr>
          </thead>
          <tbody>
            {r.rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的证书
                </td>
              </tr>
            )}
            {r.rows.map((c) => (
              <tr key={c.id} className="border-t border-slate-100">
                <td className="px-2 py-2 font-mono text-xs">
                  <Link href={`${BASE}/${c.id}`} className="text-brand-700 hover:underline">
                    {c.certNo}
                  </Link>
                </td>
                <td className="whitespace-nowrap px-2 py-2">第{c.version}版</td>
                <td className="whitespace-nowrap px-2 py-2">{c.name}</td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{c.idNumberMasked}</td>
                <td className="px-2 py-2">{c.qualificationName}</td>
                <td className="px-2 py-2">{c.committeeName}</td>
                <td className="whitespace-nowrap px-2 py-2">{c.issueDate}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={CERTIFICATE_STATUS_INFO[c.status].tone}>{CERTIFICATE_STATUS_INFO[c.status].label}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KeysetPagination basePath={BASE} params={{ q, status }} nextCursor={r.nextCursor} prevCursor={r.prevCursor} />
    </Card>
  );
}

/** One certificate number: every version (never deleted), and revoke / correct on the valid one. */
export async function CertificateAdminPage({ certificateId }: { certificateId: string }) {
  const user = await requireCertDivisionPage();
  if (!isUuid(certificateId)) notFound();
  const db = await getDb();
  const versions = await getCertificateVersions(db, user, certificateId);
  if (!versions || versions.length === 0) notFound();
  const current = versions[0];
  const [confirmation, integrity] = await Promise.all([getCertificateConfirmation(db, current.id), getCertificateIntegrityRecord(db, current.id)]);
  const fields = (c: (typeof versions)[number]): [string, string][] => [
    ["证书编号", c.certNo],
    ["姓名", c.name],
    ["性别", GENDER_LABELS[c.gender as Gender] ?? c.gender],
    ["出生日期", c.birthDate],
    ["证件", `${ID_TYPE_LABELS[c.idType]} ${c.idNumberMasked}`],
    ["工作单位", c.workUnit],
    ["系列 / 专业", `${c.series} / ${c.specialty}`],
    ["资格名称", `${c.qualificationName}（${TITLE_LEVEL_LABELS[c.level]}）`],
    ["取得方式", OBTAIN_METHOD_LABELS[c.obtainMethod]],
    ["评审通过时间", c.passDate],
    ["评委会", c.committeeName],
    ["批准文号", c.approvalNo],
    ["发证机关", c.issuingAuthority],
    ["发证日期", c.issueDate],
  ];
  return (
    <div className="space-y-6">
      <Card title={`证书 ${current.certNo}`} actions={<Link href={BASE} className="text-sm text-brand-700 hover:underline">返回证书列表</Link>}>
        <div className="flex gap-4">
          {current.photoId && <PrivatePhoto photoId={current.photoId} name={current.name} width={96} height={134} className="h-[134px] w-[96px]" />}
          <div className="flex-1">
            <p className="mb-2">
              <Badge tone={CERTIFICATE_STATUS_INFO[current.status].tone}>{CERTIFICATE_STATUS_INFO[current.status].label}</Badge>
              <span className="ml-2 text-sm text-slate-500">第{current.version}版</span>
            </p>
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2" data-testid="certificate-fields">
              {fields(current).map(([k, v]) => (
                <div key={k}>
                  <dt className="text-slate-500">{k}</dt>
                  <dd className="font-medium">{v}</dd>
                </div>
              ))}
            </dl>
            {current.revokeReason && <p className="mt-3 text-sm text-red-700">撤销原因：{current.revokeReason}（{formatTime(current.revokedAt)}）</p>}
            {integrity && (
              <p className="mt-1 text-sm text-red-700" data-testid="certificate-integrity">
                因弄虚作假撤销，撤销文号 {integrity.documentNo}；已记入诚信档案，{integrity.revokedAt} 至 {integrity.barUntil} 不能申报职称。
              </p>
            )}
          </div>
        </div>
        <div className={current.status === "valid" ? "mt-5 border-t border-slate-100 pt-4" : "mt-4"}>
          <CertificateActions
            valid={current.status === "valid"}
            certificateId={current.id}
            certNo={current.certNo}
            fraudReapplyOn={formatChineseDay(integrityReapplyOn(todayInChina()))}
            values={{ name: current.name, workUnit: current.workUnit, specialty: current.specialty, qualificationName: current.qualificationName, approvalNo: current.approvalNo, issueDate: current.issueDate }}
          />
        </div>
      </Card>
      <Card title="版本记录">
        {confirmation && (
          <p className="mb-3 text-sm text-slate-600" data-testid="certificate-confirmation">
            专技处确认：批次 {confirmation.batchNo}，确认文号 {confirmation.confirmationNo ?? "—"}，确认日期 {confirmation.confirmationDate ?? "—"}
            {confirmation.confirmedAt ? `（${formatTime(confirmation.confirmedAt)}）` : ""}。确认文号不印在证书上。
          </p>
        )}
        <ol className="space-y-2 text-sm" data-testid="certificate-versions">
          {versions.map((v) => (
            <li key={v.id} className="rounded border border-slate-100 p-3">
              <span className="font-medium">第{v.version}版</span>
              <span className="ml-2">
                <Badge tone={CERTIFICATE_STATUS_INFO[v.status].tone}>{CERTIFICATE_STATUS_INFO[v.status].label}</Badge>
              </span>
              <span className="ml-2 text-slate-500">
                {formatTime(v.issuedAt)} 由 {v.issuerName ?? "—"} 发放
              </span>
              {v.correctionReason && <p className="mt-1 text-slate-600">更正原因：{v.correctionReason}</p>}
              {v.revokeReason && <p className="mt-1 text-red-700">撤销原因：{v.revokeReason}</p>}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
