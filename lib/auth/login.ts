import { eq, or, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { orgs, users } from "@/db/schema";
import type { AuditOutcome } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import type { Role } from "@/lib/roles";
import { normalizeIdNumber } from "@/lib/validation/id-number";
import { verifyPassword } from "./password";

export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 30 } as const;
/** Per-IP throttle on failed attempts, independent of the account lockout. */
export const IP_THROTTLE = { maxFailures: 30, windowSec: 15 * 60 } as const;

export type AuthenticatedUser = { id: string; role: Role; name: string; orgId: string | null; sessionVersion: number };

/**
 * "invalid" covers an unknown account, a wrong password and a locked account alike (docs/domain.md §11):
 * the answer must not tell an attacker which accounts exist or which are locked.
 */
export type LoginFailure = "invalid" | "disabled" | "pending" | "throttled";
export type LoginResult = { ok: true; user: AuthenticatedUser } | { ok: false; reason: LoginFailure; retryAfterMinutes?: number };

/**
 * A fixed argon2id hash with the same parameters as lib/auth/password.ts. Unknown and locked accounts
 * are verified against it so that they cost the same time as a real check (and no first-call hashing).
 */
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$Hz1qCsaHYRFb073q300geA$/n/GSgPBIOLdEVmeep+8VgDC7axbzHkdkeB3jImJHsg";

export function loginFailureMessage(reason: LoginFailure, retryAfterMinutes?: number): string {
  switch (reason) {
    case "disabled":
      return "该账号已被停用，请联系所属单位或上级主管部门";
    case "pending":
      return "单位注册尚在审核中，审核通过后方可登录";
    case "throttled":
      return `登录尝试过于频繁，请${retryAfterMinutes ?? 15}分钟后再试`;
    case "invalid":
      return "用户名/证件号码或密码错误";
  }
}

/**
 * Verify credentials with lockout: 5 wrong passwords within 15 minutes lock the account for 30 minutes.
 * The lock check, the password check and the counter update run in one transaction holding the user
 * row (`FOR UPDATE`), so concurrent attempts on one account are evaluated one after another: at most
 * 5 wrong passwords are ever evaluated per window, and a success never clears a lock set meanwhile
 * nor the window's failure count.
 * During the lock no password is evaluated (a dummy verification keeps the time the same), so even
 * the right password gets the common failure message. Every attempt writes an audit row.
 */
export async function authenticate(db: Db, identifierRaw: string, password: string, ip: string | null): Promise<LoginResult> {
  const identifier = identifierRaw.trim();
  const idNumber = normalizeIdNumber(identifier);
  const ipKey = `login-ip:${ip ?? "unknown"}`;
  const ipGate = await peekRateLimit(db, ipKey, IP_THROTTLE.maxFailures, IP_THROTTLE.windowSec);
  if (!ipGate.allowed) {
    await writeAudit(db, { action: "auth.login", outcome: "denied", ip, detail: { identifier, reason: "throttled" } });
    return { ok: false, reason: "throttled", retryAfterMinutes: Math.ceil(ipGate.retryAfterSec / 60) };
  }
  return db.transaction((tx) => authenticateLocked(tx, identifier, idNumber, password, ip, ipKey));
}

async function authenticateLocked(tx: Tx, identifier: string, idNumber: string, password: string, ip: string | null, ipKey: string): Promise<LoginResult> {
  const countIpFailure = () => hitRateLimit(tx, ipKey, IP_THROTTLE.maxFailures, IP_THROTTLE.windowSec);
  const [user] = await tx
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      orgId: users.orgId,
      passwordHash: users.passwordHash,
      status: users.status,
      sessionVersion: users.sessionVersion,
      locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)`,
      orgStatus: orgs.status,
    })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(or(eq(users.username, identifier), eq(users.idNumber, idNumber)))
    .limit(1)
    .for("update", { of: users });

  if (!user) {
    await verifyPassword(DUMMY_HASH, password);
    await countIpFailure();
    await writeAudit(tx, { action: "auth.login", outcome: "failure", ip, detail: { identifier, reason: "unknown_account" } });
    return { ok: false, reason: "invalid" };
  }

  const audit = (outcome: AuditOutcome, detail: Record<string, unknown>) =>
    writeAudit(tx, { ...auditBase(user, "auth.login", ip), targetType: "user", targetId: user.id, outcome, detail });

  if (user.locked) {
    await verifyPassword(DUMMY_HASH, password);
    await countIpFailure();
    await audit("denied", { reason: "locked" });
    return { ok: false, reason: "invalid" };
  }

  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (!passwordOk) {
    await countIpFailure();
    const window = sql`make_interval(mins => ${LOCKOUT.windowMinutes})`;
    const fresh = sql`(${users.firstFailedAt} is null or ${users.firstFailedAt} < now() - ${window})`;
    const newCount = sql`case when ${fresh} then 1 else ${users.failedLogins} + 1 end`;
    const [after] = await tx
      .update(users)
      .set({
        failedLogins: newCount,
        firstFailedAt: sql`case when ${fresh} then now() else ${users.firstFailedAt} end`,
        lockedUntil: sql`case when ${newCount} >= ${LOCKOUT.maxFailures} then now() + make_interval(mins => ${LOCKOUT.lockMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins, locked: sql<boolean>`coalesce(${users.lockedUntil} > now(), false)` });
    await audit("failure", { reason: "bad_password", failures: after.failedLogins, locked: after.locked });
    return { ok: false, reason: "invalid" };
  }

  if (user.status === "pending" || user.orgStatus === "pending") {
    await audit("denied", { reason: "pending" });
    return { ok: false, reason: "pending" };
  }
  if (user.status !== "active" || (user.orgStatus !== null && user.orgStatus !== "active")) {
    await audit("denied", { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }

  // The failure count of the current window is kept: resetting it on success would let wrong passwords
  // sent alongside the right one be evaluated past the limit of 5 per window.
  await tx.update(users).set({ lockedUntil: null, lastLoginAt: sql`now()` }).where(eq(users.id, user.id));
  await audit("success", {});
  return {
    ok: true,
    user: { id: user.id, role: user.role, name: user.name, orgId: user.orgId, sessionVersion: user.sessionVersion },
  };
}
