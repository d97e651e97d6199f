import type { Db } from "@/db/client";
import type { Certificate, IntegrityRecord } from "@/db/schema";
import { correctCertificate, revokeCertificate, type CertificateCorrection } from "@/lib/certificates/issue";
import type { RevocationKind } from "@/lib/certificates/schemas";
import { UserError } from "@/lib/errors";
import { recordFraudRevocation } from "@/lib/integrity/records";
import { integrityBarMessage } from "@/lib/integrity/rules";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { personMessages } from "@/lib/notifications/notify";
import { moveRecords } from "@/lib/roster/move-record";

/**
 * 撤销 by the 专技处: the certificate turns revoked (still verifiable as such) and its roster record
 * moves confirmed → revoked, with the professional notified — all in the caller's transaction. A
 * revocation for fraud also writes the holder's 诚信档案 record (docs/domain.md §16): the guarded UPDATE
 * lets one of any number of concurrent requests through, so there is one record per certificate.
 */
export async function revokeCertificateWithRecord(
  tx: Db,
  actor: ProvinceActor,
  input: { certificateId: string; reason: string; kind?: RevocationKind; documentNo?: string; revokedOn?: string },
): Promise<{ certificate: Certificate; integrity: IntegrityRecord | null }> {
  assertCertDivision(actor);
  const fraud = input.kind === "fraud";
  if (fraud && !input.documentNo?.trim()) throw new UserError("请填写撤销文号", { documentNo: "请填写撤销文号" });
  const cert = await revokeCertificate(tx, input.certificateId, input.reason, actor.id);
  const integrity = fraud ? await recordFraudRevocation(tx, actor, cert, { reason: input.reason, documentNo: input.documentNo!.trim(), revokedOn: input.revokedOn }) : null;
  if (cert.rosterRecordId) {
    await moveRecords(tx, {
      recordIds: [cert.rosterRecordId],
      from: ["confirmed"],
      to: "revoked",
      actorId: actor.id,
      reason: input.reason,
      notify: {
        kind: "revoked",
        message: integrity ? personMessages.revokedForFraud(input.reason, integrity.documentNo!, integrityBarMessage(integrity)) : personMessages.revoked(input.reason),
      },
    });
  }
  return { certificate: cert, integrity };
}

/**
 * 更正 by the 专技处: a new certificate version (new token and signature), the old one superseded.
 * Design: the roster record stays `confirmed` — it still has exactly one valid certificate, now the new
 * version — and gets a confirmed → confirmed event carrying the reason, so its history and the
 * professional's messages show the correction. The record state `superseded` is therefore not used.
 */
export async function correctCertificateWithRecord(
  tx: Db,
  actor: ProvinceActor,
  input: { certificateId: string; reason: string; changes: CertificateCorrection },
) {
  assertCertDivision(actor);
  const created = await correctCertificate(tx, input.certificateId, input.changes, input.reason, actor.id);
  if (created.rosterRecordId) {
    await moveRecords(tx, {
      recordIds: [created.rosterRecordId],
      from: ["confirmed"],
      to: "confirmed",
      actorId: actor.id,
      reason: `证书更正为第${created.version}版：${input.reason}`,
      notify: { kind: "corrected", message: personMessages.corrected(created.version, input.reason) },
    });
  }
  return created;
}
