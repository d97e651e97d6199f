import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { orgs, users } from "@/db/schema";
import type { AuditOutcome } from "@/db/schema/enums";
import { writeAudit } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/db-errors";
import { validateIdDocument } from "@/lib/validation/id-number";
import type { AuthenticatedUser } from "./login";
import type { SsoConfig } from "./oidc-config";
import { hashPassword } from "./password";

/**
 * Signing in with the provincial SSO (docs/domain.md §11 "Single sign-on"): the IdP vouches for the
 * 身份证号 and the name; the local account is found by the linked SSO identity (issuer + sub), else by
 * the ID number, else created. An account reached this way is marked 实名核验.
 */

export type SsoFailure = "missing_claims" | "invalid_id" | "name_mismatch" | "identity_conflict" | "disabled" | "pending";
export type SsoResult = { ok: true; user: AuthenticatedUser; via: "linked" | "link" | "created" } | { ok: false; reason: SsoFailure };

export const SSO_FAILURES: readonly SsoFailure[] = ["missing_claims", "invalid_id", "name_mismatch", "identity_conflict", "disabled", "pending"];

/** Refusals where someone else may hold the person's account: the login page links the dispute path. */
export const SSO_DISPUTE_REASONS: readonly SsoFailure[] = ["name_mismatch", "identity_conflict"];
export const DISPUTE_PATH = "/register/dispute";

export function ssoFailureMessage(reason: SsoFailure | "error"): string {
  switch (reason) {
    case "missing_claims":
      return "统一身份认证未返回身份证号码或姓名，无法登录。请稍后重试或使用账号密码登录";
    case "invalid_id":
      return "统一身份认证返回的身份证号码无效，无法登录。请联系统一身份认证平台核实";
    case "name_mismatch":
      return "该身份证号码已在本平台注册，但注册姓名与统一身份认证的实名信息不一致，无法登录。如该账号并非您本人注册，请提出身份冒用申诉";
    case "identity_conflict":
      return "该身份证号码的账号已绑定其他统一身份认证账号，无法登录。如有疑问请提出身份冒用申诉";
    case "disabled":
      return "该账号已被停用，请联系所属单位或上级主管部门";
    case "pending":
      return "单位注册尚在审核中，审核通过后方可登录";
    case "error":
      return "统一身份认证登录失败，请重试或使用账号密码登录";
  }
}

export type SsoIdentity = { issuer: string; subject: string; idNumber: string; name: string; phone: string | null; birthDate?: string; gender?: string };

/** Same person's name however it was typed: NFKC (full-width forms), no whitespace. */
export function normalizePersonName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

function claimText(claims: Record<string, unknown>, key: string): string {
  const value = claims[key];
  return typeof value === "string" ? value.trim() : "";
}

/** Reads and validates the claims the IdP sent (names configurable, lib/auth/oidc-config.ts). */
export function readSsoIdentity(
  config: Pick<SsoConfig, "issuer" | "claims">,
  subject: string,
  claims: Record<string, unknown>,
): { ok: true; identity: SsoIdentity } | { ok: false; reason: "missing_claims" | "invalid_id"; detail: Record<string, unknown> } {
  const rawId = claimText(claims, config.claims.idNumber);
  const name = claimText(claims, config.claims.name);
  if (!subject || !rawId || !name) {
    return { ok: false, reason: "missing_claims", detail: { subject: Boolean(subject), idNumber: Boolean(rawId), name: Boolean(name) } };
  }
  const check = validateIdDocument("resident", rawId);
  if (!check.ok) return { ok: false, reason: "invalid_id", detail: { message: check.message } };
  const phone = claimText(claims, config.claims.phone) || null;
  return {
    ok: true,
    identity: { issuer: config.issuer, subject, idNumber: check.normalized, name, phone, birthDate: check.birthDate, gender: check.gender },
  };
}

const loginColumns = {
  id: users.id,
  role: users.role,
  name: users.name,
  orgId: users.orgId,
  idType: users.idType,
  idNumber: users.idNumber,
  status: users.status,
  sessionVersion: users.sessionVersion,
  oidcIssuer: users.oidcIssuer,
  oidcSubject: users.oidcSubject,
  orgStatus: orgs.status,
};

/**
 * Find, link or create the local account of an SSO identity, in one transaction holding the user row.
 * Every outcome writes an `auth.sso_login` audit row with the client address.
 */
export async function signInWithSso(db: Db, identity: SsoIdentity, ip: string | null): Promise<SsoResult> {
  try {
    return await db.transaction((tx) => signInLocked(tx, identity, ip));
  } catch (err) {
    // Two first logins of one person at once: the loser of the insert finds the winner's row.
    if (isUniqueViolation(err)) return db.transaction((tx) => signInLocked(tx, identity, ip));
    throw err;
  }
}

async function signInLocked(tx: Tx, identity: SsoIdentity, ip: string | null): Promise<SsoResult> {
  const sso = { issuer: identity.issuer, subject: identity.subject };
  const audit = (outcome: AuditOutcome, userRow: { id: string; role: string; orgId: string | null } | null, detail: Record<string, unknown>) =>
    writeAudit(tx, {
      actorId: userRow?.id ?? null,
      actorRole: userRow?.role ?? null,
      actorOrgId: userRow?.orgId ?? null,
      action: "auth.sso_login",
      targetType: userRow ? "user" : null,
      targetId: userRow?.id ?? null,
      outcome,
      ip,
      detail: { ...sso, ...detail },
    });

  const [linked] = await tx
    .select(loginColumns)
    .from(users)
    .leftJoin(orgs, eq(orgs.id, users.orgId))
    .where(and(eq(users.oidcIssuer, identity.issuer), eq(users.oidcSubject, identity.subject)))
    .limit(1)
    .for("update", { of: users });
  const [byId] = linked
    ? [linked]
    : await tx
        .select(loginColumns)
        .from(users)
        .leftJoin(orgs, eq(orgs.id, users.orgId))
        .where(and(eq(users.idType, "resident"), eq(users.idNumber, identity.idNumber)))
        .limit(1)
        .for("update", { of: users });

  if (!byId) return createVerifiedPerson(tx, identity, ip);

  const user = byId;
  // The ID-number lookup can find an account linked to this very identity since the first lookup: a
  // simultaneous first login committed in between (read committed). That is the same person, linked.
  const linkedNow = Boolean(linked) || (user.oidcIssuer === identity.issuer && user.oidcSubject === identity.subject);
  // The IdP's sub is bound to one person: a linked account under another ID number, or an account of
  // this ID number linked to another SSO identity, is a conflict for a person to look into.
  // A different name is said first: it is what the person can act on (the dispute path).
  const sameId = user.idType === "resident" && user.idNumber === identity.idNumber;
  if (sameId && normalizePersonName(user.name) !== normalizePersonName(identity.name)) {
    await audit("denied", user, { reason: "name_mismatch" });
    return { ok: false, reason: "name_mismatch" };
  }
  if (!sameId || (!linkedNow && user.oidcSubject !== null)) {
    await audit("denied", user, { reason: "identity_conflict" });
    return { ok: false, reason: "identity_conflict" };
  }
  if (user.status === "pending" || user.orgStatus === "pending") {
    await audit("denied", user, { reason: "pending" });
    return { ok: false, reason: "pending" };
  }
  if (user.status !== "active" || (user.orgStatus !== null && user.orgStatus !== "active")) {
    await audit("denied", user, { reason: "disabled" });
    return { ok: false, reason: "disabled" };
  }

  // Linking and re-verifying on each login: the IdP has just vouched for this ID number and name.
  await tx
    .update(users)
    .set({
      oidcIssuer: identity.issuer,
      oidcSubject: identity.subject,
      identityAssurance: "verified",
      identityVerifiedAt: sql`now()`,
      lastLoginAt: sql`now()`,
    })
    .where(eq(users.id, user.id));
  const via = linkedNow ? "linked" : "link";
  await audit("success", user, { via });
  return { ok: true, via, user: { id: user.id, role: user.role, name: user.name, orgId: user.orgId, sessionVersion: user.sessionVersion } };
}

/**
 * A person account for an ID number seen for the first time. It has no password anyone knows (a hash
 * of random bytes: the same verification cost as any account), so it signs in only through SSO.
 */
async function createVerifiedPerson(tx: Tx, identity: SsoIdentity, ip: string | null): Promise<SsoResult> {
  const [row] = await tx
    .insert(users)
    .values({
      role: "person",
      name: identity.name,
      idType: "resident",
      idNumber: identity.idNumber,
      gender: identity.gender ?? null,
      birthDate: identity.birthDate ?? null,
      phone: identity.phone,
      passwordHash: await hashPassword(randomBytes(32).toString("base64url")),
      status: "active",
      identityAssurance: "verified",
      identityVerifiedAt: sql`now()`,
      oidcIssuer: identity.issuer,
      oidcSubject: identity.subject,
      lastLoginAt: sql`now()`,
    })
    .returning({ id: users.id, role: users.role, name: users.name, orgId: users.orgId, sessionVersion: users.sessionVersion });
  await writeAudit(tx, {
    actorId: row.id,
    actorRole: row.role,
    action: "auth.sso_login",
    targetType: "user",
    targetId: row.id,
    outcome: "success",
    ip,
    detail: { issuer: identity.issuer, subject: identity.subject, via: "created" },
  });
  return { ok: true, via: "created", user: row };
}

/** Writes the audit row of an SSO login refused before any account was looked at (bad claims, IdP error). */
export async function auditSsoFailure(db: Db, issuer: string, subject: string | null, reason: string, ip: string | null, detail: Record<string, unknown> = {}): Promise<void> {
  await writeAudit(db, { action: "auth.sso_login", outcome: "failure", ip, detail: { issuer, subject, reason, ...detail } });
}

/** The local account linked to an SSO identity (the JWT of an SSO login is issued for it). */
export async function findSsoUser(db: Db, issuer: string, subject: string): Promise<AuthenticatedUser | null> {
  const [row] = await db
    .select({ id: users.id, role: users.role, name: users.name, orgId: users.orgId, sessionVersion: users.sessionVersion })
    .from(users)
    .where(and(eq(users.oidcIssuer, issuer), eq(users.oidcSubject, subject), eq(users.status, "active")))
    .limit(1);
  return row ?? null;
}

/** The Auth.js error code of a callback that ended on the error page (`/login?error=…`), or null. */
export function ssoCallbackErrorCode(location: string | null): string | null {
  if (!location) return null;
  try {
    const url = new URL(location, "http://local");
    return url.pathname === "/login" ? url.searchParams.get("error") : null;
  } catch {
    return null;
  }
}
