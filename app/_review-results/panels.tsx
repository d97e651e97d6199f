"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { confirmResultsAction, issueResultCertificatesAction, publishResultsAction, recordObjectionAction, resolveObjectionAction } from "./actions";

const inputClass = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm";

/** 发布结果公示 (forming organisation, round signed), with a confirmation step. */
export function PublishPanel({ roundId, version, passed }: { roundId: string; version: number; passed: number }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-3">
      {asking ? (
        <ConfirmBox
          question={`将公示${passed}名通过人员的评审结果，公示期不少于5个工作日。确定发布吗？`}
          confirmLabel="确认发布"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => publishResultsAction({ roundId, version }), () => setAsking(false))}
        />
      ) : (
        <Button onClick={() => setAsking(true)}>发布结果公示</Button>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 登记异议 on a candidate in the 公示. */
export function ObjectionForm({ roundId, candidates }: { roundId: string; candidates: { declarationId: string; name: string }[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [declarationId, setDeclarationId] = useState(candidates[0]?.declarationId ?? "");
  const [content, setContent] = useState("");
  if (candidates.length === 0) return null;
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        申报人
        <select value={declarationId} onChange={(e) => setDeclarationId(e.target.value)} className={inputClass}>
          {candidates.map((c) => (
            <option key={c.declarationId} value={c.declarationId}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        异议内容
        <textarea value={content} onChange={(e) => setContent(e.target.value)} rows={3} className={inputClass} />
      </label>
      <Button disabled={busy} onClick={() => run(() => recordObjectionAction({ roundId, declarationId, content }), (r) => r.ok && setContent(""))}>
        登记异议
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 处理异议: 不成立 (kept) or 成立 (upheld → the result is withheld), with the reason. */
export function ResolveObjection({ roundId, objectionId }: { roundId: string; objectionId: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-2">
      <label className="block text-sm">
        处理意见
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} className={inputClass} />
      </label>
      <div className="flex gap-2">
        <Button size="sm" disabled={busy} onClick={() => run(() => resolveObjectionAction({ roundId, objectionId, decision: "kept", reason }))}>
          异议不成立
        </Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => run(() => resolveObjectionAction({ roundId, objectionId, decision: "upheld", reason }))}>
          异议成立（暂缓该人员结果）
        </Button>
      </div>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 确认 / 备案 in bulk: 文号, 发文日期, candidates to withhold with reasons, then a confirmation step. */
export function ConfirmPanel({
  roundId,
  version,
  label,
  candidates,
}: {
  roundId: string;
  version: number;
  label: string;
  candidates: { declarationId: string; name: string }[];
}) {
  const { outcome, busy, run } = useActionRunner();
  const [approvalNo, setApprovalNo] = useState("");
  const [issueDate, setIssueDate] = useState("");
  const [withheld, setWithheld] = useState<Record<string, string>>({});
  const [asking, setAsking] = useState(false);
  const withhold = Object.entries(withheld).map(([declarationId, reason]) => ({ declarationId, reason }));
  const expectedCount = candidates.length - withhold.length;
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="text-sm">
          文号
          <input value={approvalNo} onChange={(e) => setApprovalNo(e.target.value)} className={inputClass} />
        </label>
        <label className="text-sm">
          发文日期
          <input type="date" value={issueDate} onChange={(e) => setIssueDate(e.target.value)} className={inputClass} />
        </label>
      </div>
      <div className="scroll-shadow-x">
        <table className="w-full text-sm">
          <thead className="text-left text-slate-500">
            <tr className="[&_th]:whitespace-nowrap [&_th]:pr-3">
              <th className="py-1">申报人</th>
              <th>暂缓</th>
              <th>暂缓原因</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map((c) => {
              const on = c.declarationId in withheld;
              return (
                <tr key={c.declarationId} className="border-t border-slate-100">
                  <td className="whitespace-nowrap py-1.5 pr-3">{c.name}</td>
                  <td className="pr-3">
                    <input
                      type="checkbox"
                      className="h-5 w-5"
                      aria-label={`暂缓${c.name}`}
                      checked={on}
                      onChange={(e) =>
                        setWithheld((w) => {
                          const next = { ...w };
                          if (e.target.checked) next[c.declarationId] = "";
                          else delete next[c.declarationId];
                          return next;
                        })
                      }
                    />
                  </td>
                  <td className="min-w-48">
                    {on && (
                      <input
                        aria-label={`${c.name}的暂缓原因`}
                        value={withheld[c.declarationId]}
                        onChange={(e) => setWithheld((w) => ({ ...w, [c.declarationId]: e.target.value }))}
                        className={inputClass}
                      />
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {asking ? (
        <ConfirmBox
          question={`将${label}${expectedCount}人的评审结果${withhold.length ? `，暂缓${withhold.length}人` : ""}，并转省人社厅专技处签发电子证书。此操作不可撤回，确定吗？`}
          confirmLabel={`确认${label}`}
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => confirmResultsAction({ roundId, version, approvalNo, issueDate, withhold, expectedCount }), () => setAsking(false))}
        />
      ) : (
        <Button onClick={() => setAsking(true)}>{label}评审结果</Button>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 发证 by the 专技处: the confirmed candidates' certificates, with a confirmation step. */
export function IssuePanel({ roundId, count, approvalNo, issueDate }: { roundId: string; count: number; approvalNo: string; issueDate: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        将为已确认的{count}人签发电子证书：批准文号 {approvalNo}，发证日期 {issueDate}；证书编号接续该评委会当年的编号，签名、二维码与补录证书相同。
      </p>
      {asking ? (
        <ConfirmBox
          question={`将签发${count}张电子证书，签发后证书即可查询和下载，只能通过撤销或更正修改。确定签发吗？`}
          confirmLabel="确认签发"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => issueResultCertificatesAction({ roundId, expectedCount: count }), () => setAsking(false))}
        />
      ) : (
        <Button onClick={() => setAsking(true)} disabled={count === 0}>
          签发电子证书
        </Button>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
