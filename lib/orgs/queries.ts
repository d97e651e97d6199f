import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { orgs } from "@/db/schema";

export type OrgOption = { id: string; name: string; level: string | null };

/** Regional HR departments a unit can register under (cities and counties, not the 专技处). */
export async function listRegionOptions(db: Db): Promise<OrgOption[]> {
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level })
    .from(orgs)
    .where(and(eq(orgs.kind, "hrss"), eq(orgs.status, "active"), eq(orgs.isCertDivision, false)))
    .orderBy(asc(orgs.regionCode), asc(orgs.name));
}

export async function listDeptOptions(db: Db): Promise<OrgOption[]> {
  return db
    .select({ id: orgs.id, name: orgs.name, level: orgs.level })
    .from(orgs)
    .where(and(eq(orgs.kind, "dept"), eq(orgs.status, "active")))
    .orderBy(asc(orgs.regionCode), asc(orgs.name));
}

/** The HR department and every HR department below it (recursive on parentId). */
export async function getHrssSubtreeIds(db: Db, rootId: string): Promise<string[]> {
  const rows = await executeRows<{ id: string }>(db, sql`
    with recursive tree(id) as (
      select id from orgs where id = ${rootId} and kind = 'hrss'
      union all
      select o.id from orgs o join tree t on o.parent_id = t.id where o.kind = 'hrss'
    )
    select id from tree`);
  return rows.map((r) => r.id);
}
