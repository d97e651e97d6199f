"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { decideWithdrawalAction } from "./actions";

/** The holding office's decision on the person's withdrawal request: 同意 (final) or 不同意 with a reason. */
export function WithdrawalDecision({ declarationId, version }: { declarationId: string; version: number }) {
  const { outcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<"approve" | "refuse" | null>(null);
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-2" data-testid="withdrawal-decision">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="danger" disabled={busy} onClick={() => setMode("approve")}>
          同意撤回
        </Button>
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => setMode("refuse")}>
          不同意撤回
        </Button>
      </div>
      {mode === "approve" && (
        <ConfirmBox
          danger
          question="同意后该申报即撤回并终止，不能恢复。确认同意撤回？"
          confirmLabel="确认同意撤回"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => decideWithdrawalAction({ declarationId, version, approve: true }), (r) => r.ok && setMode(null))}
        />
      )}
      {mode === "refuse" && (
        <ConfirmBox
          question="不同意撤回后申报继续办理，申报人将收到您填写的理由："
          confirmLabel="确认不同意撤回"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => decideWithdrawalAction({ declarationId, version, approve: false, reason }), (r) => r.ok && setMode(null))}
        >
          <textarea aria-label="不同意撤回的理由" className={`${inputClass} mt-2`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {outcome?.fieldErrors?.reason ? <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p> : null}
        </ConfirmBox>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
