/**
 * Solves captchas the way a browser does — by doing the proof of work with altcha-lib's
 * solveChallenge — on challenges issued by this server at a lower difficulty (still signed by it),
 * so that tests stay fast. Tests and the benchmark use this; nothing in the app does.
 */
import { solveChallenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { createCaptchaChallenge, type CaptchaChallenge, type PowDifficulty } from "@/lib/captcha/pow";

/** About a millisecond per solution. */
export const TEST_DIFFICULTY: PowDifficulty = { cost: 10, counterMin: 0, counterMax: 20 };

/** The widget's payload for a solved challenge: base64 JSON of challenge and solution. */
export async function solveCaptchaChallenge(challenge: CaptchaChallenge): Promise<string> {
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("captcha: no solution");
  return Buffer.from(JSON.stringify({ challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } })).toString("base64");
}

/** A fresh challenge, solved: `{ captcha }` to spread into a request body. */
export async function solvedCaptcha(difficulty: PowDifficulty = TEST_DIFFICULTY): Promise<{ captcha: string }> {
  return { captcha: await solveCaptchaChallenge(await createCaptchaChallenge(difficulty)) };
}
