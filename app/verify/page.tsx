import { CertificateQueryForm } from "@/components/certificates/certificate-query-form";
import { Card } from "@/components/ui/card";

/**
 * 职称证书查询（公开）: no login. The query is a POST (/api/certificates/query) carrying a solved
 * proof-of-work captcha, which the form's widget fetches from /api/captcha — a GET never searches.
 */
export default function PublicVerifyPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-800">职称证书查询与核验</h1>
        <p className="mt-2 text-sm text-slate-600">
          用人单位或个人可凭姓名、证件号码、证书编号中的任意两项，查询贵州省职称证书的真实性及当前状态（有效 / 已撤销 / 已更正）。
          为保护个人信息，查询结果中的证件号码已作脱敏处理；每次查询都会被记录，证书持有人可查看其证书的被查询记录。
        </p>
      </div>
      <Card title="证书查询">
        <CertificateQueryForm mode="public" />
      </Card>
      <p className="text-xs text-slate-500">持有电子证书的，也可扫描证书上的二维码直接核验。</p>
    </div>
  );
}
