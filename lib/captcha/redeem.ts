import { randomInt } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captchaRedemptions } from "@/db/schema";
import { hashClientIp } from "@/lib/query/hash";
import { hitQueryLimits, withRelaxedDurability } from "@/lib/query/limits";
import { createCaptchaChallenge, verifyCaptchaPayload, type CaptchaChallenge, type VerifiedCaptcha } from "./pow";

/**
 * Marks a verified challenge as used. The primary key makes the first use win, so a replay — even
 * one racing the first use — gets false. The public query does the same insert inside its own
 * statement (lib/query/certificate-query.ts).
 */
export async function redeemCaptcha(db: Db, verified: VerifiedCaptcha): Promise<boolean> {
  const rows = await db
    .insert(captchaRedemptions)
    .values({ challengeId: verified.challengeId, expiresAt: verified.expiresAt })
    .onConflictDoNothing()
    .returning({ id: captchaRedemptions.challengeId });
  return rows.length === 1;
}

/** Verify and redeem in one go: true only for a fresh, correct, unused solution. */
export async function checkAndRedeemCaptcha(db: Db, payload: string): Promise<boolean> {
  const verified = await verifyCaptchaPayload(payload);
  return verified !== null && (await redeemCaptcha(db, verified));
}

/**
 * A challenge for one client, counted against its address (60 per 10 minutes; the widget fetches one
 * per attempt). Returns the wait instead when the address is over its limit. Now and then drops
 * redemptions of expired challenges (an expired challenge is refused anyway).
 */
export async function issueCaptchaForClient(db: Db, ip: string | null): Promise<{ challenge: CaptchaChallenge } | { retryAfterSec: number }> {
  const wait = await withRelaxedDurability(db, (tx) => hitQueryLimits(tx, [["captchaPerIp", hashClientIp(ip)]]));
  if (wait !== null) return { retryAfterSec: wait };
  if (randomInt(50) === 0) {
    await db.delete(captchaRedemptions).where(lt(captchaRedemptions.expiresAt, sql`now() - interval '1 hour'`));
  }
  return { challenge: await createCaptchaChallenge() };
}
