import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, committees, rosterPhotos, type Certificate } from "@/db/schema";
import { GENDER_LABELS, ID_TYPE_LABELS, TITLE_LEVEL_LABELS, type Gender } from "@/lib/roster/constants";
import type { CertificatePdfData } from "@/lib/pdf/certificate-data";
import { renderCertificatePdf } from "@/lib/pdf/render-certificate";
import { certificateAccessFor, getHolderDocument, UUID_RE, type CertificateAccess, type CertificateViewer } from "./access";

export { VIEW_ONLY_MESSAGE } from "./access";

const OBTAIN_METHOD_PDF: Record<Certificate["obtainMethod"], CertificatePdfData["obtainMethod"]> = {
  review: "评审",
  exam: "考试",
  recognition: "认定",
};

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

export type CertificateForPdf = { certificate: Certificate; formingOrgId: string };

/** The certificate and the organisation that formed its committee (the facts access depends on). */
export async function getCertificateForPdf(db: Db, certificateId: string): Promise<CertificateForPdf | null> {
  if (!UUID_RE.test(certificateId)) return null;
  const [row] = await db
    .select({ certificate: certificates, formingOrgId: committees.formingOrgId })
    .from(certificates)
    .innerJoin(committees, eq(committees.id, certificates.committeeId))
    .where(eq(certificates.id, certificateId))
    .limit(1);
  return row ?? null;
}

/**
 * Why this viewer may download the certificate, or null for anyone outside the rule (the route then
 * answers as for an unknown id). Pre-2020 certificates are refused separately: view only, for all.
 */
export async function certificatePdfAccess(db: Db, viewer: CertificateViewer, row: CertificateForPdf): Promise<Exclude<CertificateAccess, null> | null> {
  const cert = row.certificate;
  const viewerDoc = viewer.role === "person" ? await getHolderDocument(db, viewer.id) : null;
  return certificateAccessFor(viewer, viewerDoc, { idType: cert.idType, idNumber: cert.idNumber, name: cert.name, formingOrgId: row.formingOrgId });
}

/** The rendered e-certificate: the photo printed on it and a QR code to `${origin}/verify/<token>`. */
export async function renderCertificatePdfOf(db: Db, cert: Certificate, origin: string): Promise<Buffer> {
  let photo: Buffer | null = null;
  if (cert.photoId) {
    const [p] = await db.select({ data: rosterPhotos.data }).from(rosterPhotos).where(eq(rosterPhotos.id, cert.photoId)).limit(1);
    photo = p?.data ?? null;
  }
  return renderCertificatePdf(toCertificatePdfData(cert, photo, `${origin}/verify/${cert.verifyToken}`));
}
