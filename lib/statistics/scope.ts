import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { orgs } from "@/db/schema";
import type { OrgLevel } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { ForbiddenError } from "@/lib/errors";
import { BREAKDOWN_LABELS, OWN_LEVEL_LABELS } from "./constants";

export const STATISTICS_FORBIDDEN = "仅人社部门可查看统计分析";

/** One row of the breakdown: a 市州 (province scope), a 区县 (city scope), or the scope's own level. */
export type RegionBucket = { id: string; label: string; own: boolean };

/**
 * What a 人社部门 sees (docs/domain.md §19): its region. The provincial department and its 专技处 see the
 * whole province by 市州; a 市州 its region by 区县; a 区县 itself. `hrssIds` are the region's 人社部门
 * (null: the whole province, no condition); `bucketOf` maps each of them, and each committee, to its row.
 */
export type StatisticsScope = {
  level: OrgLevel;
  name: string;
  breakdownLabel: string;
  buckets: RegionBucket[];
  hrssIds: string[] | null;
  bucketOfHrss: Map<string, string>;
  /** The region's committees (formed by an organisation of the region) and their row. */
  bucketOfCommittee: Map<string, string>;
};

type TreeRow = { id: string; parent_id: string | null; name: string; level: OrgLevel | null; depth: number };

/** "贵阳市人力资源和社会保障局" → "贵阳市": the region's name, as a chart axis shows it. */
export function regionName(orgName: string): string {
  return orgName.replace(/人力资源和社会保障(局|厅)$/, "") || orgName;
}

export async function resolveStatisticsScope(db: Db, user: Pick<SessionUser, "role" | "orgId">): Promise<StatisticsScope> {
  if (user.role !== "hrss" || !user.orgId) throw new ForbiddenError(STATISTICS_FORBIDDEN);
  // The root: the viewer's office, or the province itself for a provincial office (the 专技处 hangs under it).
  const office = (id: string) =>
    db.select({ id: orgs.id, kind: orgs.kind, level: orgs.level, parentId: orgs.parentId }).from(orgs).where(eq(orgs.id, id)).then((r) => r[0]);
  let root = await office(user.orgId);
  while (root?.kind === "hrss" && root.level === "province" && root.parentId) root = await office(root.parentId);
  if (!root || root.kind !== "hrss" || !root.level) throw new ForbiddenError(STATISTICS_FORBIDDEN);
  const level = root.level;

  const tree = await executeRows<TreeRow>(
    db,
    sql`with recursive tree(id, parent_id, name, level, depth) as (
          select id, parent_id, name, level, 0 from orgs where id = ${root.id}
          union all
          select o.id, o.parent_id, o.name, o.level, t.depth + 1 from orgs o join tree t on o.parent_id = t.id where o.kind = 'hrss'
        )
        select id, parent_id, name, level, depth from tree`,
  );
  const byId = new Map(tree.map((r) => [r.id, r]));
  const rootRow = byId.get(root.id)!;
  // A child of the root at a lower level (a 市州 under the province, a 区县 under a 市州) is a row of its own;
  // offices at the root's level (the 专技处) and everything under them count as the root's own row.
  const bucketOfHrss = new Map<string, string>();
  for (const r of tree) {
    let top = r;
    while (top.depth > 1) top = byId.get(top.parent_id!)!;
    bucketOfHrss.set(r.id, top.depth === 1 && top.level !== level ? top.id : root.id);
  }
  const children = tree
    .filter((r) => r.depth === 1 && r.level !== level)
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
  const buckets: RegionBucket[] = [
    ...children.map((c) => ({ id: c.id, label: regionName(c.name), own: false })),
    { id: root.id, label: OWN_LEVEL_LABELS[level], own: true },
  ];

  // A committee belongs to its forming organisation's region: the 人社部门 itself, or the 人社部门 a 主管部门 or
  // unit hangs under (docs/domain.md §2: parentId).
  const committees = await executeRows<{ id: string; hrss_id: string | null }>(
    db,
    sql`select c.id, case when o.kind = 'hrss' then o.id else o.parent_id end as hrss_id from committees c join orgs o on o.id = c.forming_org_id`,
  );
  const bucketOfCommittee = new Map<string, string>();
  for (const c of committees) {
    const bucket = c.hrss_id ? bucketOfHrss.get(c.hrss_id) : undefined;
    if (bucket) bucketOfCommittee.set(c.id, bucket);
  }

  return {
    level,
    name: rootRow.level === "province" ? "全省" : regionName(rootRow.name),
    breakdownLabel: BREAKDOWN_LABELS[level],
    buckets,
    hrssIds: level === "province" ? null : tree.map((r) => r.id),
    bucketOfHrss,
    bucketOfCommittee,
  };
}
