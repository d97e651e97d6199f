import { fillPlaceholders, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";

/**
 * Runs one raw statement and returns its rows, as a NAMED prepared statement on postgres.js.
 *
 * Why: drizzle sends `db.execute` (and every builder query not given a name) as an unnamed
 * statement, which postgres.js runs in two round trips (Parse/Describe, then Bind/Execute) and the
 * server plans from scratch each time. For the public query's one statement that was ≈ 2.3 ms
 * against ≈ 0.8 ms prepared (measured here on PostgreSQL 15) — most of the gap to a bare route
 * handler (tests/bench/query.bench.ts). postgres.js keys prepared statements by text per
 * connection, so only a handful exist. PGlite (one in-process instance) goes through drizzle.
 *
 * Behind a transaction-mode pooler (PgBouncer < 1.21) a named statement prepared on one server
 * connection is unknown on the next: there the client is opened with `prepare: false`
 * (DATABASE_PREPARE=false, db/client.ts) and this falls back to an unnamed statement — the same SQL
 * and parameters, one extra plan per call. The client's setting decides, never this call site.
 */
type PostgresJsClient = ((...args: never[]) => unknown) & {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown[]>;
  options?: { prepare?: boolean };
};

const dialect = new PgDialect();

function postgresJsClientOf(db: Db): PostgresJsClient | null {
  const client = (db as unknown as { $client?: unknown }).$client;
  return typeof client === "function" && typeof (client as { unsafe?: unknown }).unsafe === "function" ? (client as PostgresJsClient) : null;
}

/** False when the pool was opened with `prepare: false` (a transaction-mode pooler in between). */
function namedStatementsAllowed(client: PostgresJsClient): boolean {
  return client.options?.prepare !== false;
}

export async function executePrepared<T>(db: Db, query: SQL): Promise<T[]> {
  const client = postgresJsClientOf(db);
  if (client) {
    const { sql, params } = dialect.sqlToQuery(query);
    return (await client.unsafe(sql, params, { prepare: namedStatementsAllowed(client) })) as T[];
  }
  return executeRows<T>(db, query);
}

/** A statement compiled once: its text, and its parameters with `sql.placeholder`s still in them. */
export type CompiledStatement = { sql: string; params: unknown[] };

/** Compiles a statement whose per-call values are `sql.placeholder(name)`s (see executeCompiled). */
export function compileStatement(query: SQL): CompiledStatement {
  return dialect.sqlToQuery(query);
}

type PgliteClient = { query(text: string, params: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Runs a compiled statement with its placeholders filled from `values`: a hot statement skips
 * building and compiling its SQL on every call. Named prepared on postgres.js as executePrepared;
 * on PGlite, the same text and parameters through its client.
 */
export async function executeCompiled<T>(db: Db, statement: CompiledStatement, values: Record<string, unknown>): Promise<T[]> {
  const params = fillPlaceholders(statement.params, values);
  const client = postgresJsClientOf(db);
  if (client) return (await client.unsafe(statement.sql, params, { prepare: namedStatementsAllowed(client) })) as T[];
  const pglite = (db as unknown as { $client: PgliteClient }).$client;
  return (await pglite.query(statement.sql, params)).rows as T[];
}
