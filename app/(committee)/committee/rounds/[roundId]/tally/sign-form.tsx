"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { signTallyAction } from "../../actions";

/** 签署统票结果: the 主任 re-enters the password; the tally becomes immutable. */
export function SignForm({ roundId, version, ready }: { roundId: string; version: number; ready: boolean }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState("");
  return (
    <div className="space-y-2">
      {!asking && (
        <Button disabled={!ready || busy} onClick={() => setAsking(true)}>
          签署统票结果
        </Button>
      )}
      {asking && (
        <ConfirmBox
          question="签署后统票结果不可更改，表决票按随机顺序封存并生成结束哈希。请输入您的登录密码确认。"
          confirmLabel="确认签署"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            run(
              () => signTallyAction({ roundId, version, password }),
              (r) => {
                setPassword("");
                if (r.ok) setAsking(false);
              },
            )
          }
        >
          <label className="mt-2 block" htmlFor="sign-password">
            <span className="text-amber-900">登录密码</span>
            <input id="sign-password" type="password" autoComplete="current-password" className={`${inputClass} mt-1 max-w-xs`} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
        </ConfirmBox>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
