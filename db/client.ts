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

/**
 * Whether postgres.js may use NAMED prepared statements (DATABASE_PREPARE, default on). Set
 * `DATABASE_PREPARE=false` when DATABASE_URL points at a pooler in transaction mode (PgBouncer before
 * 1.21, e.g. Debian 12's 1.18): a named statement is prepared on one server connection and the next
 * transaction may run on another ("prepared statement … does not exist"). Off, every statement is sent
 * unnamed (parse, bind and execute in one go), which any pooler passes through (docs/deploy.md).
 */
export function preparedStatementsFromEnv(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  const raw = (env.DATABASE_PREPARE ?? "").trim().toLowerCase();
  if (raw === "" || raw === "true" || raw === "1" || raw === "on") return true;
  if (raw === "false" || raw === "0" || raw === "off") return false;
  throw new Error(`DATABASE_PREPARE must be true or false, got "${env.DATABASE_PREPARE}"`);
}

/** The key of the advisory lock that serialises migrations (and the data fixes) across processes. */
export const MIGRATION_LOCK_KEY = 815201;

/**
 * Applies the pending migrations of `folder` the way drizzle's migrator does (same bookkeeping table
 * drizzle.__drizzle_migrations, same hash and created_at, so drizzle-kit and /api/ready agree), but
 * inside the caller's transaction, after taking the TRANSACTION-scoped migration lock. Everything a
 * migration needs — the lock, reading the last applied migration, the DDL, the bookkeeping rows — is
 * one transaction on one server connection, so it also works through a transaction-mode pooler
 * (a session lock taken through PgBouncer stays on whichever server connection ran it, and the unlock
 * may run on another). Two starters: the second waits on the lock, then finds nothing to do.
 */
async function applyMigrations(tx: Tx, folder: string): Promise<number> {
  const { readMigrationFiles } = await import("drizzle-orm/migrator");
  const { sql } = await import("drizzle-orm");
  const migrations = readMigrationFiles({ migrationsFolder: folder });
  await tx.execute(sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
  await tx.execute(sql`create schema if not exists drizzle`);
  await tx.execute(sql`create table if not exists drizzle.__drizzle_migrations (id serial primary key, hash text not null, created_at bigint)`);
  const { executeRows } = await import("./raw");
  const last = await executeRows<{ created_at: string | number | null }>(tx, sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`);
  const lastMillis = last.length > 0 ? Number(last[0].created_at) : null;
  let applied = 0;
  for (const m of migrations) {
    if (lastMillis !== null && lastMillis >= m.folderMillis) continue;
    for (const stmt of m.sql) await tx.execute(sql.raw(stmt));
    await tx.execute(sql`insert into drizzle.__drizzle_migrations ("hash", "created_at") values (${m.hash}, ${m.folderMillis})`);
    applied++;
  }
  return applied;
}

export async function openPostgres(url: string, opts: { migrate?: boolean; max?: number; prepare?: boolean } = {}): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { sql: rawSql } = await import("drizzle-orm");
  const prepare = opts.prepare ?? preparedStatementsFromEnv();
  // `prepare: false` only when asked: a `?prepare=false` in the URL (postgres.js reads it) still counts.
  const client = postgres(url, { max: opts.max ?? 10, onnotice: () => {}, ...(prepare ? {} : { prepare: false }) });
  const db = drizzle(client, { schema }) as unknown as Db;
  if (opts.migrate !== false) {
    try {
      // Two transactions, each under the migration lock (transaction-scoped, see applyMigrations):
      // the migrations commit even when a data fix fails, as before.
      await db.transaction((tx) => applyMigrations(tx, migrationsFolder));
      await db.transaction(async (tx) => {
        await tx.execute(rawSql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`);
        await runDataFixes(tx);
      });
    } catch (err) {
      await client.end({ timeout: 5 });
      throw err;
    }
  }
  return { db, close: () => client.end({ timeout: 5 }), driver: "postgres" };
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
