import { formatChineseDate } from "@/lib/pdf/certificate-data";
import { CERTIFICATE_STATUS_INFO, type VerifierCertificateView } from "@/lib/query/views";
import { CertificateStatusBadge } from "./certificate-status";

/** One certificate as a verifier sees it (public query, QR verification): masked ID, live status. */
export function VerifierResult({ c }: { c: VerifierCertificateView }) {
  const rows: [string, string][] = [
    ["证书编号", c.certNo],
    ["姓名", c.name],
    [c.idTypeLabel, c.maskedIdNumber],
    ["系列 / 专业", `${c.series} / ${c.specialty}`],
    ["资格名称", c.qualificationName],
    ["级别", c.levelLabel],
    ["取得方式", c.obtainMethodLabel],
    ["评审通过时间", formatChineseDate(c.passDate)],
    ["评委会名称", c.committeeName],
    ["批准文号", c.approvalNo],
    ["发证机关", c.issuingAuthority],
    ["发证日期", formatChineseDate(c.issueDate)],
  ];
  return (
    <article className="rounded-md border border-slate-200 p-4" data-testid="verifier-result">
      <header className="mb-3 flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold text-slate-800">{c.qualificationName}</h3>
        <CertificateStatusBadge status={c.status} />
        {c.version > 1 && <span className="text-xs text-slate-500">第{c.version}版</span>}
      </header>
      {c.status === "superseded" && c.currentVersionStatus && (
        <p className="mb-3 text-sm text-amber-800" data-testid="superseded-note">
          该证书已更正，已由新版本取代；新版本当前状态：{CERTIFICATE_STATUS_INFO[c.currentVersionStatus].label}。
        </p>
      )}
      {c.status === "revoked" && <p className="mb-3 text-sm text-red-700">该证书已被撤销，不再作为有效职称证明。</p>}
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {rows.map(([label, value]) => (
          <div key={label} className="flex gap-2">
            <dt className="w-24 shrink-0 text-slate-500">{label}</dt>
            <dd className="min-w-0 break-all text-slate-800">{value}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
