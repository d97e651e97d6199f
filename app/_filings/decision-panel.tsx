"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { approveFilingAction, returnFilingAction } from "./actions";

/** 审核通过 / 退回 (with a reason) for the examiner of the current stage. */
export function DecisionPanel({ filingId, version }: { filingId: string; version: number }) {
  const { outcome, busy, run } = useActionRunner();
  const [reason, setReason] = useState("");
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-3">
        <Button disabled={busy} onClick={() => run(() => approveFilingAction({ filingId, version }))}>
          审核通过
        </Button>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex-1 text-sm">
          退回理由
          <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={2} className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1" />
        </label>
        <Button variant="danger" disabled={busy} onClick={() => run(() => returnFilingAction({ filingId, version, reason }))}>
          退回
        </Button>
      </div>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
