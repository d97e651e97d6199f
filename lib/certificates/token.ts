import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { normalizeIdNumber } from "@/lib/validation/id-number";

/**
 * Verification tokens and certificate signatures (docs/domain.md §9).
 *
 * The QR code on a PDF opens /verify/<token>. The token is random and opaque: it says nothing about
 * the certificate and cannot be derived from the (guessable) certificate number. The caller stores
 * it with the certificate, together with `signCertificate(fields)` computed when the certificate is
 * confirmed (and again for each corrected version).
 *
 * The verify page looks the token up, recomputes the signature over the CURRENT database fields and
 * compares it with the stored one:
 * - forged or guessed token → no row → "invalid";
 * - a row whose printed fields were changed in the database without re-signing (by SQL, a bug, or an
 *   insider) → signatures differ → "invalid";
 * - an edited PDF (another name or title typed over the real one) keeps the real QR code, so the
 *   verify page shows the genuine fields next to the live status and the verifier sees the mismatch;
 *   a PDF with a QR code of its own invention points at no row.
 * The status is deliberately NOT signed: revoking or superseding a certificate must not break its
 * signature — the page shows the live status (有效 / 已撤销 / 已更正) beside a valid signature.
 *
 * Secret: env `CERT_SIGNING_SECRET` (≥ 32 characters; generate with
 * `node -e "console.log(require('crypto').randomBytes(32).toString('base64url'))"`), falling back to
 * `AUTH_SECRET`. Set CERT_SIGNING_SECRET in production: with the fallback, rotating AUTH_SECRET (to
 * end all sessions) would make every issued certificate verify as invalid. Either way the HMAC key is
 * derived from the secret with a purpose label, so the session secret is never used as is.
 */

/** 18 random bytes = 144 bits, 24 base64url characters (no padding): short enough for a small QR code. */
const TOKEN_BYTES = 18;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{24}$/;

export function newVerifyToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

/** `count` tokens from one call to the random source (a 10,000-certificate batch in one read). */
export function newVerifyTokens(count: number): string[] {
  const bytes = randomBytes(TOKEN_BYTES * count);
  return Array.from({ length: count }, (_, i) => bytes.subarray(i * TOKEN_BYTES, (i + 1) * TOKEN_BYTES).toString("base64url"));
}

/** Shape check before any database lookup: anything else is answered "invalid" straight away. */
export function isWellFormedVerifyToken(token: string): boolean {
  return TOKEN_PATTERN.test(token);
}

/**
 * The fields a signature covers: everything printed on the certificate except the photo and the
 * status. Names follow the roster record's columns, so `{ ...row, committeeName, certificateVersion }`
 * fits. Pass values as stored (codes such as `gender: "male"`, `level: "senior_deputy"`, dates as
 * "YYYY-MM-DD"), not display labels, so relabelling in the UI never invalidates a signature.
 */
export type SignedFields = {
  certNo: string;
  /** The certificate's issue version (1, then +1 per correction) — NOT the row's optimistic-lock counter. */
  certificateVersion: number;
  name: string;
  gender: string;
  birthDate: string;
  idType: string;
  /** Only its SHA-256 (with the type) enters the signed text. */
  idNumber: string;
  workUnit: string;
  series: string;
  specialty: string;
  qualificationName: string;
  level: string;
  obtainMethod: string;
  passDate: string;
  committeeName: string;
  approvalNo: string;
  issuingAuthority: string;
  issueDate: string;
};

/** Fixed order: changing it (or any normalisation below) needs a new SIGNATURE_VERSION. */
const SIGNED_TEXT_KEYS = [
  "certNo", "name", "gender", "birthDate", "workUnit", "series", "specialty", "qualificationName",
  "level", "obtainMethod", "passDate", "committeeName", "approvalNo", "issuingAuthority", "issueDate",
] as const satisfies readonly (keyof SignedFields)[];

const SIGNATURE_VERSION = "v1";
const KEY_PURPOSE = "gz-zhicheng/certificate-signature/v1";

function normText(v: string): string {
  return String(v).normalize("NFC").trim();
}

export function hashIdNumber(idType: string, idNumber: string): string {
  return createHash("sha256").update(`${normText(idType)}:${normalizeIdNumber(idNumber)}`).digest("hex");
}

/**
 * The canonical serialisation: a JSON array of [key, value] pairs in a fixed order, prefixed with a
 * format label and the certificate version. JSON quoting means no value can imitate a separator.
 */
export function canonicalizeSignedFields(f: SignedFields): string {
  if (!Number.isInteger(f.certificateVersion) || f.certificateVersion < 1) {
    throw new Error("certificateVersion must be a positive integer");
  }
  const pairs: [string, string | number][] = [
    ["format", `gz-cert-${SIGNATURE_VERSION}`],
    ["certificateVersion", f.certificateVersion],
    ["idHash", hashIdNumber(f.idType, f.idNumber)],
  ];
  for (const k of SIGNED_TEXT_KEYS) pairs.push([k, normText(f[k])]);
  return JSON.stringify(pairs);
}

type SecretEnv = Readonly<Record<string, string | undefined>>;

/** CERT_SIGNING_SECRET, else AUTH_SECRET; throws when neither is set or the secret is short. */
export function getCertificateSigningSecret(env: SecretEnv = process.env): string {
  const secret = env.CERT_SIGNING_SECRET || env.AUTH_SECRET;
  if (!secret || secret.length < 32) {
    throw new Error("CERT_SIGNING_SECRET (or AUTH_SECRET) must be set to at least 32 characters to sign certificates");
  }
  return secret;
}

// The purpose-derived key depends only on the secret: derive it once, not once per certificate.
const derivedKeys = new Map<string, Buffer>();
function mac(canonical: string, secret: string): Buffer {
  let key = derivedKeys.get(secret);
  if (!key) {
    key = createHmac("sha256", secret).update(KEY_PURPOSE).digest();
    if (derivedKeys.size > 8) derivedKeys.clear();
    derivedKeys.set(secret, key);
  }
  return createHmac("sha256", key).update(canonical).digest();
}

/** "v1." + base64url HMAC-SHA256 (43 characters): store it beside the token. */
export function signCertificate(fields: SignedFields, secret: string = getCertificateSigningSecret()): string {
  return `${SIGNATURE_VERSION}.${mac(canonicalizeSignedFields(fields), secret).toString("base64url")}`;
}

/** Constant-time comparison; any malformed signature is simply invalid. */
export function verifySignature(
  fields: SignedFields,
  signature: string,
  secret: string = getCertificateSigningSecret(),
): boolean {
  const prefix = `${SIGNATURE_VERSION}.`;
  if (typeof signature !== "string" || !signature.startsWith(prefix)) return false;
  const encoded = signature.slice(prefix.length);
  const given = Buffer.from(encoded, "base64url");
  // Buffer decoding skips stray characters; accept only the one canonical spelling.
  if (given.toString("base64url") !== encoded) return false;
  const expected = mac(canonicalizeSignedFields(fields), secret);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
