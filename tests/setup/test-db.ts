/**
 * A fresh, migrated database for one test file, installed as the app's database (`getDb()`).
 *
 *   let t: TestDb;
 *   beforeAll(async () => { t = await useTestDb(); });
 *   afterAll(() => t.close());
 *
 * PostgreSQL (DATABASE_URL set): a new database cloned from the run's migrated template.
 * PGlite (DATABASE_URL unset): a new in-memory PGlite loaded from the run's migrated dump.
 */
import { readFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openPglite, openPostgres, setDbHandle, type Db } from "@/db/client";
import { createDatabase, dropDatabase, withDatabase } from "./pg-admin";

/** `url`: the PostgreSQL database of this file (for a child process such as a CLI); none on PGlite. */
export type TestDb = { db: Db; driver: "postgres" | "pglite"; url?: string; close(): Promise<void> };

export async function useTestDb(): Promise<TestDb> {
  const info = inject("testDb");
  if (!info) throw new Error("useTestDb: tests/setup/global-setup.ts did not run (use vitest.config.ts)");

  if (info.driver === "postgres") {
    const name = `${info.prefix}${randomBytes(6).toString("hex")}`;
    await createDatabase(info.serverUrl, name, info.template);
    const url = withDatabase(info.serverUrl, name);
    const handle = await openPostgres(url, { migrate: false, max: 5 });
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      setDbHandle(undefined);
      await handle.close();
      await dropDatabase(info.serverUrl, name);
    };
    setDbHandle({ ...handle, close });
    return { db: handle.db, driver: "postgres", url, close };
  }

  const blob = new Blob([readFileSync(info.dumpFile)]);
  const handle = await openPglite(undefined, { loadDataDir: blob, migrate: false });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    setDbHandle(undefined);
    await handle.close();
  };
  setDbHandle({ ...handle, close });
  return { db: handle.db, driver: "pglite", close };
}
