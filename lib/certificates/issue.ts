import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, intArray, textArray, uuidArray } from "@/db/raw";
import { committees, rosterRecords } from "@/db/schema";
import { rosterPhotos } from "@/db/schema/backfill";
import { certificates, type Certificate } from "@/db/schema/certificates";
import { StaleStateError, UserError } from "@/lib/errors";
import { getCertificateSigningSecret, newVerifyToken, newVerifyTokens, signCertificate, type SignedFields } from "./token";

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

/** What a certificate is issued from: the confirmed record's printed fields (see readIssueSources). */
export type IssueSource = Awaited<ReturnType<typeof readIssueSources>>[number];
export type SignedIssue = {
  recordIds: string[];
  /** Each record's version when its fields were read. */
  versions: number[];
  tokens: string[];
  signatures: string[];
  committeeNames: Record<string, string>;
};

/**
 * Issuing version 1 of the certificates of confirmed records takes three steps, so the confirmation
 * can sign while the database moves the records (lib/confirmation/confirm-batch.ts):
 * 1. readIssueSources — the printed fields and the row version;
 * 2. signIssue — a fresh verify token and the signature of each (CPU only, yields to the event loop);
 * 3. insertIssuedCertificates — INSERT … SELECT copies the fields from the rows on the server; only
 *    each certificate's token and signature travel. It joins on the version read plus the number of
 *    moves made since (every change of a record bumps its version), so if anything else touched a
 *    record in between, fewer rows match and the whole transaction fails as stale instead of storing a
 *    signature over other fields. The committee name is passed as signed, for the same reason.
 * `issueCertificatesForRecords` runs them in order.
 */
export async function readIssueSources(tx: Db, recordIds: string[]) {
  if (recordIds.length === 0) return [];
  return tx
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
      // The title's own 批准文号 and 发证日期 as the roster holds them (an empty 发证日期 was stored as the
      // 评审通过时间 when the record was entered or imported) — never the 专技处's confirmation number
      // and date, which are recorded on the batch (roster_batches.approval_no / issue_date).
      approvalNo: rosterRecords.approvalNo,
      issuingAuthority: rosterRecords.issuingAuthority,
      issueDate: rosterRecords.issueDate,
      version: rosterRecords.version,
    })
    .from(rosterRecords)
    .innerJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .where(sql`${rosterRecords.id} = any(${uuidArray(recordIds)})`);
}

const SIGN_CHUNK = 500;

export async function signIssue(sources: IssueSource[]): Promise<SignedIssue> {
  const secret = getCertificateSigningSecret();
  // One call for every token's randomness instead of one per certificate.
  const tokens = newVerifyTokens(sources.length);
  const committeeNames: Record<string, string> = {};
  const signatures: string[] = [];
  for (let i = 0; i < sources.length; i += SIGN_CHUNK) {
    // Let pending I/O (the statement the caller is running meanwhile) go out before each chunk.
    await new Promise<void>((resolve) => setImmediate(resolve));
    for (const r of sources.slice(i, i + SIGN_CHUNK)) {
      committeeNames[r.committeeId] = r.committeeName;
      signatures.push(signCertificate(signedFieldsOf({ ...r, version: 1 }), secret));
    }
  }
  return { recordIds: sources.map((r) => r.id), versions: sources.map((r) => r.version), tokens, signatures, committeeNames };
}

/** `movesSinceRead`: how many guarded moves the caller made to these records after reading them. */
export async function insertIssuedCertificates(tx: Db, s: SignedIssue, opts: { issuedBy: string; movesSinceRead: number }): Promise<number> {
  if (s.recordIds.length === 0) return 0;
  const [{ n }] = await executeRows<{ n: number }>(tx, sql`
    with issued as (
    insert into certificates (
      cert_no, version, status, roster_record_id, committee_id, committee_name, name, gender, birth_date, id_type, id_number,
      work_unit, series, specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no,
      issuing_authority, issue_date, photo_id, verify_token, signature, issued_by)
    select r.cert_no, 1, 'valid', r.id, r.committee_id, ${JSON.stringify(s.committeeNames)}::jsonb ->> r.committee_id::text, r.name, r.gender,
      r.birth_date, r.id_type, r.id_number, r.work_unit, r.series, r.specialty, r.qualification_name, r.level, r.obtain_method,
      r.pass_date, r.pass_year, r.approval_no, r.issuing_authority, r.issue_date,
      (select p.id from ${rosterPhotos} p where p.record_id = r.id and p.status = 'approved' order by p.decided_at desc nulls last limit 1),
      t.token, t.signature, ${opts.issuedBy}::uuid
    from unnest(${uuidArray(s.recordIds)}, ${intArray(s.versions)}, ${textArray(s.tokens)}, ${textArray(s.signatures)}) as t(id, version, token, signature)
    join roster_records r on r.id = t.id and r.version = t.version + ${opts.movesSinceRead}::int
    returning 1)
    select count(*)::int as n from issued`);
  if (n !== s.recordIds.length) throw new StaleStateError();
  return n;
}

/** Issues version 1 of a certificate for each (confirmed) roster record, in the caller's transaction. */
export async function issueCertificatesForRecords(
  tx: Db,
  opts: { recordIds: string[]; issuedBy: string },
): Promise<number> {
  const signed = await signIssue(await readIssueSources(tx, opts.recordIds));
  return insertIssuedCertificates(tx, signed, { issuedBy: opts.issuedBy, movesSinceRead: 0 });
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
  /** Null only when the system corrects (the data fix in lib/certificates/printed-approval-fix.ts). */
  actorId: string | null,
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
