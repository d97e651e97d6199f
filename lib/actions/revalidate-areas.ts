import { revalidatePath } from "next/cache";
import type { ActionResult } from "./safe-action";

/** The areas that show back-fill state: a committee's, the 专技处's and the professional's screens. */
const BACKFILL_AREAS = ["/hrss", "/dept", "/self-unit", "/person"] as const;

/** After a successful back-fill change, every area's pages (home 待办 counts included) are rebuilt. */
export async function withBackfillRefresh<T>(p: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = await p;
  if (r.ok) for (const area of BACKFILL_AREAS) revalidatePath(area, "layout");
  return r;
}
