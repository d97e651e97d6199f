"use client";

import type { ReactNode } from "react";
import { Button } from "@/components/ui/button";

/** The inline confirmation step before an irreversible or bulk change. */
export function ConfirmBox({ question, confirmLabel, danger, busy, onConfirm, onCancel, children }: {
  question: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  return (
    <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="dialog" aria-label="确认操作">
      <div>{question}</div>
      {children}
      <div className="mt-2 flex gap-2">
        <Button size="sm" variant={danger ? "danger" : "primary"} disabled={busy} onClick={onConfirm}>
          {busy ? "正在处理…" : confirmLabel}
        </Button>
        <Button size="sm" variant="secondary" disabled={busy} onClick={onCancel}>
          取消
        </Button>
      </div>
    </div>
  );
}
