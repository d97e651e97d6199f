import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificateLookups, certificates } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { signedFieldsOf } from "@/lib/certificates/issue";
import { isWellFormedVerifyToken, verifySignature } from "@/lib/certificates/token";
import { hashClientIp, keyedHash } from "./hash";
import { hitQueryLimits, tooFrequentMessage, withRelaxedDurability } from "./limits";
import { toVerifierView, type CertificateStatus, type VerifierCertificateView } from "./views";

export type VerifyLinkOutcome =
  | { kind: "limited"; retryAfterSec: number; message: string }
  /** Unknown or malformed token, or a row whose fields no longer match its signature. */
  | { kind: "invalid" }
  | { kind: "verified"; certificate: VerifierCertificateView };

/**
 * /verify/<token> (the QR code): looks the opaque token up and recomputes the signature over the
 * certificate's CURRENT database fields. The status is live and not signed (token.ts): a revoked
 * or corrected certificate still verifies as genuine, showing 已撤销 / 已更正.
 */
export async function verifyCertificateLink(db: Db, token: string, ctx: { ip: string | null }): Promise<VerifyLinkOutcome> {
  const { outcome, tampered } = await withRelaxedDurability(db, (tx) => checkToken(tx, token, ctx));
  if (tampered) {
    // A stored certificate that fails its own signature was changed behind the application's back.
    await writeAudit(db, {
      action: "certificate.signature_mismatch",
      targetType: "certificate",
      targetId: tampered.id,
      outcome: "failure",
      detail: { certNo: tampered.certNo, version: tampered.version },
      ip: ctx.ip,
    });
  }
  return outcome;
}

type TokenCheck = { outcome: VerifyLinkOutcome; tampered?: { id: string; certNo: string; version: number } };

async function checkToken(db: Db, token: string, ctx: { ip: string | null }): Promise<TokenCheck> {
  const ipHash = hashClientIp(ctx.ip);
  const keyHash = keyedHash("lookup-key", `token:${token.slice(0, 64)}`);
  const log = (outcome: "hit" | "miss" | "limited", certificateId: string | null = null) =>
    db.insert(certificateLookups).values({ channel: "verify_link", outcome, certificateId, keyHash, ipHash });

  const wait = await hitQueryLimits(db, [["verifyLinkPerIp", ipHash]]);
  if (wait !== null) {
    await log("limited");
    return { outcome: { kind: "limited", retryAfterSec: wait, message: tooFrequentMessage(wait) } };
  }
  if (!isWellFormedVerifyToken(token)) {
    await log("miss");
    return { outcome: { kind: "invalid" } };
  }
  const [row] = await db
    .select({
      certificate: certificates,
      currentStatus: sql<CertificateStatus>`(select c2.status from ${certificates} c2 where c2.cert_no = ${certificates.certNo} order by c2.version desc limit 1)`,
    })
    .from(certificates)
    .where(eq(certificates.verifyToken, token))
    .limit(1);
  if (!row) {
    await log("miss");
    return { outcome: { kind: "invalid" } };
  }
  const cert = row.certificate;
  if (!verifySignature(signedFieldsOf(cert), cert.signature)) {
    await log("miss");
    return { outcome: { kind: "invalid" }, tampered: cert };
  }
  await log("hit", cert.id);
  return { outcome: { kind: "verified", certificate: toVerifierView(cert, row.currentStatus) } };
}
