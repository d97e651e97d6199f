/**
 * The app behind a transaction-mode pooler (docs/deploy.md, "Topology: several nodes behind a proxy
 * and a pooler"): no statement may rely on its server session outliving its transaction.
 *  - DATABASE_PREPARE=false → postgres.js sends every statement unnamed, including the public query's
 *    executePrepared (a named statement exists only on the server connection that prepared it);
 *  - the migration lock is transaction-scoped (pg_advisory_xact_lock, db/client.ts), so concurrent
 *    starters serialise through a pooler and no lock outlives the migration;
 *  - with Debian's pgbouncer installed, the same through a real PgBouncer in pool_mode=transaction.
 * PostgreSQL only (postgres.js); skipped on PGlite.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATION_LOCK_KEY, migrationsFolder, openPostgres, preparedStatementsFromEnv } from "@/db/client";
import { executePrepared } from "@/lib/query/prepared";
import { createDatabase, dropDatabase, withDatabase } from "../setup/pg-admin";

const serverUrl = process.env.DATABASE_URL;
const journalSize = (JSON.parse(readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
const pgbouncerBin = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((p) => existsSync(p));

const created: string[] = [];
async function freshDatabase(tag: string): Promise<string> {
  const name = `gz_pool_${tag}_${process.pid}_${Date.now() % 1e6}`;
  await createDatabase(serverUrl!, name);
  created.push(name);
  return withDatabase(serverUrl!, name);
}

afterAll(async () => {
  for (const name of created) await dropDatabase(serverUrl!, name).catch(() => undefined);
});

describe("DATABASE_PREPARE", () => {
  it("is on unless set to false/0/off, and refuses anything else", () => {
    expect(preparedStatementsFromEnv({})).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARE: "true" })).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARE: "false" })).toBe(false);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARE: " OFF " })).toBe(false);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARE: "0" })).toBe(false);
    expect(() => preparedStatementsFromEnv({ DATABASE_PREPARE: "maybe" })).toThrow(/DATABASE_PREPARE/);
  });
});

describe.skipIf(!serverUrl)("session state under transaction pooling (PostgreSQL)", () => {
  let url = "";
  beforeAll(async () => {
    url = await freshDatabase("mig");
  }, 60_000);

  /** Named statements this session holds (one connection: max 1). */
  async function namedStatementsAfterPublicQueryStatement(prepare: boolean): Promise<number> {
    const h = await openPostgres(url, { migrate: false, max: 1, prepare });
    try {
      for (let i = 0; i < 3; i++) {
        const rows = await executePrepared<{ n: number }>(h.db, sql`select ${i}::int + 1 as n`);
        expect(rows[0].n).toBe(i + 1);
      }
      const [row] = await executePrepared<{ n: number }>(h.db, sql`select count(*)::int as n from pg_prepared_statements where name <> ''`);
      return row.n;
    } finally {
      await h.close();
    }
  }

  it("the public query's statement is named by default and unnamed with prepare off", async () => {
    expect(await namedStatementsAfterPublicQueryStatement(true)).toBeGreaterThan(0);
    expect(await namedStatementsAfterPublicQueryStatement(false)).toBe(0);
  });

  it("migrates under a transaction-scoped lock: waits for a holder, leaves no lock, applies every migration once", async () => {
    const holder = postgres(url, { max: 1, onnotice: () => {} });
    try {
      // Another starter is mid-migration: it holds the lock inside its transaction.
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      let holding!: () => void;
      const held = new Promise<void>((r) => (holding = r));
      const tx = holder.begin(async (t) => {
        await t`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`;
        holding();
        await released;
      });
      await held;
      let done = false;
      const opening = Promise.all([openPostgres(url, { max: 2 }), openPostgres(url, { max: 2 })]).then((hs) => {
        done = true;
        return hs;
      });
      await new Promise((r) => setTimeout(r, 1500));
      expect(done).toBe(false);
      release();
      await tx;
      const handles = await opening;
      for (const h of handles) await h.close();

      // Only the migration lock of this database: other tests and servers on the same PostgreSQL take their
      // own advisory locks (the periodic jobs' 815203) at any moment.
      const [counts] = await holder`select (select count(*)::int from drizzle.__drizzle_migrations) as applied,
        (select count(*)::int from pg_locks where locktype = 'advisory' and objsubid = 1 and classid = 0 and objid = ${MIGRATION_LOCK_KEY}
           and database = (select oid from pg_database where datname = current_database())) as locks`;
      expect(counts.applied).toBe(journalSize);
      expect(counts.locks).toBe(0);
    } finally {
      await holder.end({ timeout: 5 });
    }
  }, 120_000);
});

// A real PgBouncer in transaction mode (Debian's 1.18 keeps no prepared statements across
// transactions), when installed (.ci/run and scripts/cluster/run.mjs install it).
describe.skipIf(!serverUrl || !pgbouncerBin)("through PgBouncer, pool_mode = transaction", () => {
  let dir = "";
  let bouncer: ChildProcess | undefined;
  let pooledUrl = "";
  let directUrl = "";

  beforeAll(async () => {
    directUrl = await freshDatabase("pgb");
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, "127.0.0.1", () => {
        const { port: p } = s.address() as net.AddressInfo;
        s.close(() => resolve(p));
      });
    });
    dir = mkdtempSync(path.join(os.tmpdir(), "gz-pgb-"));
    chmodSync(dir, 0o755);
    const server = new URL(serverUrl!);
    writeFileSync(path.join(dir, "users.txt"), `"${server.username || "postgres"}" ""\n`, { mode: 0o644 });
    writeFileSync(
      path.join(dir, "pgbouncer.ini"),
      [
        "[databases]",
        `gz = host=${server.hostname} port=${server.port || 5432} dbname=${new URL(directUrl).pathname.slice(1)}`,
        "[pgbouncer]",
        "listen_addr = 127.0.0.1",
        `listen_port = ${port}`,
        "unix_socket_dir =",
        "pool_mode = transaction",
        "default_pool_size = 3",
        "server_round_robin = 1",
        "auth_type = trust",
        `auth_file = ${path.join(dir, "users.txt")}`,
        "server_reset_query =",
        "",
      ].join("\n"),
      { mode: 0o644 },
    );
    const runAs = process.getuid?.() === 0 ? ["-u", "postgres"] : [];
    bouncer = spawn(pgbouncerBin!, [...runAs, path.join(dir, "pgbouncer.ini")], { stdio: "ignore" });
    pooledUrl = `postgres://${server.username || "postgres"}@127.0.0.1:${port}/gz`;
    for (let i = 0; i < 50; i++) {
      const probe = spawnSync("pg_isready", ["-h", "127.0.0.1", "-p", String(port)]);
      if (probe.status === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }, 60_000);

  afterAll(() => {
    bouncer?.kill("SIGTERM");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("three nodes starting at once migrate the empty database through the pooler, exactly once", async () => {
    const handles = await Promise.all([0, 1, 2].map(() => openPostgres(pooledUrl, { max: 4, prepare: false })));
    try {
      // Interleaved traffic from all three pools, public-query style, on 3 shared server connections.
      const results = await Promise.all(
        handles.flatMap((h) => Array.from({ length: 20 }, (_, i) => executePrepared<{ n: number }>(h.db, sql`select ${i}::int * 2 as n`))),
      );
      expect(results.map((r) => r[0].n)).toEqual(handles.flatMap(() => Array.from({ length: 20 }, (_, i) => i * 2)));
    } finally {
      for (const h of handles) await h.close();
    }
    const direct = postgres(directUrl, { max: 1, onnotice: () => {} });
    try {
      const [c] = await direct`select (select count(*)::int from drizzle.__drizzle_migrations) as applied,
        (select count(*)::int from pg_locks where locktype = 'advisory' and objsubid = 1 and classid = 0 and objid = ${MIGRATION_LOCK_KEY}
           and database = (select oid from pg_database where datname = current_database())) as locks`;
      expect(c.applied).toBe(journalSize);
      expect(c.locks).toBe(0);
    } finally {
      await direct.end({ timeout: 5 });
    }
  }, 180_000);

  it("named statements stay behind on the pooled server connections; with prepare off nothing does (why DATABASE_PREPARE=false)", async () => {
    // Three idle server connections, lent least-recently-used first (server_round_robin = 1).
    const warm = postgres(pooledUrl, { max: 3, prepare: false, onnotice: () => {} });
    await Promise.all([0, 1, 2].map(() => warm.begin((t) => t`select pg_sleep(0.2)`)));
    await warm.end({ timeout: 5 });

    /** Runs the public query's kind of statement, then counts prepared statements on every server connection. */
    async function statementsLeftOnServers(prepare: boolean): Promise<number> {
      const h = await openPostgres(pooledUrl, { migrate: false, max: 1, prepare });
      for (let i = 0; i < 6; i++) expect((await executePrepared<{ n: number }>(h.db, sql`select ${i}::int as n`))[0].n).toBe(i);
      await h.close();
      // Round robin: three consecutive transactions visit the three server connections.
      const probe = postgres(pooledUrl, { max: 1, prepare: false, onnotice: () => {} });
      let total = 0;
      for (let i = 0; i < 3; i++) total += (await probe.unsafe<{ n: number }[]>("select count(*)::int as n from pg_prepared_statements"))[0].n;
      await probe.end({ timeout: 5 });
      return total;
    }
    // A named statement is prepared on whichever server connection the pooler lent; the client's next
    // use of that name may run on another (postgres.js then sees "does not exist" and prepares it again
    // there), and every copy stays on its server connection after the client is gone.
    expect(await statementsLeftOnServers(false)).toBe(0);
    expect(await statementsLeftOnServers(true)).toBeGreaterThan(0);
  }, 60_000);
});
