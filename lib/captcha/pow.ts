import { randomInt } from "node:crypto";
import { createChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { keyedHash } from "@/lib/query/hash";
import { verifyKeySignedSolution } from "./key-signature";

/**
 * The captcha (docs/domain.md §9): an ALTCHA proof-of-work challenge, solved by the browser (the
 * widget in components/captcha) and checked here. A challenge is signed with a key derived from
 * CERT_SIGNING_SECRET, so the server keeps nothing until it is used; it expires after five minutes
 * and is single-use (its id goes into captcha_redemptions, see redeem.ts).
 *
 * Difficulty: PBKDF2-SHA-256 with POW_COST iterations per try, and the solver has to try every
 * counter from 0 up to a random one in [POW_COUNTER_MIN, POW_COUNTER_MAX] (ALTCHA's deterministic
 * mode): on average ≈ 800 × 1,000 PBKDF2 iterations — about 0.4 s on one server core in Node, about
 * 1 s on a phone (the widget spreads it over Web Workers). The server checks a solution with ONE
 * derivation (a few ms).
 */
export const CAPTCHA_TTL_SEC = 5 * 60;
export const POW_ALGORITHM = "PBKDF2/SHA-256";
export const POW_COST = 1_000;
export const POW_COUNTER_MIN = 400;
export const POW_COUNTER_MAX = 1_200;

/** Shown for a missing, wrong, expired or already used solution. */
export const BAD_CAPTCHA_MESSAGE = "人机验证未通过或已过期，请重新验证";

export type CaptchaChallenge = Challenge;
export type PowDifficulty = { cost: number; counterMin: number; counterMax: number };
export const DEFAULT_DIFFICULTY: PowDifficulty = { cost: POW_COST, counterMin: POW_COUNTER_MIN, counterMax: POW_COUNTER_MAX };

/** Signing secrets, each derived with its own purpose label (never the raw server secret). */
function secrets() {
  return { hmacSignatureSecret: keyedHash("captcha-signature", "altcha"), hmacKeySignatureSecret: keyedHash("captcha-key-signature", "altcha") };
}

/**
 * A new signed challenge. `difficulty` is for tests and the benchmark only (a cheaper challenge is
 * still signed by this server, so the app never accepts one it did not issue).
 */
export async function createCaptchaChallenge(difficulty: PowDifficulty = DEFAULT_DIFFICULTY): Promise<CaptchaChallenge> {
  return createChallenge({
    algorithm: POW_ALGORITHM,
    cost: difficulty.cost,
    counter: randomInt(difficulty.counterMin, difficulty.counterMax + 1),
    deriveKey,
    expiresAt: new Date(Date.now() + CAPTCHA_TTL_SEC * 1000),
    ...secrets(),
  });
}

/** A solution that passed the check; it still has to be redeemed (single use). */
export type VerifiedCaptcha = { challengeId: string; expiresAt: Date };

type Payload = { challenge: Challenge; solution: { counter: number; derivedKey: string } };

function parsePayload(raw: string): Payload | null {
  if (raw.length === 0 || raw.length > 4096) return null;
  try {
    const p = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as Partial<Payload> | null;
    const params = p?.challenge?.parameters;
    const sol = p?.solution;
    if (!params || typeof params.nonce !== "string" || typeof params.expiresAt !== "number") return null;
    if (!sol || !Number.isInteger(sol.counter) || typeof sol.derivedKey !== "string") return null;
    return p as Payload;
  } catch {
    return null;
  }
}

/**
 * Checks the widget's payload (base64 JSON of challenge and solution): our signature, not expired,
 * the work done. Returns null for anything else. Does not touch the database.
 */
export async function verifyCaptchaPayload(raw: string): Promise<VerifiedCaptcha | null> {
  const payload = parsePayload(raw);
  if (!payload || payload.challenge.parameters.algorithm !== POW_ALGORITHM) return null;
  try {
    // Our challenges always carry a keySignature: the synchronous check; the library's otherwise.
    const fast = verifyKeySignedSolution(payload.challenge, payload.solution, secrets());
    const verified = fast ?? (await verifySolution({ challenge: payload.challenge, solution: payload.solution, deriveKey, ...secrets() })).verified;
    if (!verified) return null;
  } catch {
    return null;
  }
  const { nonce, expiresAt } = payload.challenge.parameters;
  return { challengeId: nonce, expiresAt: new Date((expiresAt as number) * 1000) };
}
