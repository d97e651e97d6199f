"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { Notice } from "@/components/ui/card";
import { useFlash, useHoldFlash } from "@/components/ui/flash-notice";
import type { ActionResult } from "@/lib/actions/safe-action";

/** `flashId`: a success also posted to the area shell's flash (components/ui/flash-notice.tsx). */
export type Outcome = { ok: boolean; text: string; fieldErrors?: Record<string, string>; flashId?: number };

/**
 * Runs a server action, keeps its message (and field errors) and refreshes the page on success. Each
 * success is also posted to the area shell's flash, which shows it once the panel's own outcome line has
 * left the page (the panel often goes with the state change); a failure clears the flash and stays on the
 * panel. Outside an area shell (no provider) the flash part does nothing.
 */
export function useActionRunner() {
  const router = useRouter();
  const flash = useFlash();
  const [outcome, setOutcomeState] = useState<Outcome | null>(null);
  const posted = useRef<number | null>(null);
  const [busy, start] = useTransition();

  /** Sets the panel's outcome; a success replaces this runner's flash, anything else withdraws it. */
  const setOutcome = useCallback(
    (next: Outcome | null) => {
      if (flash && posted.current !== null) flash.retract(posted.current);
      posted.current = null;
      if (flash && next?.ok) posted.current = flash.post(next.text);
      setOutcomeState(next && posted.current !== null ? { ...next, flashId: posted.current } : next);
    },
    [flash],
  );

  const run = <T,>(call: () => Promise<ActionResult<T>>, after?: (r: ActionResult<T>) => void) =>
    start(async () => {
      const r = await call();
      if (!r.ok) flash?.clear();
      setOutcome(r.ok ? { ok: true, text: r.message ?? "已完成" } : { ok: false, text: r.message, fieldErrors: r.fieldErrors });
      after?.(r);
      router.refresh();
    });
  return { outcome, setOutcome, busy, run };
}

export function OutcomeNotice({ outcome }: { outcome: Outcome | null }) {
  useHoldFlash(outcome?.ok ? outcome.flashId : undefined);
  if (!outcome) return null;
  return (
    <div data-testid="action-result">
      <Notice tone={outcome.ok ? "success" : "error"}>{outcome.text}</Notice>
    </div>
  );
}
