#!/usr/bin/env node
// The server Playwright tests run against (playwright.config.ts → webServer).
// Needs an existing production build (`next build`; scripts/test-all.sh builds first).
// 1. gives the run its own fresh database: a new database on the DATABASE_URL server, or a new
//    PGlite directory under the system temp folder when DATABASE_URL is unset;
// 2. migrates and seeds it with `tsx db/seed-cli.ts` to completion (PGlite has no cross-process
//    lock, so the seed must be finished before the server opens the directory);
// 3. runs the production server (scripts/server.mjs, what `npm start` runs) on 127.0.0.1:$E2E_PORT (3100), forwarding SIGTERM/SIGINT, and removes the
//    database when the server stops.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, dropDatabase } from "./pg-admin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
process.chdir(root);
const port = process.env.E2E_PORT ?? "3100";

if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
  console.error("e2e-server: no production build in .next/ — run `npx next build` first (npm test does this).");
  process.exit(1);
}

const env = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  // Every spec registers from 127.0.0.1: the per-address registration limit (10 an hour) would trip.
  REGISTER_LIMIT_PER_HOUR: "1000",
};

let cleanup = async () => {};
const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  const name = `gz_e2e_${Date.now()}_${process.pid}`;
  env.DATABASE_URL = await createDatabase(serverUrl, name);
  delete env.PGLITE_DIR;
  console.log(`e2e-server: fresh PostgreSQL database ${name}`);
  // tests/e2e/fuzz.spec.ts counts domain rows before and after (PGlite cannot be opened twice).
  mkdirSync(path.join(root, "tests", ".artifacts"), { recursive: true });
  writeFileSync(path.join(root, "tests", ".artifacts", "e2e-database-url"), env.DATABASE_URL);
  cleanup = () => dropDatabase(serverUrl, name).catch((e) => console.error(`e2e-server: could not drop ${name}: ${e.message}`));
} else {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gz-e2e-"));
  env.PGLITE_DIR = path.join(dir, "pglite");
  delete env.DATABASE_URL;
  console.log(`e2e-server: fresh PGlite directory ${env.PGLITE_DIR}`);
  rmSync(path.join(root, "tests", ".artifacts", "e2e-database-url"), { force: true });
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

let child;
let stopping = false;
for (const sig of ["SIGTERM", "SIGINT", "SIGHUP"]) {
  process.on(sig, () => {
    stopping = true;
    if (child && child.exitCode === null && child.signalCode === null) child.kill(sig);
    else void cleanup().then(() => process.exit(1));
  });
}

function run(args) {
  return new Promise((resolve) => {
    child = spawn(process.execPath, args, { env, stdio: "inherit" });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

const seedCode = await run([path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), "db/seed-cli.ts"]);
if (seedCode !== 0 || stopping) {
  if (seedCode !== 0) console.error(`e2e-server: seeding failed (exit ${seedCode})`);
  await cleanup();
  process.exit(seedCode || 1);
}

// Data a spec needs that no UI can create yet (tests/e2e/fixtures/seed-*.ts), also before the server opens the database.
const fixtureDir = path.join(root, "tests", "e2e", "fixtures");
const fixtures = existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((f) => /^seed-.*\.ts$/.test(f)).sort() : [];
for (const fixture of fixtures) {
  const fixtureCode = await run([path.join(root, "node_modules", "tsx", "dist", "cli.mjs"), path.join(fixtureDir, fixture)]);
  if (fixtureCode !== 0 || stopping) {
    if (fixtureCode !== 0) console.error(`e2e-server: fixture ${fixture} failed (exit ${fixtureCode})`);
    await cleanup();
    process.exit(fixtureCode || 1);
  }
}

const code = await run([path.join(root, "scripts", "server.mjs"), "-p", port, "-H", "127.0.0.1"]);
await cleanup();
process.exit(stopping ? 0 : code);
