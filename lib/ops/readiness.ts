import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { migrationsFolder, type Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { log } from "@/lib/log";

/** How long /api/ready waits for the database before answering 503 (docs/deploy.md). */
export const READY_TIMEOUT_MS = 2000;

export type Readiness =
  | { ok: true; migrations: { applied: number; expected: number; latest: string } }
  | { ok: false; reason: "database_unreachable" | "migrations_pending"; migrations?: { applied: number; expected: number; latest: string } };

type JournalEntry = { idx: number; when: number; tag: string };

async function readJournal(folder: string): Promise<JournalEntry[]> {
  const raw = await readFile(path.join(folder, "meta", "_journal.json"), "utf8");
  return (JSON.parse(raw) as { entries: JournalEntry[] }).entries;
}

/**
 * Migrations are current when the database holds a row for every journal entry and its newest row is
 * the journal's last entry. drizzle's migrator (db/client.ts, both drivers) records each applied
 * migration in drizzle.__drizzle_migrations with `created_at` = the entry's `when`.
 */
async function checkMigrations(db: Db, folder: string): Promise<Readiness> {
  const entries = await readJournal(folder);
  const last = entries[entries.length - 1];
  const [row] = await executeRows<{ applied: number | string; newest: number | string | null }>(
    db,
    sql`select count(*)::int as applied, max(created_at) as newest from drizzle.__drizzle_migrations`,
  );
  const applied = Number(row?.applied ?? 0);
  const migrations = { applied, expected: entries.length, latest: last?.tag ?? "" };
  const current = !last || (applied >= entries.length && Number(row?.newest ?? 0) >= last.when);
  return current ? { ok: true, migrations } : { ok: false, reason: "migrations_pending", migrations };
}

/** Database reachable within `timeoutMs` and migrations current. Never throws. */
export async function checkReadiness(
  openDb: () => Promise<Db>,
  opts: { timeoutMs?: number; folder?: string } = {},
): Promise<Readiness> {
  const timeoutMs = opts.timeoutMs ?? READY_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), timeoutMs);
  });
  try {
    const result = await Promise.race([openDb().then((db) => checkMigrations(db, opts.folder ?? migrationsFolder)), timeout]);
    if (result === "timeout") {
      log.warn({ timeoutMs }, "readiness: database did not answer in time");
      return { ok: false, reason: "database_unreachable" };
    }
    if (!result.ok) log.warn({ migrations: result.migrations }, "readiness: migrations pending");
    return result;
  } catch (err) {
    log.warn({ err }, "readiness: database check failed");
    return { ok: false, reason: "database_unreachable" };
  } finally {
    clearTimeout(timer);
  }
}
