/**
 * The in-process timer of the periodic jobs, started once per server process by instrumentation.ts
 * (docs/deploy.md "Periodic jobs"). Every node runs it; the advisory lock of each run lets one node work at a
 * time. `DECLARATION_JOBS_INTERVAL_MINUTES` (default 60; 0 turns the timer off, e.g. when cron runs
 * `npm run jobs:declarations` instead). A failed run is logged and retried at the next tick.
 */
import { getDb } from "@/db/client";
import { log } from "@/lib/log";
import { runDeclarationJobs } from "./declaration-jobs";

const DEFAULT_MINUTES = 60;
/** The first run waits a little, so that a starting node first answers its health checks. */
const FIRST_RUN_DELAY_MS = 30_000;

/** The interval in ms from the environment, or null when the timer is off. Throws on a malformed value. */
export function jobsIntervalMs(env: Record<string, string | undefined> = process.env): number | null {
  const raw = env.DECLARATION_JOBS_INTERVAL_MINUTES?.trim();
  if (raw === undefined || raw === "") return DEFAULT_MINUTES * 60_000;
  if (!/^\d+$/.test(raw) || Number(raw) > 24 * 60) throw new Error(`DECLARATION_JOBS_INTERVAL_MINUTES must be 0–1440, got "${raw}"`);
  const minutes = Number(raw);
  return minutes === 0 ? null : minutes * 60_000;
}

const holder = globalThis as typeof globalThis & { __gzJobsTimer?: NodeJS.Timeout | null };

async function tick(): Promise<void> {
  try {
    const r = await runDeclarationJobs(await getDb());
    if (!r.ran) log.debug({ job: "declarations" }, "periodic job skipped: another node holds the lock");
    else if (r.abandoned.length > 0) log.info({ job: "declarations", abandoned: r.abandoned.length }, "returned declarations past their deadline abandoned");
  } catch (err) {
    log.error({ job: "declarations", err }, "periodic job failed");
  }
}

/** Starts the timer (once per process; a second call does nothing). Returns whether a timer runs. */
export function startDeclarationJobs(env: Record<string, string | undefined> = process.env): boolean {
  if (holder.__gzJobsTimer !== undefined) return holder.__gzJobsTimer !== null;
  const interval = jobsIntervalMs(env);
  if (interval === null) {
    holder.__gzJobsTimer = null;
    log.info({ job: "declarations" }, "periodic jobs off (DECLARATION_JOBS_INTERVAL_MINUTES=0)");
    return false;
  }
  setTimeout(() => void tick(), Math.min(FIRST_RUN_DELAY_MS, interval)).unref();
  holder.__gzJobsTimer = setInterval(() => void tick(), interval);
  holder.__gzJobsTimer.unref();
  return true;
}

/** Stops the timer (tests). */
export function stopDeclarationJobs(): void {
  if (holder.__gzJobsTimer) clearInterval(holder.__gzJobsTimer);
  holder.__gzJobsTimer = undefined;
}
