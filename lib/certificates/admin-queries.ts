import { and, asc, desc, eq, ilike, isNull, like, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, users } from "@/db/schema";
import type { CertificateStatus } from "@/db/schema/enums";
import { decodeCursor, epochMicros, fromEpochMicros, keysetPage, type KeysetRequest } from "@/lib/keyset";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { codePrefix, escapeLike, LIST_PAGE_SIZE } from "@/lib/roster/record-search";
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
      alternatives.push(codePrefix(certificates.certNo, code));
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
  const columns = {
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
    issuedAt: certificates.issuedAt,
    issuedAtMicros: epochMicros(certificates.issuedAt).as("issued_at_micros"),
  };
  const where = conds.length ? and(...conds) : undefined;
  let fetched;
  if (q && [...q].length >= 3) {
    // A search of three characters or more finds its few matches through the trigram and cert_no
    // indexes (a bitmap), then sorts them. OFFSET 0 fences the subquery: otherwise the planner, trusting
    // the LIMIT, walks certificates_list_idx hoping for an early match and reads the whole table when
    // the term is rare (seconds at a million certificates; tests/bench/lists.bench.ts).
    const m = db.select(columns).from(certificates).where(where).offset(0).as("m");
    fetched = await db
      .select()
      .from(m)
      .orderBy(...(backward ? [asc(m.issuedAt), desc(m.certNo)] : [desc(m.issuedAt), asc(m.certNo)]))
      .limit(pageSize + 1);
  } else {
    fetched = await db
      .select(columns)
      .from(certificates)
      .where(where)
      .orderBy(...(backward ? [asc(certificates.issuedAt), desc(certificates.certNo)] : [desc(certificates.issuedAt), asc(certificates.certNo)]))
      .limit(pageSize + 1);
  }
  const page = keysetPage(fetched, pageSize, backward ? "backward" : "forward", Boolean(cursor), (r) => [r.issuedAtMicros, r.certNo]);
  return {
    rows: page.rows.map(({ idNumber, issuedAt: _a, issuedAtMicros: _m, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })),
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
