import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { loadSessionUser, type SessionUser } from "@/lib/auth/session-user";

/** The user as getCurrentUser would return it right after login: acting under the default grant. */
export async function sessionUserOf(db: Db, userId: string): Promise<SessionUser> {
  const [u] = await db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  const user = u ? await loadSessionUser(db, { id: userId, sessionVersion: u.sv }) : null;
  if (!user) throw new Error(`sessionUserOf: no usable session for ${userId}`);
  return user;
}
