"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import type { ActionResult } from "@/lib/actions/safe-action";

/** 确认统票: names the digest of the counts on screen, so a later change needs a new confirmation. */
export function ConfirmTallyButton({ roundId, digest, label, action }: {
  roundId: string;
  digest: string;
  label: string;
  action: (raw: unknown) => Promise<ActionResult<unknown>>;
}) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      {!asking && (
        <Button size="sm" disabled={busy} onClick={() => setAsking(true)}>
          {label}
        </Button>
      )}
      {asking && (
        <ConfirmBox
          question="本人已核对上表中的票数与结果，确认无误。"
          confirmLabel="确认无误"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => action({ roundId, digest }), (r) => r.ok && setAsking(false))}
        />
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
