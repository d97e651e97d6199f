import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { getDisputeForReview, type AccountFacts } from "@/lib/disputes/queries";
import { NotFoundError } from "@/lib/errors";
import { formatTime } from "@/lib/format";
import { DisputeDecisionForm } from "./decision-form";

function Account({ a }: { a: AccountFacts }) {
  const rows: [string, string][] = [
    ["姓名", a.name],
    ["用户名", a.username ?? "（以证件号码登录）"],
    ["账号状态", a.status],
    ["证件", a.maskedId],
    ["手机号码", a.maskedPhone],
    ["注册时间", formatTime(a.registeredAt)],
    ["最近登录", a.lastLoginAt ? formatTime(a.lastLoginAt) : "从未登录"],
    ["上传照片", `${a.photoUploads} 次`],
    ["操作记录", `${a.auditedActions} 条`],
  ];
  return (
    <section className="rounded border border-slate-200 p-3">
      <h3 className="mb-2 font-medium">{a.label}</h3>
      <dl className="grid grid-cols-[6rem_1fr] gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

/** One dispute: both accounts side by side, the proof file, the decision (docs/domain.md §11). */
export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRolePage(["hrss"]);
  const { id } = await params;
  const d = await getDisputeForReview(await getDb(), user, id).catch((err: unknown) => {
    if (err instanceof NotFoundError) notFound();
    throw err;
  });
  return (
    <Card title={`证件号码占用申诉：${d.claimedName}`}>
      <p className="mb-3 text-sm">
        <Link href="/hrss/disputes" className="text-brand-600 underline">
          返回申诉列表
        </Link>
      </p>
      <dl className="mb-4 grid grid-cols-[8rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">状态</dt>
        <dd data-testid="dispute-status">{d.statusLabel}</dd>
        <dt className="text-slate-500">申诉的证件</dt>
        <dd>{d.idLabel}</dd>
        <dt className="text-slate-500">提交时间</dt>
        <dd>{formatTime(d.createdAt)}</dd>
        <dt className="text-slate-500">情况说明</dt>
        <dd className="whitespace-pre-wrap">{d.statement}</dd>
        <dt className="text-slate-500">证明材料</dt>
        <dd>
          <a className="text-brand-600 underline" href={`/api/disputes/${d.id}/proof`} target="_blank" rel="noreferrer">
            查看证明材料（{d.proofType}，{Math.ceil(d.proofBytes / 1024)} KB）
          </a>
        </dd>
        {d.decidedAt && (
          <>
            <dt className="text-slate-500">处理时间</dt>
            <dd>{formatTime(d.decidedAt)}</dd>
            <dt className="text-slate-500">审核意见</dt>
            <dd>{d.decisionReason ?? "—"}</dd>
          </>
        )}
      </dl>
      <div className="mb-4 grid gap-3 md:grid-cols-2">
        <Account a={d.filer} />
        <Account a={d.occupant} />
      </div>
      {d.status === "pending" && <DisputeDecisionForm disputeId={d.id} />}
    </Card>
  );
}
