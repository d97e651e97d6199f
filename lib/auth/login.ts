import { and, eq, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, users } from "@/db/schema";
import type { AuditOutcome } from "@/db/schema/enums";
import { auditBase, writeAudit } from "@/lib/audit";
import { hitRateLimit, peekRateLimit } from "@/lib/rate-limit";
import type { Role } from "@/lib/roles";
import { normalizeIdNumber } from "@/lib/validation/id-number";
import { hashPassword, verifyPassword } from "./password";

export const LOCKOUT = { maxFailures: 5, windowMinutes: 15, lockMinutes: 30 } as const;
/** Per-IP throttle on failed attempts, independent of the account lockout. */
export const IP_THROTTLE = { maxFailures: 30, windowSec: 15 * 60 } as const;

export type AuthenticatedUser = { id: string; role: Role; name: string; orgId: string | null; sessionVersion: number };

export type LoginFailure = "invalid" | "locked" | "disabled" | "pending" | "throttled";
export type LoginResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: LoginFailure; retryAfterMinutes?: number; remainingAttempts?: number };

let dummyHash: Promise<string> | undefined;

export function loginFailureMessage(reason: LoginFailure, retryAfterMinutes?: number, remaining?: number): string {
  switch (reason) {
    case "locked":
      return `连续登录失败次数过多，账号已锁定，请${retryAfterMinutes ?? LOCKOUT.lockMinutes}分钟后再试`;
    case "disabled":
      return "该账号已被停用，请联系所属单位或上级主管部门";
    case "pending":
      return "单位注册尚在审核中，审核通过后方可登录";
    case "throttled":
      return `登录尝试过于频繁，请${retryAfterMinutes ?? 15}分钟后再试`;
    case "invalid":
      return remaining !== undefined && remaining > 0 && remaining < LOCKOUT.maxFailures
        ? `用户名/证件号码或密码错误（再失败${remaining}次账号将被锁定${LOCKOUT.lockMinutes}分钟）`
        : "用户名/证件号码或密码错误";
  }
}

/**
 * Verify credentials with lockout: 5 failures within 15 minutes lock the account for 30 minutes.
 * Every attempt writes an audit row.
 */
export async function authenticate(db: Db, identifierRaw: string, password: string, ip: string | null): Promise<LoginResult> {
  const identifier = identifierRaw.trim();
  const idNumber = normalizeIdNumber(identifier);
  const ipKey = `login-ip:${ip ?? "unknown"}`;
  const ipGate = await peekRateLimit(db, ipKey, IP_THROTTLE.maxFailures, IP_THROTTLE.windowSec);
  const countIpFailure = () => hitRateLimit(db, ipKey, IP_THROTTLE.maxFailures, IP_THROTTLE.windowSec);
  if (!ipGate.allowed) {
    await writeAudit(db, { action: "auth.login", outcome: "denied", ip, detail: { identifier, reason: "throttled" } });
    return { ok: false, reason: "throttled", retryAfterMinutes: Math.ceil(ipGate.retryAfterSec / 60) };
  }

  const [user] = await db
    .select({
      id: users.id,
      role: users.role,
      name: users.name,
      orgId: users.orgId,
      passwordHash: users.passwordHash,
      status: users.status,
      sessionVersion: users.sessionVersion,
      lockedUntil: users.lockedUntil,
      orgStatus: orgs.status,
    })
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(or(eq(users.username, identifier), eq(users.idNumber, idNumber)))
    .limit(1);

  if (!user) {
    // Spend the same time as a real check so timing does not reveal which accounts exist.
    dummyHash ??= hashPassword("timing-equaliser-0");
    await verifyPassword(await dummyHash, password);
    await countIpFailure();
    await writeAudit(db, { action: "auth.login", outcome: "failure", ip, detail: { identifier, reason: "unknown_account" } });
    return { ok: false, reason: "invalid" };
  }

  const audit = (outcome: AuditOutcome, detail: Record<string, unknown>) =>
    writeAudit(db, { ...auditBase(user, "auth.login", ip), targetType: "user", targetId: user.id, outcome, detail });

  if (user.lockedUntil && user.lockedUntil.getTime() > Date.now()) {
    await audit("denied", { reason: "locked" });
    return { ok: false, reason: "locked", retryAfterMinutes: Math.ceil((user.lockedUntil.getTime() - Date.now()) / 60000) };
  }

  const passwordOk = await verifyPassword(user.passwordHash, password);
  if (!passwordOk) {
    await countIpFailure();
    const window = sql`make_interval(mins => ${LOCKOUT.windowMinutes})`;
    const fresh = sql`(${users.firstFailedAt} is null or ${users.firstFailedAt} < now() - ${window})`;
    const newCount = sql`case when ${fresh} then 1 else ${users.failedLogins} + 1 end`;
    const [after] = await db
      .update(users)
      .set({
        failedLogins: newCount,
        firstFailedAt: sql`case when ${fresh} then now() else ${users.firstFailedAt} end`,
        lockedUntil: sql`case when ${newCount} >= ${LOCKOUT.maxFailures} then now() + make_interval(mins => ${LOCKOUT.lockMinutes}) else ${users.lockedUntil} end`,
      })
      .where(eq(users.id, user.id))
      .returning({ failedLogins: users.failedLogins, lockedUntil: users.lockedUntil });
    const locked = after.lockedUntil !== null && after.lockedUntil.getTime() > Date.now();
    await audit("failure", { reason: "bad_password", failures: after.failedLogins, locked });
    if (locked) return { ok: false, reason: "locked", retryAfterMinutes: LOCKOUT.lockMinutes };
    return { ok: false, reason: "invalid", remainingAttempts: LOCKOUT.maxFailures - after.failedLogins };
  }

  if (user.status === "pending" || user.orgStatus === "pending") {
    await audit("denied", { reason: "pending" });
    return { ok: false, reason: "pending" };
  }
  if (user.status !== "active" || (user.orgStatus !== null && user.orgStatus !== "active")) {
    await audit("denied", { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }

  await db
    .update(users)
    .set({ failedLogins: 0, firstFailedAt: null, lockedUntil: null, lastLoginAt: sql`now()` })
    .where(and(eq(users.id, user.id)));
  await audit("success", {});
  return {
    ok: true,
    user: { id: user.id, role: user.role, name: user.name, orgId: user.orgId, sessionVersion: user.sessionVersion },
  };
}
