import { randomInt, randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { lt, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { captchaChallenges } from "@/db/schema";
import { captchaAnswerHash } from "@/lib/query/captcha-answer";
import { hashClientIp } from "@/lib/query/hash";
import { hitQueryLimits, withRelaxedDurability } from "@/lib/query/limits";
import { renderCaptchaSvg } from "./svg";

/**
 * Self-hosted arithmetic captcha: the question is drawn server-side as an SVG of paths; only an HMAC
 * of (challenge id, answer) is stored; a challenge expires after five minutes and is burnt by the
 * first attempt, right or wrong.
 */
export const CAPTCHA_TTL_SEC = 5 * 60;

export type CaptchaChallenge = { id: string; svg: string; expiresInSec: number };

function newQuestion(): { question: string; answer: number } {
  if (randomInt(2) === 0) {
    const a = randomInt(10, 50);
    const b = randomInt(1, 50);
    return { question: `${a}+${b}=?`, answer: a + b };
  }
  const a = randomInt(20, 100);
  const b = randomInt(1, a);
  return { question: `${a}-${b}=?`, answer: a - b };
}

/**
 * End-to-end tests only: with CAPTCHA_E2E_ANSWER_DIR set (scripts/e2e-server.mjs sets it, nothing
 * else does), each answer is also written to <dir>/<challenge id> on the server's own disk so the
 * Playwright test can type it. Nothing is served over HTTP and the check itself is unchanged, so a
 * stray setting in production would weaken nothing; it still warns once.
 */
let warnedAboutAnswerDir = false;
function recordAnswerForE2e(id: string, answer: number): void {
  const dir = process.env.CAPTCHA_E2E_ANSWER_DIR;
  if (!dir) return;
  if (!warnedAboutAnswerDir) {
    warnedAboutAnswerDir = true;
    console.warn(`captcha: CAPTCHA_E2E_ANSWER_DIR is set — writing answers to ${dir} (end-to-end tests only)`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, id), String(answer));
}

export async function createCaptcha(db: Db): Promise<CaptchaChallenge> {
  const id = randomUUID();
  const { question, answer } = newQuestion();
  await db.insert(captchaChallenges).values({
    id,
    answerHash: captchaAnswerHash(id, String(answer)),
    expiresAt: sql`now() + make_interval(secs => ${CAPTCHA_TTL_SEC})`,
  });
  // Now and then, drop challenges long past their expiry (the table holds only live ones).
  if (randomInt(50) === 0) {
    await db.delete(captchaChallenges).where(lt(captchaChallenges.expiresAt, sql`now() - interval '1 hour'`));
  }
  recordAnswerForE2e(id, answer);
  return { id, svg: renderCaptchaSvg(question), expiresInSec: CAPTCHA_TTL_SEC };
}

/** For an <img src>: the page and the refresh endpoint send this, never the question. */
export function captchaDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/**
 * A captcha for one client, counted against its address (60 per 10 minutes): the /verify page and
 * the refresh endpoint. Returns the wait instead when the address is over its limit.
 */
export async function issueCaptchaForClient(db: Db, ip: string | null): Promise<{ captcha: CaptchaChallenge } | { retryAfterSec: number }> {
  return withRelaxedDurability(db, async (tx) => {
    const wait = await hitQueryLimits(tx, [["captchaPerIp", hashClientIp(ip)]]);
    return wait === null ? { captcha: await createCaptcha(tx) } : { retryAfterSec: wait };
  });
}
