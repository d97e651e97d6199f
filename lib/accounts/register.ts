import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { hashPassword } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db-errors";
import { checkAndRedeemCaptcha } from "@/lib/captcha/redeem";
import { BAD_CAPTCHA_MESSAGE } from "@/lib/captcha/pow";
import { UserError } from "@/lib/errors";
import { hashClientIp } from "@/lib/query/hash";
import { hitRateLimitCounters } from "@/lib/rate-limit";
import { normalizeCreditCode } from "@/lib/validation/credit-code";
import { validateIdDocument } from "@/lib/validation/id-number";
import { DUPLICATE_ID_MESSAGE as DUPLICATE_ID, type PersonRegistrationInput, type UnitRegistrationInput } from "./schemas";

/**
 * Registration attempts per client address per hour (docs/domain.md §11), valid or not. 10 by default;
 * `REGISTER_LIMIT_PER_HOUR` raises it where many people share one address (an office behind NAT) and
 * for the end-to-end suite, whose browser registers from one address all run long.
 */
function registerLimitPerHour(): number {
  const n = Number(process.env.REGISTER_LIMIT_PER_HOUR);
  return Number.isInteger(n) && n > 0 ? n : 10;
}
export const REGISTER_LIMIT = { get limit() { return registerLimitPerHour(); }, windowSec: 60 * 60 };

export function registerThrottledMessage(retryAfterSec: number): string {
  return `注册尝试过于频繁，请${Math.max(1, Math.ceil(retryAfterSec / 60))}分钟后再试`;
}

/**
 * The gate in front of registerPerson / registerUnit, run by their actions BEFORE anything looks at
 * users or organisations: counts the attempt against the address, then checks and burns the captcha.
 * Both commit on their own (outside the registration's transaction), so a refused registration —
 * "already registered" included — cannot hand its solution back for another try. Throws UserError.
 */
export async function admitRegistration(db: Db, ctx: { ip: string | null; captcha: string }): Promise<void> {
  const key = `register:ip:${hashClientIp(ctx.ip)}`;
  const hit = (await hitRateLimitCounters(db, [key], REGISTER_LIMIT.windowSec)).get(key)!;
  if (hit.count > REGISTER_LIMIT.limit) throw new UserError(registerThrottledMessage(hit.retryAfterSec));
  if (!(await checkAndRedeemCaptcha(db, ctx.captcha))) throw new UserError(BAD_CAPTCHA_MESSAGE, { captcha: BAD_CAPTCHA_MESSAGE });
}

/**
 * 个人注册: one account per normalised 证件类型 + 证件号码. Input must already be parsed by the schema,
 * and the request admitted (admitRegistration): only then may "already registered" be told.
 */
export async function registerPerson(db: Db, input: PersonRegistrationInput, ip: string | null): Promise<{ userId: string }> {
  const check = validateIdDocument(input.idType, input.idNumber);
  if (!check.ok) throw new UserError(check.message, { idNumber: check.message });
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.idType, input.idType), eq(users.idNumber, check.normalized)))
        .limit(1);
      if (existing) throw new UserError(DUPLICATE_ID, { idNumber: DUPLICATE_ID });
      const [row] = await tx
        .insert(users)
        .values({
          role: "person",
          name: input.name,
          idType: input.idType,
          idNumber: check.normalized,
          nationality: input.idType === "passport" ? (input.nationality ?? null) : null,
          gender: check.gender ?? null,
          birthDate: check.birthDate ?? null,
          phone: input.phone,
          passwordHash,
          status: "active",
          sensitiveConsentAt: new Date(),
        })
        .returning({ id: users.id });
      // Built by hand, not with auditBase: there is no session user yet; the actor is the account just created.
      await writeAudit(tx, {
        actorId: row.id,
        actorRole: "person",
        action: "account.register_person",
        targetType: "user",
        targetId: row.id,
        outcome: "success",
        ip,
        detail: { idType: input.idType },
      });
      return { userId: row.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError(DUPLICATE_ID, { idNumber: DUPLICATE_ID });
    throw err;
  }
}

/** 单位注册: creates the organisation and its administrator account, both pending approval. Admit first. */
export async function registerUnit(db: Db, input: UnitRegistrationInput, ip: string | null): Promise<{ orgId: string }> {
  const creditCode = normalizeCreditCode(input.creditCode);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [region] = await tx
        .select({ id: orgs.id, regionCode: orgs.regionCode })
        .from(orgs)
        .where(and(eq(orgs.id, input.regionOrgId), eq(orgs.kind, "hrss"), eq(orgs.status, "active"), eq(orgs.isCertDivision, false)))
        .limit(1);
      if (!region) throw new UserError("所选地区人社部门不存在", { regionOrgId: "请重新选择所在地区" });
      const [supervisor] = await tx
        .select({ id: orgs.id })
        .from(orgs)
        .where(and(eq(orgs.id, input.supervisorId), eq(orgs.kind, "dept"), eq(orgs.status, "active")))
        .limit(1);
      if (!supervisor) throw new UserError("所选主管部门不存在", { supervisorId: "请重新选择主管部门" });
      const [dupCode] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.creditCode, creditCode)).limit(1);
      if (dupCode) throw new UserError("该统一社会信用代码已注册", { creditCode: "该统一社会信用代码已注册，请勿重复注册" });
      const [dupUser] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username)).limit(1);
      if (dupUser) throw new UserError("该用户名已被使用", { username: "该用户名已被使用，请换一个" });

      const [org] = await tx
        .insert(orgs)
        .values({
          name: input.name,
          kind: "unit",
          regionCode: region.regionCode,
          parentId: region.id,
          supervisorId: supervisor.id,
          creditCode,
          status: "pending",
          contactName: input.contactName,
          contactPhone: input.contactPhone,
        })
        .returning({ id: orgs.id });
      const [user] = await tx
        .insert(users)
        .values({
          username: input.username,
          role: "unit",
          orgId: org.id,
          name: input.contactName,
          phone: input.contactPhone,
          passwordHash,
          status: "pending",
        })
        .returning({ id: users.id });
      // Built by hand, not with auditBase: there is no session user yet; the actor is the account just created.
      await writeAudit(tx, {
        actorId: user.id,
        actorRole: "unit",
        actorOrgId: org.id,
        action: "account.register_unit",
        targetType: "org",
        targetId: org.id,
        outcome: "success",
        ip,
        detail: { creditCode, name: input.name },
      });
      return { orgId: org.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new UserError("统一社会信用代码或用户名已被注册", { creditCode: "该统一社会信用代码已注册" });
    throw err;
  }
}
