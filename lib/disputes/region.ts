import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs } from "@/db/schema";
import type { IdType } from "@/lib/validation/id-number";

/**
 * The 人社部门 that examines a dispute (docs/domain.md §11): for a 居民身份证, the city HR bureau
 * whose region is the number's first four digits (5201 → 520100 贵阳市); otherwise, or when no such
 * bureau is active, the provincial department (not its 专技处).
 */
export async function resolveDisputeRegionOrg(db: Db, idType: IdType, idNumber: string): Promise<string> {
  const hrss = and(eq(orgs.kind, "hrss"), eq(orgs.status, "active"), eq(orgs.isCertDivision, false));
  if (idType === "resident" && /^\d{4}/.test(idNumber)) {
    const [city] = await db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(hrss, eq(orgs.level, "city"), eq(orgs.regionCode, `${idNumber.slice(0, 4)}00`)))
      .limit(1);
    if (city) return city.id;
  }
  const [province] = await db.select({ id: orgs.id }).from(orgs).where(and(hrss, eq(orgs.level, "province"), isNull(orgs.parentId))).limit(1);
  if (!province) throw new Error("no provincial hrss organisation");
  return province.id;
}
