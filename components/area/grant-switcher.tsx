"use client";

import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/safe-action";

export type GrantChoice = { id: string; label: string };

/**
 * 切换身份 in the area header, shown to a person holding two or more grants (docs/domain.md §1). A
 * disclosure with a radio list: keyboard-operable without script, and narrow enough for a phone.
 */
export function GrantSwitcher({ grants, activeId, action }: {
  grants: readonly GrantChoice[];
  activeId: string;
  action: (prev: ActionResult | null, formData: FormData) => Promise<ActionResult>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <details className="relative" data-testid="grant-switcher">
      <summary className="cursor-pointer list-none rounded border border-white/40 px-3 py-1 hover:bg-white/10 focus-visible:outline-2 focus-visible:outline-white">
        切换身份
      </summary>
      <form
        action={formAction}
        className="absolute right-0 z-20 mt-2 w-72 max-w-[calc(100vw-2rem)] whitespace-normal rounded-lg border border-slate-200 bg-white p-3 text-slate-800 shadow-lg"
      >
        <fieldset>
          <legend className="mb-2 text-sm font-semibold">选择要使用的身份</legend>
          <div className="space-y-1">
            {grants.map((g) => (
              <label key={g.id} className="flex cursor-pointer items-start gap-2 rounded px-2 py-1.5 text-sm hover:bg-brand-50">
                <input type="radio" name="grantId" value={g.id} defaultChecked={g.id === activeId} className="mt-0.5" />
                <span>
                  {g.label}
                  {g.id === activeId && <span className="ml-1 text-xs text-slate-500">（当前）</span>}
                </span>
              </label>
            ))}
          </div>
        </fieldset>
        {state && !state.ok && (
          <p role="alert" className="mt-2 text-sm text-red-700">
            {state.message}
          </p>
        )}
        <button
          type="submit"
          disabled={pending}
          className="mt-3 w-full rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-brand-600/50"
        >
          {pending ? "正在切换…" : "切换"}
        </button>
      </form>
    </details>
  );
}
