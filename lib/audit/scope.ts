import { eq, inArray, or } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { ForbiddenError } from "@/lib/errors";
import { getHrssSubtreeIds } from "@/lib/orgs/queries";

/**
 * Which organisations' audit rows an HR official may read: the provincial department (and its 专技处)
 * reads everything (undefined); a city or county bureau reads its own tree and the units under it.
 */
export async function getAuditScopeOrgIds(db: Db, user: Pick<SessionUser, "role" | "orgId">): Promise<string[] | undefined> {
  if (user.role !== "hrss" || !user.orgId) throw new ForbiddenError("仅人社部门可查看审计日志");
  const [org] = await db.select({ level: orgs.level }).from(orgs).where(eq(orgs.id, user.orgId)).limit(1);
  if (org?.level === "province") return undefined;
  const tree = await getHrssSubtreeIds(db, user.orgId);
  const below = await db
    .select({ id: orgs.id })
    .from(orgs)
    .where(or(inArray(orgs.id, tree), inArray(orgs.parentId, tree)));
  return below.map((r) => r.id);
}
