import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { StaleStateError, UserError } from "@/lib/errors";

/** Change one's own password; every other session of the account ends (session version bump). */
export async function changeOwnPassword(tx: Db, userId: string, oldPassword: string, newPassword: string): Promise<void> {
  const [row] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row || !(await verifyPassword(row.hash, oldPassword))) {
    throw new UserError("原密码错误", { oldPassword: "原密码错误" });
  }
  await tx
    .update(users)
    .set({ passwordHash: await hashPassword(newPassword), sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId));
}

/** Disable one account; its existing sessions stop working on their next request. */
export async function disableUser(tx: Db, userId: string): Promise<void> {
  const rows = await tx
    .update(users)
    .set({ status: "disabled", sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, userId), eq(users.status, "active")))
    .returning({ id: users.id });
  if (rows.length === 0) throw new StaleStateError();
}

/** Sign-out: bump the session version so every token issued before now stops working. */
export async function endAllSessions(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, userId));
}
