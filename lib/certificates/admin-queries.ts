import { and, asc, count, desc, eq, ilike, isNull, like, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, users } from "@/db/schema";
import type { CertificateStatus } from "@/db/schema/enums";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { escapeLike, LIST_PAGE_SIZE } from "@/lib/roster/record-search";
import { normalizeIdNumber, maskIdNumber } from "@/lib/validation/id-number";


/** 证书管理 of the 专技处: current versions (or superseded ones when asked), by name, ID number or certificate number. */
export async function listCertificatesForAdmin(db: Db, actor: ProvinceActor, opts: { q?: string; status?: CertificateStatus; page: number }) {
  assertCertDivision(actor);
  const conds: SQL[] = [];
  if (opts.status) conds.push(eq(certificates.status, opts.status));
  if (opts.status !== "superseded") conds.push(isNull(certificates.supersededById));
  const q = opts.q?.trim();
  if (q) {
    const alternatives: SQL[] = [ilike(certificates.name, `%${escapeLike(q)}%`)];
    const code = normalizeIdNumber(q);
    if (/^[0-9A-Z]{4,}$/.test(code)) {
      alternatives.push(like(certificates.idNumber, `%${escapeLike(code)}%`));
      alternatives.push(like(certificates.certNo, `${escapeLike(code)}%`));
    }
    conds.push(or(...alternatives)!);
  }
  const where = conds.length ? and(...conds) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: certificates.id,
        certNo: certificates.certNo,
        version: certificates.version,
        status: certificates.status,
        name: certificates.name,
        idNumber: certificates.idNumber,
        qualificationName: certificates.qualificationName,
        committeeName: certificates.committeeName,
        approvalNo: certificates.approvalNo,
        issueDate: certificates.issueDate,
      })
      .from(certificates)
      .where(where)
      .orderBy(desc(certificates.issuedAt), asc(certificates.certNo))
      .limit(LIST_PAGE_SIZE)
      .offset((opts.page - 1) * LIST_PAGE_SIZE),
    db.select({ total: count() }).from(certificates).where(where),
  ]);
  return { rows: rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })), total, pageSize: LIST_PAGE_SIZE };
}

/** Every version of one certificate number, newest first, with who revoked or corrected it. */
export async function getCertificateVersions(db: Db, actor: ProvinceActor, certificateId: string) {
  assertCertDivision(actor);
  const [one] = await db.select({ certNo: certificates.certNo }).from(certificates).where(eq(certificates.id, certificateId)).limit(1);
  if (!one) return null;
  const rows = await db
    .select({
      id: certificates.id,
      certNo: certificates.certNo,
      version: certificates.version,
      status: certificates.status,
      name: certificates.name,
      gender: certificates.gender,
      birthDate: certificates.birthDate,
      idType: certificates.idType,
      idNumber: certificates.idNumber,
      workUnit: certificates.workUnit,
      series: certificates.series,
      specialty: certificates.specialty,
      qualificationName: certificates.qualificationName,
      level: certificates.level,
      obtainMethod: certificates.obtainMethod,
      passDate: certificates.passDate,
      committeeName: certificates.committeeName,
      approvalNo: certificates.approvalNo,
      issuingAuthority: certificates.issuingAuthority,
      issueDate: certificates.issueDate,
      photoId: certificates.photoId,
      issuedAt: certificates.issuedAt,
      issuerName: users.name,
      revokedAt: certificates.revokedAt,
      revokeReason: certificates.revokeReason,
      correctionReason: certificates.correctionReason,
    })
    .from(certificates)
    .leftJoin(users, eq(users.id, certificates.issuedBy))
    .where(eq(certificates.certNo, one.certNo))
    .orderBy(desc(certificates.version));
  return rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }));
}
