/** Small helpers for creating and dropping throw-away PostgreSQL databases in tests. */
import postgres from "postgres";

/** The same server as `url`, but its `postgres` maintenance database. */
export function maintenanceUrl(url: string): string {
  return withDatabase(url, "postgres");
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`unsafe database name: ${name}`);
  return `"${name}"`;
}

async function withAdmin<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(maintenanceUrl(url), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function createDatabase(url: string, name: string, template?: string): Promise<void> {
  await withAdmin(url, async (sql) => {
    const stmt = `CREATE DATABASE ${ident(name)}${template ? ` TEMPLATE ${ident(template)}` : ""}`;
    // "source database is being accessed by other users" (55006) is transient while another
    // worker's clone or a just-closed connection is still registered: retry for a while.
    for (let attempt = 0; ; attempt++) {
      try {
        await sql.unsafe(stmt);
        return;
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (code !== "55006" || attempt >= 50) throw err;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  });
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await withAdmin(url, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS ${ident(name)} WITH (FORCE)`));
}

/** Drops every database whose name starts with `prefix` (leftovers of crashed test files). */
export async function dropDatabasesLike(url: string, prefix: string): Promise<void> {
  await withAdmin(url, async (sql) => {
    const rows = await sql<{ datname: string }[]>`select datname from pg_database where starts_with(datname, ${prefix})`;
    for (const { datname } of rows) await sql.unsafe(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`);
  });
}
