import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { areaForRole, type Role } from "@/lib/roles";
import { clientIpFromHeaders } from "./request-ip";
import { loadSessionUser, type SessionUser } from "./session-user";

export type { SessionUser } from "./session-user";

/**
 * The signed-in user, re-checked against the database on every call: a disabled account, a changed
 * password (session version bump), a disabled organisation or a revoked grant takes effect at the
 * next request.
 */
export async function getCurrentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const claims = session?.user;
  if (!claims?.id) return null;
  return loadSessionUser(await getDb(), { id: claims.id, sessionVersion: claims.sessionVersion, grantId: claims.grantId, sid: claims.sid });
}

/** For layouts and pages: anonymous → /login, wrong role (of the active grant) → /forbidden. */
export async function requireRolePage(roles: readonly Role[]): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  if (!roles.includes(user.role)) redirect(`/forbidden?from=${encodeURIComponent(areaForRole(user.role))}`);
  return user;
}

export async function currentRequestIp(): Promise<string | null> {
  return clientIpFromHeaders(await headers());
}
