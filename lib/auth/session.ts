import { eq } from "drizzle-orm";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { orgs, users } from "@/db/schema";
import { areaForRole, type Role } from "@/lib/roles";
import { clientIpFromHeaders } from "./request-ip";

export type SessionUser = {
  id: string;
  role: Role;
  name: string;
  orgId: string | null;
  orgName: string | null;
  orgIsCertDivision: boolean;
};

/**
 * The signed-in user, re-checked against the database on every call: a disabled account, a changed
 * password (session version bump) or a disabled organisation ends the session at the next request.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const claims = session?.user;
  if (!claims?.id) return null;
  const db = await getDb();
  const [row] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      orgId: users.orgId,
      status: users.status,
      sessionVersion: users.sessionVersion,
      orgName: orgs.name,
      orgStatus: orgs.status,
      orgIsCertDivision: orgs.isCertDivision,
    })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.id, claims.id))
    .limit(1);
  if (!row || row.status !== "active" || row.sessionVersion !== claims.sessionVersion) return null;
  if (row.orgStatus !== null && row.orgStatus !== "active") return null;
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    orgId: row.orgId,
    orgName: row.orgName,
    orgIsCertDivision: row.orgIsCertDivision ?? false,
  };
}

/** For layouts and pages: anonymous → /login, wrong role → /forbidden. */
export async function requireRolePage(roles: readonly Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!roles.includes(user.role)) redirect(`/forbidden?from=${encodeURIComponent(areaForRole(user.role))}`);
  return user;
}

export async function currentRequestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}
