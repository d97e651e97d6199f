"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { checkInAction, signPledgeAction } from "../actions";

/** 签署专家纪律承诺书: tick, then sign. */
export function PledgeForm({ roundId }: { roundId: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [accepted, setAccepted] = useState(false);
  return (
    <div className="space-y-3">
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-1" checked={accepted} onChange={(e) => setAccepted(e.target.checked)} />
        <span>本人已认真阅读上述承诺内容，自愿作出承诺并严格遵守。</span>
      </label>
      <Button disabled={busy || !accepted} onClick={() => run(() => signPledgeAction({ roundId, accepted }))}>
        签署承诺书
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}

/** 签到: the member confirms attendance with the password. */
export function CheckInForm({ roundId }: { roundId: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [password, setPassword] = useState("");
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => checkInAction({ roundId, password }), () => setPassword(""));
      }}
    >
      <label className="text-sm" htmlFor="checkin-password">
        <span className="mb-1 block text-slate-700">登录密码</span>
        <input id="checkin-password" type="password" autoComplete="current-password" className={`${inputClass} w-56`} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <Button type="submit" size="sm" disabled={busy || !password}>
        签到
      </Button>
      <div className="w-full">
        <OutcomeNotice outcome={outcome} />
      </div>
    </form>
  );
}
