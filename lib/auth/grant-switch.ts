/**
 * The proof that the server checked and audited a grant switch. The active grant id lives in the JWT
 * and only changes through Auth.js's session update, which any signed-in browser can also call
 * (POST /api/auth/session). The jwt callback therefore takes a new grant id only with a short-lived
 * HMAC over (user, grant) made by the switch action, so every switch has passed that action's checks
 * and left its audit row. getCurrentUser re-checks the grant on every request all the same.
 *
 * Edge-safe (Web Crypto only): auth.config.ts imports it.
 */
const TICKET_TTL_MS = 60_000;
const encoder = new TextEncoder();

function secret(): string | undefined {
  return process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET || undefined;
}

async function hmacKey(value: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(value), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function message(userId: string, grantId: string, expires: number): Uint8Array {
  return encoder.encode(`grant-switch\n${userId}\n${grantId}\n${expires}`);
}

function toBase64Url(bytes: ArrayBuffer): string {
  return btoa(String.fromCharCode(...new Uint8Array(bytes))).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    return Uint8Array.from(atob(text.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

/** `<grantId>.<expires>.<mac>`: carried by the session update the switch action sends. */
export async function signGrantSwitch(userId: string, grantId: string, now = Date.now()): Promise<string> {
  const key = secret();
  if (!key) throw new Error("AUTH_SECRET must be set to switch grants");
  const expires = now + TICKET_TTL_MS;
  const mac = await crypto.subtle.sign("HMAC", await hmacKey(key), message(userId, grantId, expires) as BufferSource);
  return `${grantId}.${expires}.${toBase64Url(mac)}`;
}

/** The grant id of a valid, unexpired ticket made for this user; otherwise null. */
export async function verifyGrantSwitch(ticket: unknown, userId: unknown, now = Date.now()): Promise<string | null> {
  const key = secret();
  if (!key || typeof ticket !== "string" || typeof userId !== "string") return null;
  const [grantId, expiresText, mac] = ticket.split(".");
  const expires = Number(expiresText);
  if (!grantId || !mac || !Number.isSafeInteger(expires) || expires < now) return null;
  const macBytes = fromBase64Url(mac);
  if (!macBytes) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(key), macBytes as BufferSource, message(userId, grantId, expires) as BufferSource);
  return ok ? grantId : null;
}
