import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sessionGrants, users } from "@/db/schema";
import type { Role } from "@/lib/roles";
import { loadUserGrants } from "./grant-queries";
import { pickActiveGrant, type GrantOption } from "./grants";

/**
 * The signed-in person acting under one grant (docs/domain.md §1 "Accounts"). `role`, `orgId`,
 * `orgName` and `orgIsCertDivision` are the ACTIVE grant's, and every authorization check reads them;
 * users.role / users.org_id only name the default grant a login starts with.
 */
export type SessionUser = {
  id: string;
  role: Role;
  name: string;
  orgId: string | null;
  orgName: string | null;
  orgIsCertDivision: boolean;
  /** The active grant. */
  grantId: string;
  /** Every usable grant of the person, the default first (the header's 切换身份 lists them). */
  grants: readonly GrantOption[];
};

/** The token's claims; `sid` names the login session whose switched grant (session_grants) wins over `grantId`. */
export type SessionClaims = { id: string; sessionVersion: number; grantId?: string | null; sid?: string | null };

/**
 * The session user for these claims, or null when the session must end: unknown, disabled or
 * re-versioned account (password change, disable), a grant id that is not the user's own, or no
 * usable grant left. A revoked, expired or disabled-organisation grant falls back to the default.
 */
export async function loadSessionUser(db: Db, claims: SessionClaims): Promise<SessionUser | null> {
  const [[row], grants, [switched]] = await Promise.all([
    db
      .select({ id: users.id, role: users.role, name: users.name, orgId: users.orgId, status: users.status, sessionVersion: users.sessionVersion })
      .from(users)
      .where(eq(users.id, claims.id))
      .limit(1),
    loadUserGrants(db, claims.id),
    claims.sid
      ? db
          .select({ grantId: sessionGrants.grantId })
          .from(sessionGrants)
          .where(and(eq(sessionGrants.sid, claims.sid), eq(sessionGrants.userId, claims.id)))
          .limit(1)
      : Promise.resolve([] as { grantId: string }[]),
  ]);
  if (!row || row.status !== "active" || row.sessionVersion !== claims.sessionVersion) return null;
  const pick = pickActiveGrant(grants, { role: row.role, orgId: row.orgId }, switched?.grantId ?? claims.grantId);
  if (!pick.ok) return null;
  const { active } = pick;
  return {
    id: row.id,
    role: active.role,
    name: row.name,
    orgId: active.orgId,
    orgName: active.orgName,
    orgIsCertDivision: active.orgIsCertDivision,
    grantId: active.id,
    grants: pick.usable,
  };
}
