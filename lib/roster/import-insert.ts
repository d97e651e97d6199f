import { and, asc, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterImportRows, rosterRecords, type RosterImportRow } from "@/db/schema";
import type { OwnedCommittee } from "./access";
import type { TitleLevel } from "./constants";
import { allocateCertSequences, buildCertNo, requireTitleCode } from "./numbering";

/** Staged columns and their SQL types (enum types by name), shared by roster_import_rows and roster_records. */
const RECORD_COLUMNS: [column: string, type: string, field: keyof RosterImportRow][] = [
  ["name", "text", "name"],
  ["gender", "text", "gender"],
  ["birth_date", "date", "birthDate"],
  ["id_type", "id_type", "idType"],
  ["id_number", "text", "idNumber"],
  ["nationality", "text", "nationality"],
  ["work_unit", "text", "workUnit"],
  ["series", "text", "series"],
  ["specialty", "text", "specialty"],
  ["qualification_name", "text", "qualificationName"],
  ["level", "title_level", "level"],
  ["obtain_method", "obtain_method", "obtainMethod"],
  ["pass_date", "date", "passDate"],
  ["pass_year", "integer", "passYear"],
  ["approval_no", "text", "approvalNo"],
  ["issuing_authority", "text", "issuingAuthority"],
  ["issue_date", "date", "issueDate"],
];
const COLUMN_LIST = sql.raw(RECORD_COLUMNS.map(([c]) => c).join(", "));
/** The validated rows serialise as they are: json_to_recordset reads their camelCase keys. */
const JSON_RECORD_TYPE = sql.raw(['"row" integer', ...RECORD_COLUMNS.map(([, t, f]) => `"${f}" ${t}`)].join(", "));
const JSON_FIELD_LIST = sql.raw(RECORD_COLUMNS.map(([, , f]) => `r."${f}"`).join(", "));

/**
 * Writes a batch of valid rows to the staging table: the rows as ONE JSON parameter through
 * json_to_recordset (no per-cell placeholders, no intermediate objects), the same on both drivers.
 */
export async function stageImportRows(db: Db, importId: string, rows: RosterImportRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into roster_import_rows (import_id, row_no, ${COLUMN_LIST})
    select ${importId}::uuid, r."row", ${JSON_FIELD_LIST}
    from json_to_recordset(${JSON.stringify(rows)}::json) as r(${JSON_RECORD_TYPE})`);
}

/** The staged key is already in the committee's roster (the import's idempotency key). */
export function existingRecordOf(committeeId: string) {
  return and(
    eq(rosterRecords.committeeId, committeeId),
    eq(rosterRecords.idType, rosterImportRows.idType),
    eq(rosterRecords.idNumber, rosterImportRows.idNumber),
    eq(rosterRecords.qualificationName, rosterImportRows.qualificationName),
    eq(rosterRecords.passYear, rosterImportRows.passYear),
  );
}

/**
 * Copies the staged rows that are not yet in the roster into roster_records, numbering certificates
 * per year in file order. Runs inside the commit transaction, after the committee row was locked, so
 * no other writer can add a key between the selection and the insert. Returns the rows added.
 */
export async function insertStagedRecords(tx: Db, opts: { committee: OwnedCommittee; importId: string; actorId: string }): Promise<number> {
  const { committee, importId } = opts;
  const fresh = await tx
    .select({ rowNo: rosterImportRows.rowNo, passYear: rosterImportRows.passYear, series: rosterImportRows.series, level: rosterImportRows.level })
    .from(rosterImportRows)
    .where(
      and(
        eq(rosterImportRows.importId, importId),
        notExists(tx.select({ one: sql`1` }).from(rosterRecords).where(existingRecordOf(committee.id))),
      ),
    )
    .orderBy(asc(rosterImportRows.rowNo));
  if (fresh.length === 0) return 0;

  const byYear = new Map<number, number>();
  for (const r of fresh) byYear.set(r.passYear, (byYear.get(r.passYear) ?? 0) + 1);
  const nextSeq = new Map<number, number>();
  for (const [year, count] of [...byYear].sort((a, b) => a[0] - b[0])) {
    nextSeq.set(year, await allocateCertSequences(tx, committee.id, year, count));
  }
  const numbers = fresh.map((r) => {
    const seq = nextSeq.get(r.passYear)!;
    nextSeq.set(r.passYear, seq + 1);
    return { row_no: r.rowNo, cert_no: buildCertNo(r.passYear, requireTitleCode(r.series, r.level as TitleLevel), committee.code, seq) };
  });

  // Unset 发证机关 / 发证日期 default to the forming organisation and the 评审通过时间.
  const selectList = sql.join(
    RECORD_COLUMNS.map(([c]) =>
      c === "issuing_authority"
        ? sql`coalesce(s.issuing_authority, ${committee.formingOrgName})`
        : c === "issue_date"
          ? sql.raw("coalesce(s.issue_date, s.pass_date)")
          : sql.raw(`s.${c}`),
    ),
    sql.raw(", "),
  );
  await tx.execute(sql`
    insert into roster_records (committee_id, source, import_id, created_by, updated_by, cert_no, ${COLUMN_LIST})
    select ${committee.id}::uuid, 'import', ${importId}::uuid, ${opts.actorId}::uuid, ${opts.actorId}::uuid, m.cert_no, ${selectList}
    from roster_import_rows s
    join jsonb_to_recordset(${JSON.stringify(numbers)}::jsonb) as m(row_no integer, cert_no text) on m.row_no = s.row_no
    where s.import_id = ${importId}::uuid`);
  return numbers.length;
}
