"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { cancelRoundAction } from "./actions";

/** 取消评审会议 (before signing), with a reason; the candidates' declarations return to 已受理. */
export function CancelRoundForm({ roundId, version }: { roundId: string; version: number }) {
  const { outcome, busy, run } = useActionRunner();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  if (!open)
    return (
      <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
        取消会议
      </Button>
    );
  return (
    <div className="w-full space-y-2">
      <ConfirmBox question="取消后本次评审会议不能恢复，申报人回到“已受理”。" confirmLabel="确认取消会议" danger busy={busy} onCancel={() => setOpen(false)} onConfirm={() => run(() => cancelRoundAction({ roundId, version, reason }))}>
        <label className="mt-2 block">
          <span className="text-amber-900">取消原因</span>
          <textarea className={`${inputClass} mt-1`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {outcome?.fieldErrors?.reason && <p className="text-sm text-red-600">{outcome.fieldErrors.reason}</p>}
      </ConfirmBox>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
