import type { RevalidateTarget } from "@/lib/actions/safe-action";
import type { Role } from "@/lib/roles";

/** The areas whose organisations form committees and open their 申报批次 (docs/domain.md §16 "Batches"). */
export const BATCH_AREAS_BY_KEY = {
  hrss: { role: "hrss", base: "/hrss/batches" },
  dept: { role: "dept", base: "/dept/batches" },
  "self-unit": { role: "self_unit", base: "/self-unit/batches" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type BatchArea = keyof typeof BATCH_AREAS_BY_KEY;

/** A batch change: the forming areas' batch pages and the people's 新建申报 choices. */
export const BATCH_REVALIDATE: readonly RevalidateTarget[] = ["/hrss", "/dept", "/self-unit", "/person"].map((path) => ({ path, type: "layout" as const }));
