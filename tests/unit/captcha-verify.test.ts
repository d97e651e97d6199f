import { randomBytes } from "node:crypto";
import { createChallenge, solveChallenge, verifySolution, type Challenge } from "altcha-lib";
import { deriveKey } from "altcha-lib/algorithms/pbkdf2";
import { describe, expect, it } from "vitest";
import { verifyKeySignedSolution } from "@/lib/captcha/key-signature";

// lib/captcha/key-signature.ts must answer exactly as altcha-lib's verifySolution does.
const secrets = { hmacSignatureSecret: randomBytes(32).toString("base64url"), hmacKeySignatureSecret: randomBytes(32).toString("base64url") };

async function solved(opts: { keySigned?: boolean; expiresInSec?: number } = {}) {
  const challenge = await createChallenge({
    algorithm: "PBKDF2/SHA-256",
    cost: 10,
    counter: 3,
    deriveKey,
    expiresAt: new Date(Date.now() + (opts.expiresInSec ?? 300) * 1000),
    hmacSignatureSecret: secrets.hmacSignatureSecret,
    ...(opts.keySigned === false ? {} : { hmacKeySignatureSecret: secrets.hmacKeySignatureSecret }),
  });
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error("no solution");
  return { challenge, solution: { counter: solution.counter, derivedKey: solution.derivedKey } };
}

type Case = { challenge: Challenge; solution: { counter: unknown; derivedKey: unknown } };

async function both(c: Case, keySecrets = secrets) {
  const mine = verifyKeySignedSolution(c.challenge, c.solution, keySecrets);
  const theirs = await verifySolution({
    challenge: c.challenge,
    solution: c.solution as { counter: number; derivedKey: string },
    deriveKey,
    ...keySecrets,
  });
  return { mine, theirs: theirs.verified };
}

const flip = (hex: string) => (hex[0] === "0" ? "1" : "0") + hex.slice(1);

describe("verifyKeySignedSolution agrees with altcha-lib verifySolution", () => {
  it("accepts a correct solution", async () => {
    expect(await both(await solved())).toEqual({ mine: true, theirs: true });
  });

  it("refuses tampered parameters, signatures and keys", async () => {
    const base = await solved();
    const p = base.challenge.parameters;
    const cases: Case[] = [
      { ...base, challenge: { ...base.challenge, parameters: { ...p, expiresAt: (p.expiresAt ?? 0) + 3600 } } },
      { ...base, challenge: { ...base.challenge, parameters: { ...p, nonce: flip(p.nonce) } } },
      { ...base, challenge: { ...base.challenge, parameters: { ...p, cost: 1 } } },
      { ...base, challenge: { ...base.challenge, parameters: { ...p, keySignature: flip(p.keySignature ?? "00") } } },
      { ...base, challenge: { ...base.challenge, signature: flip(base.challenge.signature ?? "00") } },
      { ...base, challenge: { ...base.challenge, signature: "" } },
      { ...base, solution: { ...base.solution, derivedKey: flip(base.solution.derivedKey) } },
      { ...base, solution: { ...base.solution, derivedKey: base.solution.derivedKey.toUpperCase() } },
      { ...base, solution: { ...base.solution, derivedKey: base.solution.derivedKey.slice(1) } },
      { ...base, solution: { ...base.solution, derivedKey: 42 } },
      { ...base, solution: { ...base.solution, counter: -1 } },
      { ...base, solution: { ...base.solution, counter: 1.5 } },
      { ...base, solution: { ...base.solution, counter: "3" } },
    ];
    for (const c of cases) expect(await both(c)).toEqual({ mine: false, theirs: false });
  });

  it("refuses another server's secrets and an expired challenge", async () => {
    const base = await solved();
    const other = { hmacSignatureSecret: "x".repeat(43), hmacKeySignatureSecret: secrets.hmacKeySignatureSecret };
    expect(await both(base, other)).toEqual({ mine: false, theirs: false });
    const otherKey = { hmacSignatureSecret: secrets.hmacSignatureSecret, hmacKeySignatureSecret: "y".repeat(43) };
    expect(await both(base, otherKey)).toEqual({ mine: false, theirs: false });
    expect(await both(await solved({ expiresInSec: -10 }))).toEqual({ mine: false, theirs: false });
  });

  it("leaves a challenge without a key signature to the library", async () => {
    const c = await solved({ keySigned: false });
    expect(verifyKeySignedSolution(c.challenge, c.solution, secrets)).toBeNull();
  });
});
