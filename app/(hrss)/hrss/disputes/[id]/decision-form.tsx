"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { decideDisputeAction } from "../actions";

/** 申诉成立 / 不成立. Upholding disables the other account, so it asks for confirmation. */
export function DisputeDecisionForm({ disputeId }: { disputeId: string }) {
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  const run = (decision: "uphold" | "reject") =>
    start(async () => {
      if (decision === "uphold" && !window.confirm("确认申诉成立？占用证件号码的账号将被停用并立即退出登录，证件号码改绑到申诉人账号。")) return;
      const r = await decideDisputeAction({ disputeId, decision, reason });
      setMessage({ ok: r.ok, text: r.ok ? (r.message ?? "已处理") : (r.fieldErrors?.reason ?? r.message) });
      if (r.ok) router.refresh();
    });
  return (
    <div className="space-y-2">
      <label className="block text-sm text-slate-600" htmlFor="dispute-reason">
        审核意见（认定不成立时必填）
      </label>
      <textarea id="dispute-reason" className="w-full rounded border border-slate-300 px-2 py-1 text-sm" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      <div className="flex gap-2">
        <Button disabled={pending} onClick={() => run("uphold")}>
          申诉成立
        </Button>
        <Button variant="secondary" disabled={pending} onClick={() => run("reject")}>
          申诉不成立
        </Button>
      </div>
      {message && (
        <p role="status" className={`text-sm ${message.ok ? "text-green-700" : "text-red-600"}`}>
          {message.text}
        </p>
      )}
    </div>
  );
}
