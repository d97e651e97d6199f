import type { RevalidateTarget } from "./safe-action";

/**
 * The areas that show back-fill state: a committee's, the 专技处's and the professional's screens.
 * A back-fill action passes this as `revalidate`, so every area's pages (home 待办 counts included)
 * are rebuilt after the change commits.
 */
export const BACKFILL_AREAS: readonly RevalidateTarget[] = ["/hrss", "/dept", "/self-unit", "/person"].map((path) => ({
  path,
  type: "layout" as const,
}));

/** The roster screens of the committee-forming areas, rebuilt after a roster change. */
export const ROSTER_AREAS: readonly RevalidateTarget[] = ["/hrss/roster", "/dept/roster", "/self-unit/roster"].map((path) => ({
  path,
  type: "layout" as const,
}));
