"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
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
