"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { decideConflictAction } from "../../actions";

/** 确认回避 (pins the block) or 排除 with a reason, for one suggested conflict. */
export function DecideConflict({ roundId, conflictId }: { roundId: string; conflictId: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [dismissing, setDismissing] = useState(false);
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        <Button size="sm" disabled={busy} onClick={() => run(() => decideConflictAction({ roundId, conflictId, decision: "pin" }))}>
          确认回避
        </Button>
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => setDismissing((d) => !d)}>
          排除
        </Button>
      </div>
      {dismissing && (
        <div className="space-y-1">
          <label className="block text-xs text-slate-600">
            排除理由
            <textarea className={`${inputClass} mt-1`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {outcome?.fieldErrors?.reason && <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
          <Button size="sm" variant="danger" disabled={busy} onClick={() => run(() => decideConflictAction({ roundId, conflictId, decision: "dismiss", reason }))}>
            确认排除
          </Button>
        </div>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
