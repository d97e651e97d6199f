import os from "node:os";
import { Worker } from "node:worker_threads";
import type { RosterImportRow } from "@/db/schema";
import { IMPORT_LIMITS } from "./constants";
import type { ParseOptions, ParseOutcome } from "./import-parse";

/**
 * Runs `parseRosterWorkbook` (unzip, XML → rows, validation) in a worker thread, so a hostile or huge
 * workbook can neither block the server's event loop nor exhaust its heap (docs/xlsx-import.md,
 * "Where the parse runs"). Each file gets a fresh worker with a capped heap and a wall-clock budget;
 * at most `PARSE_THREADS` run at once and at most `IMPORT_LIMITS.parseQueue` wait their turn. Valid rows come back in batches
 * and are handed to `onValidRows` here on the main thread (the database writes stay here).
 *
 * Why not piscina: a pool needs the worker's file name at run time, but `next build` bundles the
 * route's code, and the one form Turbopack compiles into a worker entry is
 * `new Worker(new URL("./file.ts", import.meta.url))`. So the worker is created with exactly that.
 */

export type WorkerInput = { file: Uint8Array; committee: ParseOptions["committee"]; maxDataRows?: number };
export type ToMain = { type: "progress"; rowsRead: number } | { type: "rows"; rows: RosterImportRow[] } | { type: "done"; outcome: ParseOutcome };
export type FromMain = { type: "ack" };

/** Two cores: one parse at a time leaves a core to the server. ROSTER_PARSE_THREADS overrides (1–4). */
const PARSE_THREADS = Math.min(4, Math.max(1, Number(process.env.ROSTER_PARSE_THREADS) || Math.min(2, os.availableParallelism() - 1)));

export const PARSE_TIMEOUT_MESSAGE = `读取工作簿超过${IMPORT_LIMITS.parseSeconds}秒仍未完成，已停止读取。请删除多余的行列或拆分为多个文件后重新导入`;
export const PARSE_BUSY_MESSAGE = "当前导入的文件较多，请稍后重新上传";
export const PARSE_MEMORY_MESSAGE = `工作簿过于复杂，读取时超出内存上限（${IMPORT_LIMITS.parseWorkerHeapMb} MB），请删除多余的行列或拆分为多个文件后重新导入`;

/** Free parse slots and the parses waiting for one; on globalThis, so every route bundle shares it. */
type Slots = { free: number; waiting: (() => void)[] };
const slotsKey = Symbol.for("gz.roster.parseSlots");
const globals = globalThis as { [slotsKey]?: Slots };
const slots: Slots = (globals[slotsKey] ??= { free: PARSE_THREADS, waiting: [] });

/** False when every slot is busy and the queue is full: the caller refuses the file. */
async function acquireSlot(): Promise<boolean> {
  if (slots.free > 0) {
    slots.free--;
    return true;
  }
  if (slots.waiting.length >= IMPORT_LIMITS.parseQueue) return false;
  await new Promise<void>((resolve) => slots.waiting.push(resolve));
  return true;
}

function releaseSlot(): void {
  const next = slots.waiting.shift();
  if (next) next();
  else slots.free++;
}

export type WorkerParseOptions = ParseOptions & { timeoutMs?: number };

/** Same contract as `parseRosterWorkbook`, plus three refusals: too many waiting, out of time, out of memory. */
export async function parseRosterWorkbookInWorker(file: Buffer, opts: WorkerParseOptions): Promise<ParseOutcome> {
  if (!(await acquireSlot())) return { ok: false, message: PARSE_BUSY_MESSAGE, rowsRead: 0 };
  try {
    return await runWorker(file, opts);
  } finally {
    releaseSlot();
  }
}

function startWorker(input: WorkerInput): Worker {
  const options = { workerData: input, resourceLimits: { maxOldGenerationSizeMb: IMPORT_LIMITS.parseWorkerHeapMb } };
  // Inside Next's bundle (next build, next dev) this form becomes a compiled worker entry.
  if (process.env.NEXT_RUNTIME) return new Worker(new URL("./parse-worker.ts", import.meta.url), options);
  // Under vitest and tsx scripts the entry is the TypeScript file itself: the worker loads it through tsx
  // (a devDependency; `--import tsx` in execArgv does not reach worker threads on Node 20).
  const entry = new URL("parse-worker.ts", import.meta.url).href;
  const boot = `import("tsx/esm/api").then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`;
  return new Worker(boot, { ...options, eval: true });
}

function runWorker(file: Buffer, opts: WorkerParseOptions): Promise<ParseOutcome> {
  return new Promise<ParseOutcome>((resolve, reject) => {
    const { committee, maxDataRows } = opts;
    // A copy of just these bytes (a Buffer may be a view into a larger pool).
    const worker = startWorker({ file: new Uint8Array(file), committee: { series: committee.series, levelFrom: committee.levelFrom, levelTo: committee.levelTo }, maxDataRows });
    let rowsRead = 0;
    let settled = false;
    // Callbacks run one after another, in message order; a failing one ends the parse with its error.
    let chain: Promise<void> = Promise.resolve();
    const then = (step: () => Promise<void> | void) => {
      chain = chain.then(() => (settled ? undefined : step())).catch(fail);
    };

    const timer = setTimeout(() => settle({ ok: false, message: PARSE_TIMEOUT_MESSAGE, rowsRead }), opts.timeoutMs ?? IMPORT_LIMITS.parseSeconds * 1000);
    function end(): void {
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
    }
    // Settling waits for the callback step already running (no new one starts once settled): a
    // timeout or a crash must not return while a batch is still being staged, or the caller's clean-up
    // of the staged rows could run before that batch lands.
    function settle(outcome: ParseOutcome): void {
      if (settled) return;
      end();
      const done = () => resolve(outcome);
      void chain.then(done, done);
    }
    function fail(err: unknown): void {
      if (settled) return;
      end();
      const error = err instanceof Error ? err : new Error(String(err));
      const done = () => reject(error);
      void chain.then(done, done);
    }

    worker.on("message", (m: ToMain) => {
      if (m.type === "progress") {
        rowsRead = m.rowsRead;
        if (opts.onProgress) then(() => opts.onProgress!(m.rowsRead));
      } else if (m.type === "rows") {
        then(async () => {
          await opts.onValidRows?.(m.rows);
          if (!settled) worker.postMessage({ type: "ack" } satisfies FromMain);
        });
      } else {
        then(() => settle(m.outcome));
      }
    });
    worker.on("error", (err: Error & { code?: string }) => {
      if (err.code === "ERR_WORKER_OUT_OF_MEMORY") settle({ ok: false, message: PARSE_MEMORY_MESSAGE, rowsRead });
      else fail(err);
    });
    worker.on("exit", (code) => fail(new Error(`roster parse worker exited (code ${code}) before it finished`)));
  });
}
