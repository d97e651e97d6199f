/**
 * The declarations' periodic work (docs/deploy.md "Periodic jobs"): today, 逾期未补正 — every returned declaration
 * whose 一次性告知 deadline has passed becomes abandoned (lib/declarations `abandonOverdue`). One run is one
 * transaction under `pg_try_advisory_xact_lock`: with several nodes (or the CLI beside them) one run does the
 * work and the others skip at once; the lock ends with the transaction, so it also holds behind a
 * transaction-mode pooler. It also deletes 切换身份 rows (session_grants) older than the absolute session limit.
 */
import { sql } from "drizzle-orm";
import { ABSOLUTE_TIMEOUT_SEC } from "@/auth.config";
import type { Db } from "@/db/client";
import { sessionGrants } from "@/db/schema";
import { executeRows } from "@/db/raw";
import { abandonOverdue } from "@/lib/declarations/transitions";
import { todayInChina } from "@/lib/filings/constants";

/** The advisory lock key of the declaration jobs (815201: migrations, 815202: the demo seed). */
export const DECLARATION_JOBS_LOCK_KEY = 815203;

export type DeclarationJobsResult = { ran: false } | { ran: true; today: string; abandoned: string[] };

/** One run: skipped (`ran: false`) when another process holds the lock. */
export async function runDeclarationJobs(db: Db, today = todayInChina()): Promise<DeclarationJobsResult> {
  return db.transaction(async (tx) => {
    const [{ locked }] = await executeRows<{ locked: boolean }>(tx, sql`select pg_try_advisory_xact_lock(${DECLARATION_JOBS_LOCK_KEY}) as locked`);
    if (!locked) return { ran: false } as const;
    const abandoned = await abandonOverdue(tx, today);
    // Housekeeping: a login session ends within ABSOLUTE_TIMEOUT_SEC, so older 切换身份 rows are dead.
    await tx.delete(sessionGrants).where(sql`${sessionGrants.switchedAt} < now() - make_interval(secs => ${ABSOLUTE_TIMEOUT_SEC})`);
    return { ran: true, today, abandoned } as const;
  });
}
