import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, committees, rosterPhotos, type Certificate } from "@/db/schema";
import { GENDER_LABELS, ID_TYPE_LABELS, TITLE_LEVEL_LABELS, type Gender } from "@/lib/roster/constants";
import type { CertificatePdfData } from "@/lib/pdf/certificate-data";
import { renderCertificatePdf } from "@/lib/pdf/render-certificate";
import { certificateAccessFor, getHolderDocument, UUID_RE, type CertificateAccess, type CertificateViewer } from "./access";

export { VIEW_ONLY_MESSAGE } from "./access";
import { isPdfDownloadable } from "./eligibility";

const OBTAIN_METHOD_PDF: Record<Certificate["obtainMethod"], CertificatePdfData["obtainMethod"]> = {
  review: "评审",
  exam: "考试",
  recognition: "认定",
};

export type PdfDownload =
  | { kind: "not_found" }
  | { kind: "view_only"; certificateId: string; access: Exclude<CertificateAccess, null> }
  | { kind: "ok"; certificateId: string; certNo: string; version: number; access: Exclude<CertificateAccess, null>; pdf: Buffer };

export function toCertificatePdfData(c: Certificate, photoJpeg: Buffer | null, verifyUrl: string): CertificatePdfData {
  return {
    certNo: c.certNo,
    name: c.name,
    genderLabel: GENDER_LABELS[c.gender as Gender] ?? c.gender,
    birthDate: c.birthDate,
    idTypeLabel: ID_TYPE_LABELS[c.idType],
    idNumber: c.idNumber,
    workUnit: c.workUnit,
    series: c.series,
    specialty: c.specialty,
    qualificationName: c.qualificationName,
    levelLabel: TITLE_LEVEL_LABELS[c.level],
    obtainMethod: OBTAIN_METHOD_PDF[c.obtainMethod],
    passDate: c.passDate,
    committeeName: c.committeeName,
    approvalNo: c.approvalNo,
    issuingAuthority: c.issuingAuthority,
    issueDate: c.issueDate,
    photoJpeg,
    status: c.status,
    version: c.version,
    verifyUrl,
  };
}

/**
 * The e-certificate for one viewer: "not_found" for anyone outside the rule (and for unknown ids —
 * the same answer), "view_only" when 评审通过时间 is before 2020, else the rendered PDF with the
 * photo printed on the certificate and a QR code to `${origin}/verify/<token>`.
 */
export async function getCertificatePdfForViewer(db: Db, viewer: CertificateViewer, certificateId: string, origin: string): Promise<PdfDownload> {
  if (!UUID_RE.test(certificateId)) return { kind: "not_found" };
  const [row] = await db
    .select({ certificate: certificates, formingOrgId: committees.formingOrgId })
    .from(certificates)
    .innerJoin(committees, eq(committees.id, certificates.committeeId))
    .where(eq(certificates.id, certificateId))
    .limit(1);
  if (!row) return { kind: "not_found" };
  const cert = row.certificate;
  const viewerDoc = viewer.role === "person" ? await getHolderDocument(db, viewer.id) : null;
  const access = certificateAccessFor(viewer, viewerDoc, { idType: cert.idType, idNumber: cert.idNumber, formingOrgId: row.formingOrgId });
  if (!access) return { kind: "not_found" };
  if (!isPdfDownloadable(cert.passDate)) return { kind: "view_only", certificateId: cert.id, access };

  let photo: Buffer | null = null;
  if (cert.photoId) {
    const [p] = await db.select({ data: rosterPhotos.data }).from(rosterPhotos).where(eq(rosterPhotos.id, cert.photoId)).limit(1);
    photo = p?.data ?? null;
  }
  const pdf = await renderCertificatePdf(toCertificatePdfData(cert, photo, `${origin}/verify/${cert.verifyToken}`));
  return { kind: "ok", certificateId: cert.id, certNo: cert.certNo, version: cert.version, access, pdf };
}
