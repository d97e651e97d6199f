import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captchaChallenges } from "@/db/schema";
import { captchaAnswerHash, normalizeCaptchaAnswer } from "@/lib/query/captcha-answer";

/**
 * CAPTCHA SLOT of the dispute filing: consumes the platform captcha (lib/captcha) once, whatever the
 * answer. The ALTCHA change replaces this one function (and the two schema fields).
 */
export async function verifyCaptcha(db: Db, captcha: { id: string; answer: string }): Promise<boolean> {
  if (!/^[0-9a-f-]{36}$/i.test(captcha.id)) return false;
  const answer = normalizeCaptchaAnswer(captcha.answer);
  const [row] = await db
    .update(captchaChallenges)
    .set({ usedAt: new Date() })
    .where(and(eq(captchaChallenges.id, captcha.id), isNull(captchaChallenges.usedAt), gt(captchaChallenges.expiresAt, new Date())))
    .returning({ answerHash: captchaChallenges.answerHash });
  return !!row && answer !== null && captchaAnswerHash(captcha.id, answer) === row.answerHash;
}
