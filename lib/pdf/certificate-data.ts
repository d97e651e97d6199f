/**
 * Everything printed on an e-certificate (docs/domain.md §7), as plain values: the PDF layer knows no
 * database. The caller maps codes to their Chinese labels (lib/roster/constants) before rendering.
 * Dates are ISO strings as drizzle returns `date` columns ("2020-12-18"; "2020-12" is accepted for
 * 评审通过时间 when only the month is known).
 */
import type { CertificateStatus } from "@/db/schema/enums";

/** The certificates table's status (db/schema/enums.ts). */
export type CertificatePdfStatus = CertificateStatus;

export type CertificatePdfData = {
  certNo: string; // 证书编号, 18 characters
  name: string; // 姓名
  genderLabel: string; // 性别: 男 / 女
  birthDate: string; // 出生日期
  idTypeLabel: string; // 证件类型: 居民身份证 …
  idNumber: string; // 证件号码, printed in full: this PDF goes to its holder only
  workUnit: string; // 工作单位
  series: string; // 系列
  specialty: string; // 专业
  qualificationName: string; // 资格名称, e.g. 高级工程师
  levelLabel: string; // 级别: 正高级 … 员级
  obtainMethod: "评审" | "考试" | "认定"; // 取得方式
  passDate: string; // 评审通过时间
  committeeName: string; // 评委会名称
  approvalNo: string; // 批准文号
  issuingAuthority: string; // 发证机关, also the text of the drawn seal
  issueDate: string; // 发证日期
  photoJpeg: Buffer | null; // the last approved photo, JPEG 295×413; null prints an empty frame
  status: CertificatePdfStatus; // anything but valid prints a watermark (已撤销 / 已更正)
  version: number; // 1 for the first issue, +1 per correction
  verifyUrl: string; // absolute URL of /verify/<token>, encoded in the QR code
};

export const CERTIFICATE_STATUS_WATERMARK: Record<CertificatePdfStatus, string | null> = {
  valid: null,
  revoked: "已撤销",
  superseded: "已更正",
};

/** "2021-01-05" → "2021年1月5日"; "2020-12" → "2020年12月"; anything else is printed as given. */
export function formatChineseDate(iso: string): string {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?/.exec(iso.trim());
  if (!m) return iso;
  const [, y, mo, d] = m;
  return d ? `${y}年${Number(mo)}月${Number(d)}日` : `${y}年${Number(mo)}月`;
}
