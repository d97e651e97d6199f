/**
 * Solves a captcha the way only a holder of the server secret can: by trying every possible answer
 * (0–199) against the stored HMAC. Tests and the benchmark use this; nothing in the app does.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captchaChallenges } from "@/db/schema";
import { createCaptcha } from "@/lib/captcha/challenges";
import { keyedHash } from "@/lib/query/hash";

export async function solveCaptcha(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ answerHash: captchaChallenges.answerHash }).from(captchaChallenges).where(eq(captchaChallenges.id, id));
  if (!row) throw new Error(`no captcha ${id}`);
  for (let n = 0; n < 200; n++) {
    if (keyedHash("captcha-answer", `${id}:${n}`) === row.answerHash) return String(n);
  }
  throw new Error(`captcha ${id}: no answer in 0–199`);
}

/** A fresh challenge and its answer. */
export async function solvedCaptcha(db: Db): Promise<{ captchaId: string; captchaAnswer: string }> {
  const c = await createCaptcha(db);
  return { captchaId: c.id, captchaAnswer: await solveCaptcha(db, c.id) };
}
