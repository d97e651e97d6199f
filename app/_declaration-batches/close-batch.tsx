"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { closeBatchAction } from "./actions";

/** 提前截止: with a confirmation, since it cannot be undone. */
export function CloseBatchButton({ batchId, name, activeDeclarations }: { batchId: string; name: string; activeDeclarations: number }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="space-y-2">
      <Button size="sm" variant="secondary" disabled={busy} onClick={() => setAsking(true)}>
        提前截止
      </Button>
      {asking && (
        <ConfirmBox
          danger
          question={
            <p>
              确认将“{name}”提前截止申报？截止后不能恢复，尚未提交的申报（草稿）不能再提交；已提交的 {activeDeclarations} 份申报继续办理。
            </p>
          }
          confirmLabel="确认截止"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => closeBatchAction({ batchId }), (r) => r.ok && setAsking(false))}
        />
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
