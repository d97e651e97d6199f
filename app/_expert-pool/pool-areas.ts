import type { Role } from "@/lib/roles";

/** The three areas whose organisations keep an expert pool (docs/domain.md §13). */
export const POOL_AREAS_BY_KEY = {
  hrss: { role: "hrss", base: "/hrss/experts" },
  dept: { role: "dept", base: "/dept/experts" },
  "self-unit": { role: "self_unit", base: "/self-unit/experts" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type PoolArea = keyof typeof POOL_AREAS_BY_KEY;
