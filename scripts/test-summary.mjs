#!/usr/bin/env node
// Adds up the JSON reports of one `npm test` run and prints ONE line: "N passed, N failed[, N skipped]".
//   node scripts/test-summary.mjs <kind>:<report.json>:<exit code> ...
// kind: vitest | playwright | step | check
//   step:  a non-test step such as typecheck, lint or `next build`; counts 1 failure if it failed;
//   check: an extra whole-system check run after the suite (scripts/ci-extra.sh, e.g. `npm run
//          ops:drill`): counts 1 passed if it exited 0, 1 failed otherwise.
// For step and check the middle field is only a label (step:lint:1, check:ops:drill:0): the exit code
// is the LAST field, so a label may itself contain ':'.
// A stage that exited non-zero without any failed test in its report (crash, load error, missing
// report) counts as one failure, so the line never says "0 failed" for a failing run.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
const notes = [];

function readJson(file) {
  if (!file || !existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

for (const arg of process.argv.slice(2)) {
  const parts = arg.split(":");
  const kind = parts[0];
  const codeText = parts.length > 2 ? parts.pop() : undefined;
  const file = parts.slice(1).join(":");
  const code = Number(codeText ?? 0);
  let stageFailed = 0;
  if (kind === "vitest") {
    const r = readJson(file);
    if (r) {
      passed += r.numPassedTests ?? 0;
      stageFailed += r.numFailedTests ?? 0;
      skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
      // A test file that failed to load or whose hooks failed has no failed test of its own.
      for (const f of r.testResults ?? []) {
        const anyFailed = (f.assertionResults ?? []).some((a) => a.status === "failed");
        if (f.status === "failed" && !anyFailed) stageFailed += 1;
      }
    } else notes.push(`no vitest report at ${file}`);
  } else if (kind === "check") {
    if (code === 0) passed += 1;
    else {
      stageFailed = 1;
      notes.push(`check ${file} failed`);
    }
  } else if (kind === "playwright") {
    const r = readJson(file);
    if (r) {
      const s = r.stats ?? {};
      passed += (s.expected ?? 0) + (s.flaky ?? 0);
      stageFailed += s.unexpected ?? 0;
      skipped += s.skipped ?? 0;
      if (!stageFailed && (r.errors ?? []).length) stageFailed += r.errors.length;
    } else notes.push(`no Playwright report at ${file}`);
  }
  if (code !== 0 && stageFailed === 0) {
    stageFailed = 1;
    notes.push(`${kind}${file ? ` (${file})` : ""} exited with code ${code}`);
  }
  failed += stageFailed;
}

for (const n of notes) console.log(`note: ${n}`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
