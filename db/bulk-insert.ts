import { getTableColumns, getTableName, sql, type InferInsertModel } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "./client";

/**
 * Inserts many rows as ONE json parameter expanded by json_populate_recordset on the server. For wide
 * rows this is several times faster than a multi-row VALUES insert (whose statement carries one
 * placeholder per cell: 10,000 certificates ≈ 260,000 parameters). Only the columns present in the
 * first row are written, so the others keep their defaults; every row must have the same keys.
 * Works on PostgreSQL and PGlite alike. Dates go through JSON as ISO strings.
 */
export async function bulkInsert<T extends PgTable>(tx: Db, table: T, rows: InferInsertModel<T>[], chunk = 20_000): Promise<void> {
  if (rows.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = Object.keys(rows[0]).filter((k) => k in columns);
  const names = keys.map((k) => `"${columns[k].name}"`).join(", ");
  const tableName = `"${getTableName(table)}"`;
  for (let i = 0; i < rows.length; i += chunk) {
    const json = JSON.stringify(
      rows.slice(i, i + chunk).map((r) => {
        const out: Record<string, unknown> = {};
        for (const k of keys) out[columns[k].name] = (r as Record<string, unknown>)[k] ?? null;
        return out;
      }),
    );
    await tx.execute(sql`insert into ${sql.raw(tableName)} (${sql.raw(names)}) select ${sql.raw(names)} from json_populate_recordset(null::${sql.raw(tableName)}, ${json}::json)`);
  }
}
