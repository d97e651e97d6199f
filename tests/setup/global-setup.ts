/**
 * Runs once per vitest run, before any test file:
 * - DATABASE_URL set  → create and migrate a template database `gz_tpl_<pid>` on that server;
 *                       every test file clones it (`CREATE DATABASE … TEMPLATE`), see test-db.ts.
 * - DATABASE_URL unset → migrate one in-memory PGlite and dump its data directory to a temp file;
 *                       every test file loads that dump into its own in-memory PGlite.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { migrationsFolder, openPostgres } from "../../db/client";
import { createDatabase, dropDatabase, dropDatabasesLike, withDatabase } from "./pg-admin";

declare module "vitest" {
  export interface ProvidedContext {
    testDb:
      | { driver: "postgres"; serverUrl: string; template: string; prefix: string }
      | { driver: "pglite"; dumpFile: string };
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `gz_tpl_${process.pid}`;
    const prefix = `gz_t_${process.pid}_`;
    await dropDatabase(url, template);
    await createDatabase(url, template);
    try {
      const h = await openPostgres(withDatabase(url, template), { migrate: true, max: 1 });
      await h.close();
    } catch (err) {
      await dropDatabase(url, template).catch(() => {});
      throw err;
    }
    project.provide("testDb", { driver: "postgres", serverUrl: url, template, prefix });
    return async () => {
      await dropDatabasesLike(url, prefix);
      await dropDatabase(url, template);
    };
  }

  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const client = await PGlite.create({ extensions: { pg_trgm } });
  await migrate(drizzle(client), { migrationsFolder });
  const dump = await client.dumpDataDir("none");
  await client.close();
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-vitest-"));
  const dumpFile = path.join(dir, "pglite-migrated.tar");
  writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide("testDb", { driver: "pglite", dumpFile });
  return async () => {
    rmSync(dir, { recursive: true, force: true });
  };
}
