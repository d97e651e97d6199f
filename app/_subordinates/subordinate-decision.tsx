"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { decideSubordinateAction } from "./actions";

type Decision = "approve" | "reject" | "disable" | "enable";

/** Approve / reject / disable one subordinate unit; rejecting and disabling ask for a reason, disabling for confirmation. */
export function SubordinateDecision({ orgId, orgName, status }: { orgId: string; orgName: string; status: string }) {
  const [mode, setMode] = useState<Decision | null>(null);
  const [reason, setReason] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();

  const run = (decision: Decision) =>
    start(async () => {
      const r = await decideSubordinateAction({ orgId, decision, reason: reason || undefined });
      setMessage({ ok: r.ok, text: r.ok ? (r.message ?? "已完成") : (r.fieldErrors?.reason ?? r.message) });
      if (r.ok) setMode(null);
    });

  if (mode === "reject" || mode === "disable") {
    return (
      <div className="space-y-2">
        <label className="block text-xs text-slate-600" htmlFor={`reason-${orgId}`}>
          {mode === "reject" ? "驳回原因" : "停用原因"}（必填）
        </label>
        <input id={`reason-${orgId}`} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="danger"
            disabled={pending}
            onClick={() => {
              if (mode === "disable" && !window.confirm(`确定停用“${orgName}”？该单位所有账号将立即退出登录。`)) return;
              run(mode);
            }}
          >
            确认{mode === "reject" ? "驳回" : "停用"}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode(null)}>
            取消
          </Button>
        </div>
        {message && !message.ok && <p className="text-xs text-red-600">{message.text}</p>}
      </div>
    );
  }

  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "pending" && (
        <>
          <Button size="sm" disabled={pending} onClick={() => run("approve")}>
            审核通过
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode("reject")}>
            驳回
          </Button>
        </>
      )}
      {status === "active" && (
        <Button size="sm" variant="secondary" onClick={() => setMode("disable")}>
          停用
        </Button>
      )}
      {status === "disabled" && (
        <Button size="sm" variant="secondary" disabled={pending} onClick={() => run("enable")}>
          恢复
        </Button>
      )}
      {message && <span className={`text-xs ${message.ok ? "text-green-700" : "text-red-600"}`}>{message.text}</span>}
    </div>
  );
}
