import { createHmac } from "node:crypto";
import { getCertificateSigningSecret } from "@/lib/certificates/token";

/**
 * Keyed hashes for what the lookup log and the rate limits store instead of raw values: a queried
 * ID number, name or certificate number, a client address (and the captcha's signing secrets). A plain SHA-256 of an
 * ID number is reversible by enumeration (the ID space is small); an HMAC with the server secret
 * is not. Each purpose gets its own derived key, so a hash from one table never matches another.
 */
export type HashPurpose = "lookup-key" | "client-ip" | "rate-key" | "captcha-signature" | "captcha-key-signature";

const derived = new Map<string, Buffer>();

function keyFor(purpose: HashPurpose): Buffer {
  const secret = getCertificateSigningSecret();
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = derived.get(cacheKey);
  if (!key) {
    key = createHmac("sha256", secret).update(`gz-zhicheng/${purpose}/v1`).digest();
    derived.set(cacheKey, key);
  }
  return key;
}

/** base64url HMAC-SHA256 (43 characters). */
export function keyedHash(purpose: HashPurpose, value: string): string {
  return createHmac("sha256", keyFor(purpose)).update(value).digest("base64url");
}

/** The client address as logged: hashed, with "unknown" when no proxy header names it. */
export function hashClientIp(ip: string | null): string {
  return keyedHash("client-ip", ip ?? "unknown");
}
