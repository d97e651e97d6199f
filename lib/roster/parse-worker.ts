import { parentPort, workerData } from "node:worker_threads";
import { parseRosterWorkbook } from "./import-parse";
import type { FromMain, ToMain, WorkerInput } from "./parse-in-worker";

/**
 * The worker thread of ./parse-in-worker.ts: unzips, reads and validates one workbook off the
 * server's event loop, sending valid rows back in batches (and waiting for each to be stored) and the
 * outcome at the end. Its heap is capped, so a workbook that needs too much memory ends this thread,
 * not the server (docs/xlsx-import.md, "Where the parse runs").
 */
const port = parentPort;
if (!port) throw new Error("parse-worker.ts runs only as a worker thread");
const input = workerData as WorkerInput;

let acknowledge: (() => void) | null = null;
port.on("message", (m: FromMain) => {
  if (m.type !== "ack") return;
  const resume = acknowledge;
  acknowledge = null;
  resume?.();
});
const send = (m: ToMain) => port.postMessage(m);

async function main(): Promise<void> {
  const file = Buffer.from(input.file.buffer, input.file.byteOffset, input.file.byteLength);
  const outcome = await parseRosterWorkbook(file, {
    committee: input.committee,
    maxDataRows: input.maxDataRows,
    onProgress: (rowsRead) => send({ type: "progress", rowsRead }),
    // One batch in flight: the main thread stores it, then lets the parse go on.
    onValidRows: (rows) =>
      new Promise<void>((resolve) => {
        acknowledge = resolve;
        send({ type: "rows", rows });
      }),
  });
  send({ type: "done", outcome });
}

// A rejection here is an uncaught error of the worker: the main thread sees its "error" event.
void main();
