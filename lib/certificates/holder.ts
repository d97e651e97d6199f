import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificateLookups, certificates, rosterPhotos, type Certificate } from "@/db/schema";
import type { LookupChannel } from "@/db/schema/enums";
import { GENDER_LABELS, ID_TYPE_LABELS, OBTAIN_METHOD_LABELS, TITLE_LEVEL_LABELS, type Gender } from "@/lib/roster/constants";
import { isHolderOf } from "@/lib/identity/holder";
import { maskIdNumber } from "@/lib/validation/id-number";
import { getHolderDocument, UUID_RE } from "./access";
import { getCertificateConfirmation, type CertificateConfirmation } from "./confirmation-info";
import { isPdfDownloadable } from "./eligibility";

/** How a lookup reached the certificate, as the holder reads it. */
export const LOOKUP_CHANNEL_LABELS: Record<LookupChannel, string> = {
  public: "公开查询（证书核验页面）",
  holder: "登录用户查询",
  verify_link: "扫描二维码核验",
};

export type HolderCertificateRow = {
  id: string;
  certNo: string;
  version: number;
  qualificationName: string;
  levelLabel: string;
  series: string;
  passDate: string;
  status: Certificate["status"];
  downloadable: boolean;
};

/** The signed-in person's certificates (every version), matched by the account's 证件类型 + 证件号码 + 姓名 (§11). */
export async function listHolderCertificates(db: Db, userId: string): Promise<HolderCertificateRow[] | null> {
  const doc = await getHolderDocument(db, userId);
  if (!doc) return null;
  const rows = await db
    .select({
      id: certificates.id,
      certNo: certificates.certNo,
      version: certificates.version,
      qualificationName: certificates.qualificationName,
      level: certificates.level,
      series: certificates.series,
      passDate: certificates.passDate,
      status: certificates.status,
      name: certificates.name,
    })
    .from(certificates)
    .where(and(eq(certificates.idType, doc.idType), eq(certificates.idNumber, doc.idNumber)))
    .orderBy(desc(certificates.passDate), certificates.certNo, desc(certificates.version));
  return rows.filter((r) => isHolderOf(doc, { ...doc, name: r.name })).map(({ name: _name, ...r }) => r).map(({ level, ...r }) => ({ ...r, levelLabel: TITLE_LEVEL_LABELS[level], downloadable: isPdfDownloadable(r.passDate) }));
}

export type HolderCertificateDetail = {
  id: string;
  fields: { label: string; value: string }[];
  certNo: string;
  version: number;
  status: Certificate["status"];
  downloadable: boolean;
  /** The printed photo as a data URL (the holder's own), or null. */
  photoDataUrl: string | null;
  revokeReason: string | null;
  correctionReason: string | null;
  /** The 专技处's 确认文号/确认日期 (history, not a printed field). */
  confirmation: CertificateConfirmation | null;
};

/** One of the person's own certificates with every field (ID number masked on screen); null when not theirs. */
export async function getHolderCertificate(db: Db, userId: string, certificateId: string): Promise<HolderCertificateDetail | null> {
  if (!UUID_RE.test(certificateId)) return null;
  const doc = await getHolderDocument(db, userId);
  if (!doc) return null;
  const [c] = await db
    .select()
    .from(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.idType, doc.idType), eq(certificates.idNumber, doc.idNumber)))
    .limit(1);
  if (!c || !isHolderOf(doc, c)) return null;
  let photoDataUrl: string | null = null;
  if (c.photoId) {
    const [p] = await db.select({ data: rosterPhotos.data }).from(rosterPhotos).where(eq(rosterPhotos.id, c.photoId)).limit(1);
    if (p) photoDataUrl = `data:image/jpeg;base64,${p.data.toString("base64")}`;
  }
  return {
    id: c.id,
    certNo: c.certNo,
    version: c.version,
    status: c.status,
    downloadable: isPdfDownloadable(c.passDate),
    photoDataUrl,
    revokeReason: c.status === "revoked" ? c.revokeReason : null,
    correctionReason: c.correctionReason,
    confirmation: await getCertificateConfirmation(db, c.id),
    fields: [
      { label: "证书编号", value: c.certNo },
      { label: "姓名", value: c.name },
      { label: "性别", value: GENDER_LABELS[c.gender as Gender] ?? c.gender },
      { label: "出生日期", value: c.birthDate },
      { label: "证件类型", value: ID_TYPE_LABELS[c.idType] },
      { label: "证件号码", value: maskIdNumber(c.idNumber) },
      { label: "工作单位", value: c.workUnit },
      { label: "系列", value: c.series },
      { label: "专业", value: c.specialty },
      { label: "资格名称", value: c.qualificationName },
      { label: "级别", value: TITLE_LEVEL_LABELS[c.level] },
      { label: "取得方式", value: OBTAIN_METHOD_LABELS[c.obtainMethod] },
      { label: "评审通过时间", value: c.passDate },
      { label: "评委会名称", value: c.committeeName },
      { label: "批准文号", value: c.approvalNo },
      { label: "发证机关", value: c.issuingAuthority },
      { label: "发证日期", value: c.issueDate },
    ],
  };
}

export type HolderLookup = { at: Date; channel: string; certNo: string };

/**
 * 谁查询过我的证书: when each of the person's certificates was found, and through which channel —
 * time and channel only (the log holds nothing more than hashes anyway).
 */
export async function listHolderLookups(db: Db, userId: string, opts: { certificateId?: string; limit?: number } = {}): Promise<HolderLookup[]> {
  const doc = await getHolderDocument(db, userId);
  if (!doc) return [];
  const own = (
    await db
      .select({ id: certificates.id, name: certificates.name })
      .from(certificates)
      .where(and(eq(certificates.idType, doc.idType), eq(certificates.idNumber, doc.idNumber)))
  )
    .filter((c) => isHolderOf(doc, { ...doc, name: c.name }))
    .map((c) => c.id);
  if (own.length === 0) return [];
  const rows = await db
    .select({ at: certificateLookups.at, channel: certificateLookups.channel, certNo: certificates.certNo })
    .from(certificateLookups)
    .innerJoin(certificates, eq(certificates.id, certificateLookups.certificateId))
    .where(
      and(
        inArray(certificateLookups.certificateId, own),
        opts.certificateId ? eq(certificateLookups.certificateId, opts.certificateId) : undefined,
      ),
    )
    .orderBy(desc(certificateLookups.at), desc(certificateLookups.id))
    .limit(opts.limit ?? 100);
  return rows.map((r) => ({ at: r.at, channel: LOOKUP_CHANNEL_LABELS[r.channel], certNo: r.certNo }));
}
