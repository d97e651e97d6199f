"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import type { PoolMemberStatus } from "@/lib/experts/constants";
import { reinstateMemberAction, removeMemberAction, suspendMemberAction } from "./actions";

/** 暂停 / 移出 (with a reason) and 恢复 of one pool member, at the version the list showed. */
export function MemberActions({ memberId, version, status, name }: { memberId: string; version: number; status: PoolMemberStatus; name: string }) {
  const [mode, setMode] = useState<"suspend" | "remove" | null>(null);
  const [reason, setReason] = useState("");
  const { outcome, busy, run } = useActionRunner();
  if (status === "removed") return <span className="text-xs text-slate-400">—</span>;

  if (mode) {
    const label = mode === "suspend" ? "暂停" : "移出";
    return (
      <div className="space-y-2">
        <label className="block text-xs text-slate-600" htmlFor={`reason-${memberId}`}>
          {label}原因（必填）
        </label>
        <input id={`reason-${memberId}`} className="w-full rounded border border-slate-300 px-2 py-1 text-sm" value={reason} onChange={(e) => setReason(e.target.value)} />
        <div className="flex gap-2">
          <Button
            size="sm"
            variant="danger"
            disabled={busy}
            onClick={() => {
              if (mode === "remove" && !window.confirm(`确定将“${name}”移出专家库？其在本库的专家身份将被撤销。`)) return;
              run(() => (mode === "suspend" ? suspendMemberAction : removeMemberAction)({ memberId, version, reason }), (r) => r.ok && setMode(null));
            }}
          >
            确认{label}
          </Button>
          <Button size="sm" variant="secondary" onClick={() => setMode(null)}>
            取消
          </Button>
        </div>
        <OutcomeNotice outcome={outcome} />
      </div>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      {status === "active" && (
        <Button size="sm" variant="secondary" onClick={() => setMode("suspend")}>
          暂停
        </Button>
      )}
      {status === "suspended" && (
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => run(() => reinstateMemberAction({ memberId, version }))}>
          恢复
        </Button>
      )}
      <Button size="sm" variant="danger" onClick={() => setMode("remove")}>
        {status === "invited" ? "撤回邀请" : "移出"}
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
