"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import type { WithdrawalStatus } from "@/db/schema/enums";
import { WITHDRAWAL_STATUS_LABELS } from "@/lib/declarations/constants";
import { requestWithdrawalAction, withdrawDeclarationAction } from "../actions";

export type WithdrawalRow = { id: string; status: WithdrawalStatus; reason: string; requestedAt: string; decisionReason: string | null };

/**
 * 撤回: directly before the unit's check (with confirmation); afterwards a request with a reason that the office
 * holding the declaration approves or refuses (docs/domain.md §16 "Withdrawal"); the requests so far.
 */
export function WithdrawalPanel({ declarationId, version, canWithdraw, canRequest, requests }: {
  declarationId: string;
  version: number;
  canWithdraw: boolean;
  canRequest: boolean;
  requests: WithdrawalRow[];
}) {
  const { outcome, busy, run } = useActionRunner();
  const [confirm, setConfirm] = useState<"withdraw" | "request" | null>(null);
  const [reason, setReason] = useState("");
  const pending = requests.some((r) => r.status === "pending");
  return (
    <div className="space-y-3 text-sm" data-testid="withdrawal-panel">
      {requests.length > 0 ? (
        <ul className="space-y-2">
          {requests.map((r) => (
            <li key={r.id} className="rounded border border-slate-200 p-2">
              <Badge tone={WITHDRAWAL_STATUS_LABELS[r.status].tone}>{WITHDRAWAL_STATUS_LABELS[r.status].label}</Badge>
              <span className="ml-2 text-slate-500">{new Date(r.requestedAt).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false })}</span>
              <p className="mt-1">撤回理由：{r.reason}</p>
              {r.decisionReason ? <p className="text-slate-600">审批意见：{r.decisionReason}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {pending ? <p className="text-slate-600">撤回申请正在等待审核单位审批，审批期间申报暂停办理。</p> : null}
      <div className="flex flex-wrap gap-2">
        {canWithdraw ? (
          <Button type="button" variant="secondary" size="sm" disabled={busy} onClick={() => setConfirm("withdraw")}>
            撤回申报
          </Button>
        ) : null}
        {canRequest && !pending ? (
          <Button type="button" variant="secondary" size="sm" disabled={busy} onClick={() => setConfirm("request")}>
            申请撤回
          </Button>
        ) : null}
      </div>
      {confirm === "withdraw" ? (
        <ConfirmBox
          question="撤回后本申报终止，可在本批次重新申报。确认撤回？"
          confirmLabel="确认撤回"
          danger
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={() => run(() => withdrawDeclarationAction({ declarationId, version }), (r) => r.ok && setConfirm(null))}
        />
      ) : null}
      {confirm === "request" ? (
        <ConfirmBox
          question="申报已通过单位审核，撤回须经当前审核单位同意；同意后本申报终止。请填写撤回理由："
          confirmLabel="提交撤回申请"
          danger
          busy={busy}
          onCancel={() => setConfirm(null)}
          onConfirm={() => run(() => requestWithdrawalAction({ declarationId, version, reason }), (r) => r.ok && setConfirm(null))}
        >
          <textarea aria-label="撤回理由" className={`${inputClass} mt-2`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {outcome?.fieldErrors?.reason ? <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p> : null}
        </ConfirmBox>
      ) : null}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
