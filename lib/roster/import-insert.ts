import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { rosterImportRows, rosterRecords, type RosterImportRow } from "@/db/schema";
import type { OwnedCommittee } from "./access";
import { allocateCertSequences, certNoPrefix, certNoSql, requireTitleCode } from "./numbering";

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
const JSON_RECORD_TYPE = sql.raw(
  ['"row" integer', ...RECORD_COLUMNS.map(([, t, f]) => `"${f}" ${t}`), '"certPrefix" text', '"certPrefixSum" integer'].join(", "),
);
const JSON_FIELD_LIST = sql.raw(RECORD_COLUMNS.map(([, , f]) => `r."${f}"`).join(", "));

type StagedRow = RosterImportRow & { certPrefix?: string; certPrefixSum?: number };

/**
 * Writes a batch of valid rows to the staging table: the rows as ONE JSON parameter through
 * json_to_recordset (no per-cell placeholders, no intermediate objects), the same on both drivers.
 * Each row also gets its certificate-number prefix (year, title code, committee code), so the commit
 * only adds the sequence.
 */
export async function stageImportRows(db: Db, importId: string, rows: RosterImportRow[], committeeCode: string): Promise<void> {
  if (rows.length === 0) return;
  const prefixes = new Map<string, ReturnType<typeof certNoPrefix>>();
  for (const r of rows as StagedRow[]) {
    const key = `${r.passYear}|${r.series}|${r.level}`;
    let p = prefixes.get(key);
    if (!p) prefixes.set(key, (p = certNoPrefix(r.passYear, requireTitleCode(r.series, r.level), committeeCode)));
    r.certPrefix = p.prefix;
    r.certPrefixSum = p.weightedSum;
  }
  await db.execute(sql`
    insert into roster_import_rows (import_id, row_no, ${COLUMN_LIST}, cert_prefix, cert_prefix_sum)
    select ${importId}::uuid, r."row", ${JSON_FIELD_LIST}, r."certPrefix", r."certPrefixSum"
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
  const fresh = sql`${rosterImportRows.importId} = ${importId}::uuid
    and not exists (select 1 from ${rosterRecords} where ${existingRecordOf(committee.id)})`;
  const perYear = await executeRows<{ year: number; n: number }>(
    tx,
    sql`select pass_year as year, count(*)::int as n from ${rosterImportRows} where ${fresh} group by pass_year order by pass_year`,
  );
  if (perYear.length === 0) return 0;
  const firstSeq: Record<string, number> = {};
  for (const { year, n } of perYear) firstSeq[year] = await allocateCertSequences(tx, committee.id, year, n);

  // Unset 发证机关 / 发证日期 default to the forming organisation and the 评审通过时间.
  const selectList = sql.join(
    RECORD_COLUMNS.map(([c]) =>
      c === "issuing_authority"
        ? sql`coalesce(n.issuing_authority, ${committee.formingOrgName})`
        : c === "issue_date"
          ? sql.raw("coalesce(n.issue_date, n.pass_date)")
          : sql.raw(`n.${c}`),
    ),
    sql.raw(", "),
  );
  // Sequences in file order within each year, from the first one allocated for that year.
  await tx.execute(sql`
    insert into roster_records (committee_id, source, import_id, created_by, updated_by, cert_no, ${COLUMN_LIST})
    select ${committee.id}::uuid, 'import', ${importId}::uuid, ${opts.actorId}::uuid, ${opts.actorId}::uuid,
      ${certNoSql(sql.raw("n.cert_prefix"), sql.raw("n.cert_prefix_sum"), sql.raw("n.seq"))}, ${selectList}
    from (
      select ${rosterImportRows}.*,
        (${JSON.stringify(firstSeq)}::jsonb ->> pass_year::text)::int + row_number() over (partition by pass_year order by row_no) - 1 as seq
      from ${rosterImportRows}
      where ${fresh}
    ) n`);
  return perYear.reduce((sum, y) => sum + y.n, 0);
}
