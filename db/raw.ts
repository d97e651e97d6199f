import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";

/** Runs a raw statement and returns its rows: `db.execute` gives an array on postgres.js and `{ rows }` on PGlite. */
export async function executeRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A list of ids as ONE uuid[] parameter (a PostgreSQL array literal cast on the server): drizzle's
 * `inArray` sends one placeholder per id, which for a 10,000-record batch is a 10,000-parameter
 * statement planned from scratch. Only well-formed UUIDs are accepted, so the literal needs no quoting.
 */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(",")}}`}::uuid[]`;
}

/** Texts as ONE text[] parameter (a PostgreSQL array literal, every element quoted and escaped). */
export function textArray(values: readonly string[]): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
  return sql`${literal}::text[]`;
}

/** Integers as ONE int[] parameter. */
export function intArray(values: readonly number[]): SQL {
  for (const v of values) if (!Number.isSafeInteger(v)) throw new Error(`not an integer: ${v}`);
  return sql`${`{${values.join(",")}}`}::int[]`;
}
