/**
 * Who examines a 评审权备案 (EVALUATION §7 "Who examines"): one configuration table, not branches.
 * The 主管部门 examines first when the forming organisation is a unit with one; then the 人社部门 of the
 * table below. The 省人社厅's own committees have no examiner: the 专技处 records them (null).
 */
import type { OrgKind, TitleLevel } from "@/db/schema/enums";
import { higherLevel, LEVEL_TIER, type LevelTier } from "@/lib/terms/rules";

/** Which 人社部门 examines a filing of each tier: the province, or the forming organisation's region. */
export const HRSS_EXAMINER_BY_TIER: Record<LevelTier, "province" | "region"> = {
  senior: "province",
  intermediate: "region",
  junior: "region",
};

export type RoutingOrg = { id: string; kind: OrgKind; parentId: string | null; supervisorId: string | null };
export type FilingRoute = { deptOrgId: string | null; hrssOrgId: string | null };

/**
 * `provinceId`: the 省人社厅. A unit or 主管部门 hangs under its region's 人社部门 (parentId); an 人社部门
 * forming a committee is examined by its parent. An examiner equal to the forming organisation itself
 * means none (the 省人社厅's own committees).
 */
export function routeFiling(org: RoutingOrg, levelFrom: TitleLevel, levelTo: TitleLevel, provinceId: string): FilingRoute {
  const deptOrgId = org.kind === "unit" ? org.supervisorId : null;
  // Units and 主管部门 hang under their region's 人社部门, an 人社部门 under the one above: parentId either way.
  const regional = org.parentId;
  const target = HRSS_EXAMINER_BY_TIER[LEVEL_TIER[higherLevel(levelFrom, levelTo)]] === "province" ? provinceId : (regional ?? provinceId);
  return { deptOrgId, hrssOrgId: target === org.id ? null : target };
}
