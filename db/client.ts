import { mkdirSync } from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { runDataFixes } from "./data-fixes";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

export const migrationsFolder = path.join(process.cwd(), "drizzle");

type Handle = { db: Db; close: () => Promise<void>; driver: "postgres" | "pglite" };

// One connection (pool or embedded instance) per process: PGlite must never be opened twice.
const holder = globalThis as unknown as { __gzDb?: Promise<Handle> };

export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number } = {}): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const sql = postgres(url, { max: opts.max ?? 10, onnotice: () => {} });
  const db = drizzle(sql, { schema });
  if (opts.migrate !== false) {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // Serialise concurrent starters (server + scripts) on one session-level advisory lock. A
    // one-connection client keeps the lock and the migration on the same session (drizzle cannot
    // wrap a reserved connection: it lacks `options.parsers`).
    const conn = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await conn`select pg_advisory_lock(815201)`;
      const migrationDb = drizzle(conn, { schema });
      await migrate(migrationDb, { migrationsFolder });
      await runDataFixes(migrationDb);
      await conn`select pg_advisory_unlock(815201)`;
    } finally {
      await conn.end({ timeout: 5 });
    }
  }
  return { db: db as unknown as Db, close: () => sql.end({ timeout: 5 }), driver: "postgres" };
}

export async function openPglite(
  dataDir: string | undefined,
  opts: { migrate?: boolean; loadDataDir?: Blob } = {},
): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (dataDir) mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  // Extensions the migrations create (db/sql/extensions.sql) must be loadable in PGlite too.
  const client = await PGlite.create({ dataDir, loadDataDir: opts.loadDataDir, extensions: { pg_trgm } });
  const db = drizzle(client, { schema });
  if (opts.migrate !== false) {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(db, { migrationsFolder });
    await runDataFixes(db);
  }
  return { db: db as unknown as Db, close: () => client.close(), driver: "pglite" };
}

function openFromEnv(): Promise<Handle> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  return openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"));
}

export function getDbHandle(): Promise<Handle> {
  if (!holder.__gzDb) {
    holder.__gzDb = openFromEnv().catch((err: unknown) => {
      holder.__gzDb = undefined;
      throw err;
    });
  }
  return holder.__gzDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Tests inject their own database (a fresh PGlite or a fresh PostgreSQL database). */
export function setDbHandle(handle: Handle | undefined): void {
  holder.__gzDb = handle ? Promise.resolve(handle) : undefined;
}

export async function closeDb(): Promise<void> {
  const h = holder.__gzDb;
  holder.__gzDb = undefined;
  if (h) await (await h).close();
}
