"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import type { ActionResult } from "@/lib/actions/safe-action";

/** A state move of the round (分发, 开始评议, 开启/结束投票) behind a confirmation. */
export function StepButton({ roundId, version, label, question, action, danger, disabled }: {
  roundId: string;
  version: number;
  label: string;
  question: React.ReactNode;
  action: (raw: unknown) => Promise<ActionResult<unknown>>;
  danger?: boolean;
  disabled?: boolean;
}) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      {!asking && (
        <Button size="sm" variant={danger ? "danger" : "primary"} disabled={busy || disabled} onClick={() => setAsking(true)}>
          {label}
        </Button>
      )}
      {asking && <ConfirmBox question={question} confirmLabel={`确认${label}`} danger={danger} busy={busy} onCancel={() => setAsking(false)} onConfirm={() => run(() => action({ roundId, version }), (r) => r.ok && setAsking(false))} />}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
