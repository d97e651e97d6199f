/**
 * The page-level flash of the area shell (components/ui/flash-notice.tsx), as pure state: the latest
 * successful outcome of an action, the path it was posted on, and the outcome lines (OutcomeNotice) that
 * still show it. The flash is visible only on its path and only when no panel shows the same outcome.
 */
export type Flash = { id: number; text: string; path: string };

export type FlashState = { current: Flash | null; held: readonly number[] };

export type FlashEvent =
  | { type: "post"; flash: Flash }
  | { type: "retract"; id: number }
  | { type: "clear" }
  | { type: "hold"; id: number }
  | { type: "release"; id: number }
  | { type: "navigate"; path: string };

export const EMPTY_FLASH: FlashState = { current: null, held: [] };

export function flashReducer(state: FlashState, event: FlashEvent): FlashState {
  switch (event.type) {
    case "post":
      return { ...state, current: event.flash };
    case "retract":
      return state.current?.id === event.id ? { ...state, current: null } : state;
    case "clear":
      return state.current ? { ...state, current: null } : state;
    case "hold":
      return { ...state, held: [...state.held, event.id] };
    case "release": {
      const at = state.held.indexOf(event.id);
      return at < 0 ? state : { ...state, held: [...state.held.slice(0, at), ...state.held.slice(at + 1)] };
    }
    case "navigate":
      return state.current && state.current.path !== event.path ? { ...state, current: null } : state;
  }
}

/** The flash to show on `path`: none when it belongs to another path or a panel's outcome line still shows it. */
export function visibleFlash(state: FlashState, path: string): Flash | null {
  const c = state.current;
  if (!c || c.path !== path || state.held.includes(c.id)) return null;
  return c;
}
