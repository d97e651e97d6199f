"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { cancelRosterImportAction, commitRosterImportAction } from "./actions";

/** 确认导入 (one transaction on the server, from the stored preview) or 取消. */
export function ImportDecision({ importId, addCount, canCommit, listPath, importPath }: {
  importId: string;
  addCount: number;
  canCommit: boolean;
  listPath: string;
  importPath: string;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, startTransition] = useTransition();

  const commit = () =>
    startTransition(async () => {
      const r = await commitRosterImportAction({ importId });
      setMessage({ ok: r.ok, text: r.ok ? (r.message ?? "导入成功") : r.message });
      if (r.ok) router.push(listPath);
      router.refresh();
    });
  const cancel = () =>
    startTransition(async () => {
      const r = await cancelRosterImportAction({ importId });
      if (r.ok) router.push(importPath);
      else setMessage({ ok: false, text: r.message });
    });

  return (
    <div className="space-y-3 border-t border-slate-100 pt-4">
      {message && <Notice tone={message.ok ? "success" : "error"}>{message.text}</Notice>}
      <div className="flex flex-wrap gap-2">
        {canCommit && (
          <Button onClick={commit} disabled={busy} data-testid="commit-import">
            {busy ? "正在导入…" : addCount > 0 ? `确认导入 ${addCount} 条` : "确认（没有新增记录）"}
          </Button>
        )}
        <Button variant="secondary" onClick={cancel} disabled={busy}>
          取消本次导入
        </Button>
      </div>
    </div>
  );
}
