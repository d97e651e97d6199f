import type { Certificate } from "@/db/schema";
import type { CertificateStatus } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";
import { ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { maskIdNumber } from "@/lib/validation/id-number";

/** 有效 / 已撤销 / 已更正, with badge tones: one table for every page that shows a certificate. */
export const CERTIFICATE_STATUS_INFO = {
  valid: { label: "有效", tone: "green" },
  revoked: { label: "已撤销", tone: "red" },
  superseded: { label: "已更正", tone: "slate" },
} as const satisfies Record<CertificateStatus, { label: string; tone: Tone }>;

export type { CertificateStatus };

/**
 * What a verifier (an employer holding two facts, or a QR code) is shown: enough to compare with
 * the paper, nothing more — masked ID number, no birth date, no work unit, no photo, no internal id.
 */
export type VerifierCertificateView = {
  certNo: string;
  version: number;
  name: string;
  idTypeLabel: string;
  maskedIdNumber: string;
  series: string;
  specialty: string;
  qualificationName: string;
  levelLabel: string;
  obtainMethodLabel: string;
  passDate: string;
  committeeName: string;
  approvalNo: string;
  issuingAuthority: string;
  issueDate: string;
  status: CertificateStatus;
  /** Only for a superseded version: the status of the number's current version (nothing else of it). */
  currentVersionStatus: CertificateStatus | null;
};

export type VerifierSource = Pick<
  Certificate,
  | "certNo" | "version" | "name" | "idType" | "idNumber" | "series" | "specialty" | "qualificationName" | "level"
  | "obtainMethod" | "passDate" | "committeeName" | "approvalNo" | "issuingAuthority" | "issueDate" | "status"
>;

export function toVerifierView(c: VerifierSource, currentVersionStatus: CertificateStatus | null): VerifierCertificateView {
  return {
    certNo: c.certNo,
    version: c.version,
    name: c.name,
    idTypeLabel: ID_TYPE_LABELS[c.idType],
    maskedIdNumber: maskIdNumber(c.idNumber),
    series: c.series,
    specialty: c.specialty,
    qualificationName: c.qualificationName,
    levelLabel: TITLE_LEVEL_LABELS[c.level],
    obtainMethodLabel: OBTAIN_METHOD_LABELS[c.obtainMethod],
    passDate: c.passDate,
    committeeName: c.committeeName,
    approvalNo: c.approvalNo,
    issuingAuthority: c.issuingAuthority,
    issueDate: c.issueDate,
    status: c.status,
    currentVersionStatus: c.status === "superseded" ? currentVersionStatus : null,
  };
}
