import { createHmac, timingSafeEqual } from "node:crypto";
import type { Challenge } from "altcha-lib";

/**
 * The server's check of an ALTCHA solution on its fast path, with node:crypto instead of WebCrypto.
 *
 * altcha-lib's verifySolution checks a challenge that carries a `keySignature` with two HMACs (the
 * challenge's parameters, then the solution's derived key), each through `crypto.subtle.importKey`
 * and `sign`: in Node that is ≈ 0.25 ms of main-thread work per query (creating the CryptoKey
 * object dominates), the largest single cost of the public query after its statement
 * (tests/bench/query.bench.ts). This is the same check, step by step as in altcha-lib 2.8
 * (dist/esm/v2/pow.js, verifySolution 1–4a), with synchronous HMACs. tests/unit/captcha-verify.test.ts
 * holds it to the library's answer for valid, tampered, expired and malformed solutions.
 *
 * Returns null when the challenge has no keySignature (the library's re-derivation path decides).
 */
export function verifyKeySignedSolution(
  challenge: Challenge,
  solution: { counter: unknown; derivedKey: unknown },
  secrets: { hmacSignatureSecret: string; hmacKeySignatureSecret: string },
  nowMs = Date.now(),
): boolean | null {
  const { parameters } = challenge;
  if (typeof parameters.keySignature !== "string" || parameters.keySignature === "") return null;
  // 1. Expiry (seconds since the epoch).
  if (parameters.expiresAt && parameters.expiresAt < nowMs / 1000) return false;
  // 2.–3. Our signature over the parameters, in canonical (sorted-key) JSON.
  if (typeof challenge.signature !== "string" || !challenge.signature) return false;
  const signature = createHmac("sha256", secrets.hmacSignatureSecret).update(JSON.stringify(sortKeys(parameters))).digest("hex");
  if (!equalText(challenge.signature, signature)) return false;
  // A well-formed solution: lowercase hex key, a uint32 counter.
  const { derivedKey, counter } = solution;
  if (typeof derivedKey !== "string" || !/^(?:[0-9a-f]{2})+$/.test(derivedKey)) return false;
  if (!Number.isInteger(counter) || (counter as number) < 0 || (counter as number) > 0xffffffff) return false;
  // 4a. The derived key is the one the server signed when it made the challenge.
  const keySignature = createHmac("sha256", secrets.hmacKeySignatureSecret).update(Buffer.from(derivedKey, "hex")).digest("hex");
  return equalText(parameters.keySignature, keySignature);
}

function equalText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** altcha-lib's sortKeys: keys sorted at every level, undefined values dropped. */
function sortKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .flatMap((key) => {
        const v = (value as Record<string, unknown>)[key];
        return v === undefined ? [] : [[key, sortKeys(v)]];
      }),
  );
}
