import Link from "next/link";
import type { Metadata } from "next";
import { VerifierResult } from "@/components/certificates/verifier-result";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { currentRequestIp } from "@/lib/auth/session";
import { CERTIFICATE_STATUS_INFO } from "@/lib/query/views";
import { verifyCertificateLink, type VerifyLinkOutcome } from "@/lib/query/verify-link";
import { certificateProvenance } from "@/lib/review-results/queries";

export const dynamic = "force-dynamic";
// The token is a capability: keep it out of Referer headers to other sites.
export const metadata: Metadata = { title: "职称证书核验结果", referrer: "no-referrer", robots: { index: false, follow: false } };

type Verdict = { title: string; tone: "success" | "error" | "warning"; text: string };

function verdictOf(outcome: Exclude<VerifyLinkOutcome, { kind: "limited" }>): Verdict {
  if (outcome.kind === "invalid") {
    return {
      title: "无效的核验码 / 证书信息被篡改",
      tone: "error",
      text: "未能通过核验：该核验码不存在，或证书信息与签发时的签名不一致。请勿采信该证书，并向发证机关核实。",
    };
  }
  const c = outcome.certificate;
  if (c.status === "revoked") {
    return { title: "已撤销", tone: "error", text: "该证书由本平台签发，但已被撤销，不再作为有效的职称证明。" };
  }
  if (c.status === "superseded") {
    const current = c.currentVersionStatus ? CERTIFICATE_STATUS_INFO[c.currentVersionStatus].label : "—";
    return {
      title: "已更正（已由新版本取代）",
      tone: "warning",
      text: `该证书由本平台签发，但其内容已更正，此版本已由新版本取代（新版本当前状态：${current}）。请以持证人提供的最新版本为准。`,
    };
  }
  return { title: "证书真实有效", tone: "success", text: "该证书由本平台签发，证书信息与签名一致，当前状态有效。请核对下列信息与纸质或电子证书是否一致。" };
}

/** The QR code's target: live status of one certificate, its signature recomputed on every visit. */
export default async function VerifyTokenPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const outcome = await verifyCertificateLink(await getDb(), decodeURIComponent(token), { ip: await currentRequestIp() });
  if (outcome.kind === "limited") {
    return (
      <Card title="职称证书核验">
        <Notice tone="error">{outcome.message}</Notice>
      </Card>
    );
  }
  const v = verdictOf(outcome);
  // A certificate issued from an online review shows where it came from (EVALUATION §7 "Visibility, refined").
  const provenance = outcome.kind === "verified" ? await certificateProvenance(await getDb(), outcome.certificate.certNo) : null;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold text-slate-800">职称证书核验结果</h1>
      <Card>
        <div className="space-y-4">
          <div role="status" className={`rounded-md border px-4 py-4 ${v.tone === "success" ? "border-green-200 bg-green-50" : v.tone === "error" ? "border-red-200 bg-red-50" : "border-amber-200 bg-amber-50"}`}>
            <p className={`text-xl font-bold ${v.tone === "success" ? "text-green-800" : v.tone === "error" ? "text-red-700" : "text-amber-800"}`} data-testid="verify-verdict">
              {v.title}
            </p>
            <p className="mt-1 text-sm text-slate-700">{v.text}</p>
          </div>
          {outcome.kind === "verified" && <VerifierResult c={outcome.certificate} />}
          {provenance && (
            <dl className="grid gap-1 rounded-md border border-slate-200 p-3 text-sm text-slate-700" aria-label="评审来源">
              <div className="flex gap-1">
                <dt>来源：</dt>
                <dd>网上评审（依有效的评审权备案）</dd>
              </div>
              <div className="flex gap-1">
                <dt>结果公示期：</dt>
                <dd>
                  {provenance.publicityFrom} 至 {provenance.publicityTo}
                </dd>
              </div>
              <div className="flex gap-1">
                <dt className="shrink-0">评审会议结束哈希：</dt>
                <dd className="break-all">{provenance.closingHash}</dd>
              </div>
            </dl>
          )}
          <p className="text-xs text-slate-500">核验时间：{new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "long", timeStyle: "medium" }).format(new Date())}（状态以本页实时结果为准）</p>
        </div>
      </Card>
      <p className="text-sm">
        <Link href="/verify" className="text-brand-700 hover:underline">
          凭姓名、证件号码或证书编号查询其他证书 →
        </Link>
      </p>
    </div>
  );
}
