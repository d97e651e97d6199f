"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { ActionResult } from "@/lib/actions/safe-action";

export type Outcome = { ok: boolean; text: string; fieldErrors?: Record<string, string> };

/** Runs a server action, keeps its message (and field errors) and refreshes the page on success. */
export function useActionRunner() {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, start] = useTransition();
  const run = <T,>(call: () => Promise<ActionResult<T>>, after?: (r: ActionResult<T>) => void) =>
    start(async () => {
      const r = await call();
      setOutcome(r.ok ? { ok: true, text: r.message ?? "已完成" } : { ok: false, text: r.message, fieldErrors: r.fieldErrors });
      after?.(r);
      router.refresh();
    });
  return { outcome, setOutcome, busy, run };
}

export function OutcomeNotice({ outcome }: { outcome: Outcome | null }) {
  if (!outcome) return null;
  return (
    <div data-testid="action-result">
      <Notice tone={outcome.ok ? "success" : "error"}>{outcome.text}</Notice>
    </div>
  );
}

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

export const inputClass = "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm";
