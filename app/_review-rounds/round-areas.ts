import type { RevalidateTarget } from "@/lib/actions/safe-action";
import type { Role } from "@/lib/roles";

/** The areas whose organisations form committees: their 线上评审管理 (docs/domain.md §17). */
export const ROUND_AREAS_BY_KEY = {
  hrss: { role: "hrss", base: "/hrss/rounds" },
  dept: { role: "dept", base: "/dept/rounds" },
  "self-unit": { role: "self_unit", base: "/self-unit/rounds" },
} as const satisfies Record<string, { role: Role; base: string }>;
export type RoundArea = keyof typeof ROUND_AREAS_BY_KEY;

/**
 * What a round change revalidates: the forming areas, the 主任's and the experts' (a round's state shows in
 * all three), and the declaration lists (adding a candidate moves its declaration to 评审中).
 */
export const ROUND_AREAS: readonly RevalidateTarget[] = ["/hrss", "/dept", "/self-unit", "/committee", "/expert"].map((path) => ({ path, type: "layout" as const }));
