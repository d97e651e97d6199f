import { ilike, like, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { rosterRecords } from "@/db/schema";
import type { PhotoStatus } from "@/db/schema/enums";
import { maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";

/** Page size of the back-office record, batch and certificate lists. */
export const LIST_PAGE_SIZE = 20;

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => "\\" + c);
}

/**
 * `column` starts with `code` (a certificate number's prefix: digits and capitals only), written as a
 * range so the column's b-tree serves it: LIKE 'x%' uses a b-tree only under the "C" collation, and the
 * databases run C.UTF-8. '~' sorts after every digit and capital letter (code-point order).
 */
export function codePrefix(column: SQLWrapper, code: string): SQL {
  if (!/^[0-9A-Z]+$/.test(code)) return sql`false`;
  return sql`(${column} >= ${code} and ${column} < ${code + "~"})`;
}

/** Search a record by name (contains), ID number (contains) or certificate number (prefix). */
export function recordSearchCondition(q: string | undefined): SQL | undefined {
  const term = q?.trim();
  if (!term) return undefined;
  const alternatives: SQL[] = [ilike(rosterRecords.name, `%${escapeLike(term)}%`)];
  const code = normalizeIdNumber(term);
  if (/^[0-9A-Z]{4,}$/.test(code)) {
    alternatives.push(like(rosterRecords.idNumber, `%${escapeLike(code)}%`));
    alternatives.push(codePrefix(rosterRecords.certNo, code));
  }
  return or(...alternatives);
}

/**
 * The outer roster_records row, spelled out: drizzle leaves columns unqualified in single-table
 * queries, and an unqualified "id" inside a subquery would bind to the subquery's own table.
 */
export const OUTER_RECORD_ID = sql.raw(`"roster_records"."id"`);

/** The id of the record's newest photo in one of the given states (a correlated subquery). */
export function latestPhotoId(statuses: readonly PhotoStatus[]): SQL<string | null> {
  // A fixed union of enum labels, inlined: no user input reaches this SQL.
  const list = sql.raw(statuses.map((s) => `'${s}'`).join(", "));
  return sql<string | null>`(select p.id from roster_photos p where p.record_id = ${OUTER_RECORD_ID} and p.status in (${list}) order by p.decided_at desc nulls first, p.created_at desc limit 1)`;
}

/** The reason of the record's latest rejected photo (why the professional must upload again). */
export const lastRejectReason = sql<string | null>`(select p.reject_reason from roster_photos p where p.record_id = ${OUTER_RECORD_ID} and p.status = 'rejected' order by p.decided_at desc nulls last limit 1)`;

/** The key fields shown beside a photo or in a list (ID masked by maskRecordIdNumbers before it leaves the server). */
export const recordListColumns = {
  id: rosterRecords.id,
  version: rosterRecords.version,
  status: rosterRecords.status,
  certNo: rosterRecords.certNo,
  name: rosterRecords.name,
  gender: rosterRecords.gender,
  birthDate: rosterRecords.birthDate,
  idType: rosterRecords.idType,
  idNumber: rosterRecords.idNumber,
  workUnit: rosterRecords.workUnit,
  specialty: rosterRecords.specialty,
  qualificationName: rosterRecords.qualificationName,
  level: rosterRecords.level,
  passDate: rosterRecords.passDate,
  passYear: rosterRecords.passYear,
  updatedAt: rosterRecords.updatedAt,
};

export function maskRecordIdNumbers<T extends { idNumber: string }>(rows: T[]): (Omit<T, "idNumber"> & { idNumberMasked: string })[] {
  return rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }));
}
