import { and, asc, desc, eq, ilike, isNull, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, users } from "@/db/schema";
import type { CertificateStatus } from "@/db/schema/enums";
import { decodeCursor, epochMicros, fromEpochMicros, keysetPage, type KeysetRequest } from "@/lib/keyset";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { escapeLike, LIST_PAGE_SIZE } from "@/lib/roster/record-search";
import { normalizeIdNumber, maskIdNumber } from "@/lib/validation/id-number";


const CERT_LIST_CURSOR = ["int", "string"] as const;

/**
 * 证书管理 of the 专技处: current versions (or superseded ones when asked), by name, ID number or
 * certificate number; newest issue first, a batch in certificate-number order (issued_at desc, cert_no
 * asc). Keyset pages (lib/keyset.ts) on that key, no OFFSET and no total: the list spans every
 * certificate of the province (tests/bench/lists.bench.ts). Index: certificates_list_idx.
 */
export async function listCertificatesForAdmin(db: Db, actor: ProvinceActor, opts: { q?: string; status?: CertificateStatus; page?: KeysetRequest }, pageSize = LIST_PAGE_SIZE) {
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
  const backward = decodeCursor(opts.page?.before, CERT_LIST_CURSOR);
  const forward = backward ? undefined : decodeCursor(opts.page?.after, CERT_LIST_CURSOR);
  const cursor = backward ?? forward;
  if (cursor) {
    // Mixed directions (issued_at desc, cert_no asc) rule out a row comparison: the first term is the
    // index's seek, the second drops the cursor's own issue batch up to and including it.
    const at = fromEpochMicros(cursor[0]);
    const no = String(cursor[1]);
    conds.push(
      backward
        ? sql`${certificates.issuedAt} >= ${at} and (${certificates.issuedAt} > ${at} or ${certificates.certNo} < ${no})`
        : sql`${certificates.issuedAt} <= ${at} and (${certificates.issuedAt} < ${at} or ${certificates.certNo} > ${no})`,
    );
  }
  const fetched = await db
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
      issuedAtMicros: epochMicros(certificates.issuedAt),
    })
    .from(certificates)
    .where(conds.length ? and(...conds) : undefined)
    .orderBy(...(backward ? [asc(certificates.issuedAt), desc(certificates.certNo)] : [desc(certificates.issuedAt), asc(certificates.certNo)]))
    .limit(pageSize + 1);
  const page = keysetPage(fetched, pageSize, backward ? "backward" : "forward", Boolean(cursor), (r) => [r.issuedAtMicros, r.certNo]);
  return {
    rows: page.rows.map(({ idNumber, issuedAtMicros: _at, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })),
    nextCursor: page.nextCursor,
    prevCursor: page.prevCursor,
    pageSize,
  };
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
