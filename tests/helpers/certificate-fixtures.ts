/**
 * Issued certificates for tests, the e2e seed and the query benchmark (no vitest imports here): a
 * confirmed roster record, optionally an approved photo, then `issueCertificatesForRecords` — the
 * same signed snapshot the confirmation step writes.
 */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, committees, rosterPhotos, rosterRecords, type Certificate } from "@/db/schema";
import { issueCertificatesForRecords } from "@/lib/certificates/issue";
import { allocateCertSequences, buildCertNo } from "@/lib/roster/numbering";
import { titleCodeOf } from "@/lib/roster/title-codes";
import type { TitleLevel } from "@/lib/roster/constants";

export type CertificateSpec = {
  committeeId: string;
  /** Who confirmed (issuedBy) and uploaded the photo. */
  actorId: string;
  name: string;
  idNumber: string;
  gender?: "male" | "female";
  birthDate?: string;
  workUnit?: string;
  series?: string;
  specialty?: string;
  qualificationName?: string;
  level?: TitleLevel;
  passDate?: string;
  issuingAuthority?: string;
  approvalNo?: string;
  issueDate?: string;
  photoJpeg?: Buffer | null;
  /** Certificate sequence; taken from the committee's counter (as the roster does) when absent. */
  seq?: number;
};

export async function issueTestCertificate(db: Db, spec: CertificateSpec): Promise<Certificate> {
  const passDate = spec.passDate ?? "2021-12-10";
  const year = Number(passDate.slice(0, 4));
  const series = spec.series ?? "工程技术";
  const level = spec.level ?? "senior_deputy";
  const [committee] = await db.select({ code: committees.code }).from(committees).where(eq(committees.id, spec.committeeId));
  const seq = spec.seq ?? (await allocateCertSequences(db, spec.committeeId, year, 1));
  const certNo = buildCertNo(year, titleCodeOf(series, level) ?? "060", committee.code, seq);
  const [record] = await db
    .insert(rosterRecords)
    .values({
      committeeId: spec.committeeId,
      status: "confirmed",
      certNo,
      name: spec.name,
      gender: spec.gender ?? "male",
      birthDate: spec.birthDate ?? `${spec.idNumber.slice(6, 10)}-${spec.idNumber.slice(10, 12)}-${spec.idNumber.slice(12, 14)}`,
      idType: "resident",
      idNumber: spec.idNumber,
      workUnit: spec.workUnit ?? "贵州省建筑设计研究院有限责任公司",
      series,
      specialty: spec.specialty ?? "建筑工程",
      qualificationName: spec.qualificationName ?? "高级工程师",
      level,
      obtainMethod: "review",
      passDate,
      passYear: year,
      approvalNo: spec.approvalNo ?? `黔人社职称〔${year + 1}〕12号`,
      issuingAuthority: spec.issuingAuthority ?? "贵州省人力资源和社会保障厅",
      issueDate: spec.issueDate ?? `${year + 1}-01-15`,
      source: "manual",
      createdBy: spec.actorId,
    })
    .returning({ id: rosterRecords.id });
  if (spec.photoJpeg) {
    await db.insert(rosterPhotos).values({
      recordId: record.id,
      uploadedBy: spec.actorId,
      sha256: "0".repeat(64),
      bytes: spec.photoJpeg.length,
      data: spec.photoJpeg,
      status: "approved",
      decidedBy: spec.actorId,
      decidedAt: new Date(),
    });
  }
  await issueCertificatesForRecords(db, { recordIds: [record.id], issuedBy: spec.actorId });
  const [cert] = await db.select().from(certificates).where(eq(certificates.rosterRecordId, record.id));
  return cert;
}

export const HOLDER_ID = "520102199003150014";
export const OTHER_ID = "520102198807070031";
/** A secret for signing and keyed hashes in tests (token.ts needs ≥ 32 characters). */
export const TEST_SIGNING_SECRET = "test-cert-signing-secret-0123456789abcdef";
