import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs } from "@/db/schema";
import type { IdType } from "@/db/schema/enums";

/**
 * The 人社部门 a 诚信档案 record belongs to (docs/domain.md §16): for a 居民身份证, the active county bureau
 * whose region code is the number's first six digits, else the city bureau of its first four (5201 →
 * 520100 贵阳市); any other document, or no such bureau, the provincial department. The region tree then
 * shows it to that bureau and every bureau above it.
 */
export async function resolveIntegrityRegionOrg(db: Db, idType: IdType, idNumber: string): Promise<string> {
  const hrss = and(eq(orgs.kind, "hrss"), eq(orgs.status, "active"), eq(orgs.isCertDivision, false));
  if (idType === "resident" && /^\d{6}/.test(idNumber)) {
    const codes = [idNumber.slice(0, 6), `${idNumber.slice(0, 4)}00`];
    const [local] = await db
      .select({ id: orgs.id })
      .from(orgs)
      .where(and(hrss, inArray(orgs.level, ["county", "city"]), inArray(orgs.regionCode, codes)))
      // The county (its own six digits) before the city.
      .orderBy(desc(sql`${orgs.regionCode} = ${codes[0]}`))
      .limit(1);
    if (local) return local.id;
  }
  const [province] = await db.select({ id: orgs.id }).from(orgs).where(and(hrss, eq(orgs.level, "province"), isNull(orgs.parentId))).limit(1);
  if (!province) throw new Error("no provincial hrss organisation");
  return province.id;
}
