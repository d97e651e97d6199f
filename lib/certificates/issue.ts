import { and, eq, inArray, sql } from "drizzle-orm";
import { bulkInsert } from "@/db/bulk-insert";
import type { Db } from "@/db/client";
import { committees, rosterRecords } from "@/db/schema";
import { rosterPhotos } from "@/db/schema/backfill";
import { certificates, type Certificate, type NewCertificate } from "@/db/schema/certificates";
import { StaleStateError, UserError } from "@/lib/errors";
import { newVerifyToken, signCertificate, type SignedFields } from "./token";

export function signedFieldsOf(c: Pick<Certificate, Exclude<keyof SignedFields, "certificateVersion">> & { version: number }): SignedFields {
  return {
    certNo: c.certNo,
    certificateVersion: c.version,
    name: c.name,
    gender: c.gender,
    birthDate: c.birthDate,
    idType: c.idType,
    idNumber: c.idNumber,
    workUnit: c.workUnit,
    series: c.series,
    specialty: c.specialty,
    qualificationName: c.qualificationName,
    level: c.level,
    obtainMethod: c.obtainMethod,
    passDate: c.passDate,
    committeeName: c.committeeName,
    approvalNo: c.approvalNo,
    issuingAuthority: c.issuingAuthority,
    issueDate: c.issueDate,
  };
}

/**
 * Issues version 1 of a certificate for each roster record (at confirmation): a signed snapshot with
 * the record's last approved photo, the batch's 批准文号 and issue date. Runs in the caller's transaction.
 */
export async function issueCertificatesForRecords(
  tx: Db,
  opts: { recordIds: string[]; approvalNo: string; issueDate: string; issuedBy: string },
): Promise<number> {
  if (opts.recordIds.length === 0) return 0;
  const records = await tx
    .select({
      id: rosterRecords.id,
      certNo: rosterRecords.certNo,
      committeeId: rosterRecords.committeeId,
      committeeName: committees.name,
      name: rosterRecords.name,
      gender: rosterRecords.gender,
      birthDate: rosterRecords.birthDate,
      idType: rosterRecords.idType,
      idNumber: rosterRecords.idNumber,
      workUnit: rosterRecords.workUnit,
      series: rosterRecords.series,
      specialty: rosterRecords.specialty,
      qualificationName: rosterRecords.qualificationName,
      level: rosterRecords.level,
      obtainMethod: rosterRecords.obtainMethod,
      passDate: rosterRecords.passDate,
      passYear: rosterRecords.passYear,
      issuingAuthority: rosterRecords.issuingAuthority,
      photoId: sql<string | null>`(select p.id from ${rosterPhotos} p where p.record_id = ${rosterRecords.id} and p.status = 'approved' order by p.decided_at desc nulls last limit 1)`,
    })
    .from(rosterRecords)
    .innerJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .where(inArray(rosterRecords.id, opts.recordIds));

  const rows: NewCertificate[] = records.map((r) => {
    const base = {
      ...r,
      rosterRecordId: r.id,
      version: 1,
      approvalNo: opts.approvalNo,
      issueDate: opts.issueDate,
    };
    const { id: _recordId, ...fields } = base;
    void _recordId;
    return {
      ...fields,
      status: "valid" as const,
      verifyToken: newVerifyToken(),
      signature: signCertificate(signedFieldsOf(base)),
      issuedBy: opts.issuedBy,
    };
  });
  // One json parameter instead of ~26 placeholders per row: several times faster for a 10,000-record batch.
  await bulkInsert(tx, certificates, rows);
  return rows.length;
}

export type CertificateCorrection = Partial<
  Pick<Certificate, "name" | "gender" | "birthDate" | "workUnit" | "specialty" | "qualificationName" | "approvalNo" | "issueDate">
>;

/** 更正: issue version n+1 with the corrected fields and a fresh token; the old version becomes superseded. */
export async function correctCertificate(
  tx: Db,
  certificateId: string,
  changes: CertificateCorrection,
  reason: string,
  actorId: string,
): Promise<Certificate> {
  if (!reason.trim()) throw new UserError("请填写更正原因", { reason: "请填写更正原因" });
  const [old] = await tx
    .update(certificates)
    .set({ status: "superseded" })
    .where(and(eq(certificates.id, certificateId), eq(certificates.status, "valid")))
    .returning();
  if (!old) throw new StaleStateError("该证书不是有效状态，无法更正，请刷新后重试");
  const { id: _oldId, supersededById: _s, revokedAt: _ra, revokedBy: _rb, revokeReason: _rr, issuedAt: _ia, ...carried } = old;
  void [_oldId, _s, _ra, _rb, _rr, _ia];
  const next = { ...carried, ...changes, version: old.version + 1, status: "valid" as const, correctionReason: reason.trim(), issuedBy: actorId };
  const [created] = await tx
    .insert(certificates)
    .values({ ...next, verifyToken: newVerifyToken(), signature: signCertificate(signedFieldsOf(next)) })
    .returning();
  await tx.update(certificates).set({ supersededById: created.id }).where(eq(certificates.id, old.id));
  return created;
}

/** 撤销: the certificate stays on record and verifies as revoked. */
export async function revokeCertificate(tx: Db, certificateId: string, reason: string, actorId: string): Promise<Certificate> {
  if (!reason.trim()) throw new UserError("请填写撤销原因", { reason: "请填写撤销原因" });
  const [row] = await tx
    .update(certificates)
    .set({ status: "revoked", revokedAt: new Date(), revokedBy: actorId, revokeReason: reason.trim() })
    .where(and(eq(certificates.id, certificateId), eq(certificates.status, "valid")))
    .returning();
  if (!row) throw new StaleStateError("该证书不是有效状态，无法撤销，请刷新后重试");
  return row;
}
