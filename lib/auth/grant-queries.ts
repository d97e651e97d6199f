import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, orgs, roleGrants } from "@/db/schema";
import type { GrantRow } from "./grants";

/**
 * Every grant of the user, oldest first. `usable`: active, inside its validity window (by the
 * database clock) and, when tied to an organisation, that organisation is active — a disabled
 * organisation's grants stop working at the next request, as its accounts do.
 */
export async function loadUserGrants(db: Db, userId: string): Promise<GrantRow[]> {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      orgId: roleGrants.orgId,
      orgName: orgs.name,
      orgIsCertDivision: sql<boolean>`coalesce(${orgs.isCertDivision}, false)`,
      committeeId: roleGrants.committeeId,
      committeeName: committees.name,
      termId: roleGrants.termId,
      roundId: roleGrants.roundId,
      position: roleGrants.position,
      usable: sql<boolean>`(${roleGrants.status} = 'active'
        and ${roleGrants.validFrom} <= now()
        and (${roleGrants.validTo} is null or ${roleGrants.validTo} > now())
        and (${roleGrants.orgId} is null or ${orgs.status} = 'active'))`,
    })
    .from(roleGrants)
    .leftJoin(orgs, eq(orgs.id, roleGrants.orgId))
    .leftJoin(committees, eq(committees.id, roleGrants.committeeId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.createdAt), asc(roleGrants.id));
}
