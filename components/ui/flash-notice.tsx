"use client";

import { usePathname } from "next/navigation";
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useReducer, useRef, type ReactNode } from "react";
import { EMPTY_FLASH, flashReducer, visibleFlash } from "./flash-state";

/**
 * The page-level flash notice: the area shell (components/area/area-shell.tsx) persists across
 * router.refresh and revalidation, so the latest successful outcome of `useActionRunner` survives the panel
 * that ran the action leaving the page. Shown at the top of the main content only while no panel's outcome
 * line shows the same outcome; cleared on another path, on dismissal and by a later failure.
 */
export type FlashApi = {
  /** Posts a success message on the current path; answers its id. */
  post: (text: string) => number;
  retract: (id: number) => void;
  clear: () => void;
  /** An outcome line (OutcomeNotice) showing outcome `id` is on screen / left. */
  hold: (id: number) => void;
  release: (id: number) => void;
};

const FlashContext = createContext<FlashApi | null>(null);
const FlashStateContext = createContext<{ text: string | null; dismiss: () => void } | null>(null);

let nextId = 1;

export function FlashProvider({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const [state, dispatch] = useReducer(flashReducer, EMPTY_FLASH);
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
    dispatch({ type: "navigate", path: pathname });
  }, [pathname]);
  const api = useMemo<FlashApi>(
    () => ({
      post: (text) => {
        const id = nextId++;
        dispatch({ type: "post", flash: { id, text, path: path.current } });
        return id;
      },
      retract: (id) => dispatch({ type: "retract", id }),
      clear: () => dispatch({ type: "clear" }),
      hold: (id) => dispatch({ type: "hold", id }),
      release: (id) => dispatch({ type: "release", id }),
    }),
    [],
  );
  const dismiss = useCallback(() => dispatch({ type: "clear" }), []);
  const shown = visibleFlash(state, pathname);
  const view = useMemo(() => ({ text: shown?.text ?? null, dismiss }), [shown?.text, dismiss]);
  return (
    <FlashContext.Provider value={api}>
      <FlashStateContext.Provider value={view}>{children}</FlashStateContext.Provider>
    </FlashContext.Provider>
  );
}

/** The flash of the enclosing area shell, or null outside it (e.g. /account): callers then do nothing. */
export function useFlash(): FlashApi | null {
  return useContext(FlashContext);
}

/** Marks outcome `id` as shown by a panel while this component is mounted (the flash then stays hidden). */
export function useHoldFlash(id: number | undefined) {
  const flash = useFlash();
  // A layout effect: the hold lands before paint, so the flash never shows beside the panel's line.
  useLayoutEffect(() => {
    if (!flash || id === undefined) return;
    flash.hold(id);
    return () => flash.release(id);
  }, [flash, id]);
}

/** The flash itself, at the top of the main content; the live region stays mounted so updates are announced. */
export function FlashNotice() {
  const view = useContext(FlashStateContext);
  const text = view?.text ?? null;
  return (
    <div role="status" aria-live="polite" className="sticky top-2 z-20" data-testid="flash-region">
      {text && (
        <div className="mb-4 flex items-start gap-2 rounded-md border border-green-200 bg-green-50 py-2 pl-4 pr-1 text-sm text-green-800 shadow-md" data-testid="flash-notice">
          <p className="flex-1 py-1.5 break-words">{text}</p>
          <button
            type="button"
            onClick={view?.dismiss}
            aria-label="关闭提示"
            className="inline-flex h-8 w-8 shrink-0 items-center justify-center rounded text-lg leading-none text-green-700 hover:bg-green-100"
          >
            ×
          </button>
        </div>
      )}
    </div>
  );
}
