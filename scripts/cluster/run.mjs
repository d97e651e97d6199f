#!/usr/bin/env node
// `npm run test:cluster`: the scale-out check (docs/deploy.md, "Topology: several nodes behind a proxy
// and a pooler"). On this machine it stands up
//
//   Chromium ─▶ HAProxy (round robin) ─┬─▶ node-a  scripts/server.mjs ─┐
//                                      └─▶ node-b  scripts/server.mjs ─┴─▶ PgBouncer (transaction) ─▶ PostgreSQL
//
// from Debian's haproxy and pgbouncer (installed with apt-get when missing), on free loopback ports,
// with configs generated from scripts/cluster/*.tmpl into a temp directory; then
//   1. a fresh database on PostgreSQL, migrated and seeded DIRECTLY (not through the pooler), as
//      scripts/e2e-server.mjs does for one node (seed + tests/e2e/fixtures/seed-*.ts);
//   2. both nodes started at once on the same build and secrets, DATABASE_URL → PgBouncer with
//      DATABASE_PREPARE=false, TRUSTED_PROXY_HOPS=1 (their first requests run the migration check
//      through the pooler, concurrently);
//   3. checks: consecutive requests through the proxy alternate between the nodes (X-Node-Id), the
//      proxy's request id reaches the node, PgBouncer carried the traffic;
//   4. the back-fill and certificate-query Playwright specs through the proxy (E2E_BASE_URL), then
//      both nodes' access logs must show the specs' traffic and no pooling errors;
//   5. a fresh client hits the captcha rate limit exactly at its limit across both nodes (the
//      counters live in PostgreSQL), whatever it claims in X-Forwarded-For.
// Prints "N passed, N failed" (scripts/test-summary.mjs); with TEST_STAGES_FILE set (.ci/run) it also
// appends its stages there, so the CI's final line adds them in. Removes processes, database and temp
// files on exit (logs are copied to tests/.artifacts/cluster/). Needs root or installed packages, a
// PostgreSQL server (CLUSTER_PG_URL, else DATABASE_URL's server, else 127.0.0.1:5432 user postgres)
// and Chromium (CHROMIUM_PATH, /usr/bin/chromium).
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDatabase, dropDatabase, probe, withDatabase } from "../pg-admin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
process.chdir(root);
const here = path.join(root, "scripts", "cluster");
const ART = path.join(root, "tests", ".artifacts");
const CLUSTER_ART = path.join(ART, "cluster");
const PW_JSON = path.join(ART, "playwright-cluster.json");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
// CLUSTER_SPECS (space-separated spec files) runs others instead, e.g. one spec while debugging.
const SPECS = process.env.CLUSTER_SPECS?.trim().split(/\s+/) ?? ["tests/e2e/backfill-flow.spec.ts", "tests/e2e/backfill-photo.spec.ts", "tests/e2e/certificate-query.spec.ts"];
const NODES = ["node-a", "node-b"];
const ROUND_ROBIN_REQUESTS = 12;

const log = (msg) => console.log(`cluster: ${msg}`);
const say = (msg) => console.log(`\n\x1b[1m== ${msg} ==\x1b[0m`);

// ---------------------------------------------------------------------------------------------
// Process and resource bookkeeping: everything started here is stopped by pid on any exit.
/** @type {{ name: string, child: import("node:child_process").ChildProcess }[]} */
const children = [];
let tmp = "";
let dbName = "";
let pgServer = "";
let cleaned = false;

async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  for (const { child } of [...children].reverse()) {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
  const deadline = Date.now() + 10_000;
  for (const { child } of children) {
    while (child.exitCode === null && child.signalCode === null && Date.now() < deadline) await sleep(100);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  }
  if (dbName) {
    await dropDatabase(pgServer, dbName).catch((e) => console.error(`cluster: could not drop ${dbName}: ${e.message}`));
  }
  if (tmp) {
    try {
      mkdirSync(CLUSTER_ART, { recursive: true });
      for (const f of readdirSync(tmp)) if (/\.(log|cfg|ini)$/.test(f)) cpSync(path.join(tmp, f), path.join(CLUSTER_ART, f));
    } catch {
      // the logs are a convenience
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().then(() => process.exit(130));
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

/** A free loopback port chosen by the kernel (ephemeral range: never 3100/3199/32xx used by others). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {net.AddressInfo} */ (s.address());
      s.close(() => resolve(port));
    });
  });
}

/** Starts a long-running child with stdout+stderr into `<tmp>/<name>.log`. */
function startChild(name, cmd, args, env) {
  const logFile = path.join(tmp, `${name}.log`);
  writeFileSync(logFile, "");
  const child = spawn(cmd, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout.on("data", (d) => appendFileSync(logFile, d));
  child.stderr.on("data", (d) => appendFileSync(logFile, d));
  child.on("exit", (code, signal) => {
    if (!cleaned) appendFileSync(logFile, `\n[cluster] ${name} exited (${signal ?? code})\n`);
  });
  children.push({ name, child });
  return { child, logFile };
}

/** Runs a command to completion with inherited output; resolves with its exit code. */
function run(cmd, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: "inherit" });
    children.push({ name: path.basename(cmd), child });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1)));
  });
}

async function waitFor(what, fn, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`${what}: process exited`);
    try {
      if (await fn()) return;
    } catch (e) {
      last = e instanceof Error ? e.message : String(e);
    }
    await sleep(300);
  }
  throw new Error(`${what}: not ready after ${timeoutMs / 1000}s${last ? ` (${last})` : ""}`);
}

const alive = (child) => () => child.exitCode === null && child.signalCode === null;
const fill = (template, vars) => template.replace(/\{\{([A-Z_]+)\}\}/g, (_, k) => {
  if (!(k in vars)) throw new Error(`template field ${k} has no value`);
  return String(vars[k]);
});
const tail = (file, n = 40) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").slice(-n).join("\n") : "");

// ---------------------------------------------------------------------------------------------
// Debian packages.
function findBinary(name) {
  for (const dir of ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"]) {
    const p = path.join(dir, name);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * apt-get install haproxy pgbouncer when missing. Debian's packages start their services on install
 * (pgbouncer on 127.0.0.1:6432): a policy-rc.d answering 101 for the duration of the install stops
 * that, unless the machine already has one. This script never uses those services.
 */
function ensurePackages() {
  const missing = ["haproxy", "pgbouncer"].filter((b) => !findBinary(b));
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) throw new Error(`${missing.join(", ")} missing; install as root: apt-get install -y ${missing.join(" ")}`);
  say(`apt-get install ${missing.join(" ")}`);
  const policy = "/usr/sbin/policy-rc.d";
  const ownPolicy = !existsSync(policy);
  if (ownPolicy) writeFileSync(policy, "#!/bin/sh\n# scripts/cluster/run.mjs: no service starts during its apt-get install\nexit 101\n", { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    let r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { stdio: "inherit", env });
    if (r.status !== 0) {
      spawnSync("apt-get", ["update"], { stdio: "inherit", env });
      r = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", ...missing], { stdio: "inherit", env });
    }
    if (r.status !== 0) throw new Error(`apt-get install ${missing.join(" ")} failed`);
  } finally {
    if (ownPolicy) rmSync(policy, { force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The checks. Each becomes one stage of the summary: check:<label>:<0|1> (one test: passed or failed)
// or playwright:<json>:<code>.
const stages = [];
const step = (label, ok) => stages.push(`check:${label}:${ok ? 0 : 1}`);

async function get(url, headers = {}) {
  const res = await fetch(url, { headers, redirect: "manual" });
  await res.arrayBuffer();
  return res;
}

/** One request from a chosen loopback source address (the proxy sees it as the client). */
function getFrom(url, localAddress, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { localAddress, headers, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, node: String(res.headers["x-node-id"] ?? "") }));
    });
    req.on("error", reject);
  });
}

/** Access-log lines of a node (pino JSON lines with msg "request"). */
function accessLines(logFile) {
  const out = [];
  for (const line of readFileSync(logFile, "utf8").split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const o = JSON.parse(line);
      if (o.msg === "request") out.push(o);
    } catch {
      // not JSON
    }
  }
  return out;
}

async function pgbouncerShow(port, what) {
  const r = spawnSync("psql", ["-X", "-A", "-F", "|", "-h", "127.0.0.1", "-p", String(port), "-U", "postgres", "-d", "pgbouncer", "-c", `SHOW ${what}`], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`psql SHOW ${what}: ${r.stderr.trim()}`);
  const [head, ...rows] = r.stdout.trim().split("\n").filter((l) => !/^\(\d+ rows?\)$/.test(l));
  const cols = head.split("|");
  return rows.map((row) => Object.fromEntries(row.split("|").map((v, i) => [cols[i], v])));
}

async function main() {
  say("scale-out check: 2 nodes · HAProxy round robin · PgBouncer (transaction pooling) · PostgreSQL");
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    say("next build (no .next/BUILD_ID)");
    const code = await run(process.execPath, [path.join(root, "node_modules", "next", "dist", "bin", "next"), "build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
    if (code !== 0) throw new Error("next build failed");
  }
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium missing at ${CHROMIUM} (apt-get install -y chromium fonts-noto-cjk)`);
  ensurePackages();
  const haproxyBin = findBinary("haproxy");
  const pgbouncerBin = findBinary("pgbouncer");
  log(`${execFileSync(haproxyBin, ["-v"], { encoding: "utf8" }).split("\n")[0]}`);
  log(`${execFileSync(pgbouncerBin, ["--version"], { encoding: "utf8" }).split("\n")[0]}`);

  // PostgreSQL and the run's database, migrated and seeded directly (the advisory-locked migration
  // and the seed are written for a direct session; the nodes below then only find nothing to do).
  pgServer = process.env.CLUSTER_PG_URL || (process.env.DATABASE_URL ? withDatabase(process.env.DATABASE_URL, "postgres") : "postgres://postgres@127.0.0.1:5432/postgres");
  if (!(await probe(pgServer))) throw new Error(`PostgreSQL does not answer at ${pgServer}`);
  const pg = new URL(pgServer);
  const pgUser = decodeURIComponent(pg.username || "postgres");
  dbName = `gz_cluster_${Date.now()}_${process.pid}`;
  const directUrl = await createDatabase(pgServer, dbName);
  log(`fresh database ${dbName}`);

  tmp = mkdtempSync(path.join(os.tmpdir(), "gz-cluster-"));
  // PgBouncer runs as an unprivileged user (it refuses root): the directory and configs must be readable.
  chmodSync(tmp, 0o755);

  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    CERT_SIGNING_SECRET: randomBytes(32).toString("base64url"),
    // AES-256-GCM key for the server actions' closed-over values, the same on every node.
    NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const baseEnv = {
    ...process.env,
    ...secrets,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    AUTH_TRUST_HOST: "true",
    // As scripts/e2e-server.mjs: every spec registers from 127.0.0.1.
    REGISTER_LIMIT_PER_HOUR: "1000",
  };
  delete baseEnv.PGLITE_DIR;
  delete baseEnv.NODE_ID;
  delete baseEnv.E2E_BASE_URL;

  say("migrate and seed directly on PostgreSQL");
  const tsx = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
  const seedEnv = { ...baseEnv, DATABASE_URL: directUrl };
  if ((await run(process.execPath, [tsx, "db/seed-cli.ts"], seedEnv)) !== 0) throw new Error("seeding failed");
  const fixtureDir = path.join(root, "tests", "e2e", "fixtures");
  for (const f of existsSync(fixtureDir) ? readdirSync(fixtureDir).filter((x) => /^seed-.*\.ts$/.test(x)).sort() : []) {
    if ((await run(process.execPath, [tsx, path.join(fixtureDir, f)], seedEnv)) !== 0) throw new Error(`fixture ${f} failed`);
  }

  const [proxyPort, poolerPort, ...nodePorts] = await Promise.all([freePort(), freePort(), ...NODES.map(() => freePort())]);
  const proxyUrl = `http://127.0.0.1:${proxyPort}`;

  // PgBouncer, transaction pooling, as the postgres user.
  say(`PgBouncer on 127.0.0.1:${poolerPort} (pool_mode = transaction) → ${pg.hostname}:${pg.port || 5432}/${dbName}`);
  const authFile = path.join(tmp, "userlist.txt");
  writeFileSync(authFile, `"${pgUser}" ""\n`, { mode: 0o644 });
  const alias = "gz";
  const pgbIni = path.join(tmp, "pgbouncer.ini");
  writeFileSync(
    pgbIni,
    fill(readFileSync(path.join(here, "pgbouncer.ini.tmpl"), "utf8"), {
      DB_ALIAS: alias,
      PG_HOST: pg.hostname,
      PG_PORT: pg.port || 5432,
      PG_DBNAME: dbName,
      POOLER_PORT: poolerPort,
      POOL_SIZE: 6,
      AUTH_FILE: authFile,
      PG_USER: pgUser,
    }),
    { mode: 0o644 },
  );
  const runAs = process.getuid?.() === 0 ? ["-u", existsSync("/var/lib/postgresql") ? "postgres" : "nobody"] : [];
  const pgb = startChild("pgbouncer", pgbouncerBin, [...runAs, pgbIni], baseEnv);
  await waitFor("pgbouncer", () => pgbouncerShow(poolerPort, "VERSION").then(() => true), 15_000, alive(pgb.child)).catch((e) => {
    throw new Error(`${e.message}\n${tail(pgb.logFile)}`);
  });
  const pooledUrl = `postgres://${encodeURIComponent(pgUser)}@127.0.0.1:${poolerPort}/${alias}`;

  // The two nodes: same build, same secrets, both at once.
  say(`nodes ${NODES.map((n, i) => `${n} on :${nodePorts[i]}`).join(", ")} (DATABASE_URL → PgBouncer, DATABASE_PREPARE=false)`);
  const nodes = NODES.map((id, i) =>
    startChild(id, process.execPath, [path.join(root, "scripts", "server.mjs"), "-p", String(nodePorts[i]), "-H", "127.0.0.1"], {
      ...baseEnv,
      NODE_ID: id,
      DATABASE_URL: pooledUrl,
      DATABASE_PREPARE: "false",
      TRUSTED_PROXY_HOPS: "1",
      AUTH_URL: proxyUrl,
    }),
  );
  // The first /api/ready of each node opens its pool and runs the migration check through PgBouncer,
  // both nodes concurrently (transaction-scoped lock, db/client.ts).
  await Promise.all(
    nodes.map((n, i) =>
      waitFor(`${NODES[i]} /api/ready`, async () => (await get(`http://127.0.0.1:${nodePorts[i]}/api/ready`)).status === 200, 120_000, alive(n.child)).catch((e) => {
        throw new Error(`${e.message}\n${tail(n.logFile)}`);
      }),
    ),
  );
  log("both nodes ready");

  // HAProxy, round robin, health-checking /api/ready.
  say(`HAProxy on ${proxyUrl} (balance roundrobin, check GET /api/ready)`);
  const haCfg = path.join(tmp, "haproxy.cfg");
  writeFileSync(
    haCfg,
    fill(readFileSync(path.join(here, "haproxy.cfg.tmpl"), "utf8"), {
      PROXY_PORT: proxyPort,
      SERVERS: NODES.map((id, i) => `    server ${id} 127.0.0.1:${nodePorts[i]} check`).join("\n"),
    }),
  );
  const check = spawnSync(haproxyBin, ["-c", "-f", haCfg], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy -c: ${check.stdout}${check.stderr}`);
  const ha = startChild("haproxy", haproxyBin, ["-db", "-f", haCfg], baseEnv);
  // Both servers must be up in HAProxy's eyes before round robin means anything.
  await waitFor("haproxy: both nodes answering", async () => {
    const seen = new Set();
    for (let i = 0; i < 4; i++) seen.add((await get(`${proxyUrl}/api/health`)).headers.get("x-node-id"));
    return NODES.every((n) => seen.has(n));
  }, 30_000, alive(ha.child)).catch((e) => {
    throw new Error(`${e.message}\n${tail(ha.logFile)}`);
  });

  // 1. Consecutive requests alternate between the nodes; the proxy's request id reaches the node.
  say(`round robin: ${ROUND_ROBIN_REQUESTS} consecutive requests through the proxy`);
  const ids = [];
  let requestIdOk = true;
  for (let i = 0; i < ROUND_ROBIN_REQUESTS; i++) {
    const res = await get(`${proxyUrl}/api/ready`, { "X-Request-Id": "client-chosen-id" });
    ids.push(`${res.status}:${res.headers.get("x-node-id")}`);
    const rid = res.headers.get("x-request-id") ?? "";
    // HAProxy replaced the client's id with its own unique-id (hex fields joined by "-").
    if (rid === "client-chosen-id" || !/^[0-9A-F]+(-[0-9A-F]+){5}$/.test(rid)) requestIdOk = false;
  }
  log(`nodes in order: ${ids.join(" ")}`);
  const alternating = ids.every((x, i) => x.startsWith("200:") && (i === 0 || x !== ids[i - 1]));
  const both = NODES.every((n) => ids.includes(`200:${n}`));
  log(`alternating: ${alternating}, both nodes: ${both}, proxy request id echoed: ${requestIdOk}`);
  step("cluster-round-robin", alternating && both);
  step("cluster-request-id", requestIdOk);

  // 2. The specs through the proxy.
  say(`Playwright through ${proxyUrl}: ${SPECS.map((s) => path.basename(s)).join(", ")}`);
  const before = nodes.map((n) => accessLines(n.logFile).length);
  mkdirSync(ART, { recursive: true });
  rmSync(PW_JSON, { force: true });
  const pwCode = await run(process.execPath, [path.join(root, "node_modules", "@playwright", "test", "cli.js"), "test", ...SPECS], {
    ...process.env,
    E2E_BASE_URL: proxyUrl,
    PW_JSON,
    PW_OUTPUT_DIR: "tests/.artifacts/e2e-cluster",
    CHROMIUM_PATH: CHROMIUM,
  });
  stages.push(`playwright:${PW_JSON}:${pwCode}`);

  // 3. Both nodes served the specs (access logs), and neither logged a pooling failure.
  const during = nodes.map((n, i) => accessLines(n.logFile).slice(before[i]));
  const byNode = during.map((lines, i) => {
    const actions = lines.filter((l) => l.method === "POST").length;
    return `${NODES[i]}: ${lines.length} requests (${actions} POST)`;
  });
  log(`access logs during the specs: ${byNode.join("; ")}`);
  step("cluster-both-nodes-served-specs", during.every((lines) => lines.filter((l) => l.method === "POST").length > 0));
  const poolingErrors = nodes.flatMap((n, i) =>
    readFileSync(n.logFile, "utf8")
      .split("\n")
      .filter((l) => /prepared statement .* (does not exist|already exists)|pg_advisory_unlock|you don't own a lock|cannot insert multiple commands into a prepared statement/i.test(l))
      .map((l) => `${NODES[i]}: ${l.slice(0, 300)}`),
  );
  for (const e of poolingErrors) console.error(`cluster: pooling error: ${e}`);
  step("cluster-no-pooling-errors", poolingErrors.length === 0);

  // 4. Rate limits are counted in PostgreSQL, so both nodes count one client together: a fresh client
  //    (another loopback source address) gets exactly the captcha limit (60 per 10 minutes) of
  //    challenges, alternately from both nodes, then 429 — also for requests claiming another address
  //    in X-Forwarded-For (TRUSTED_PROXY_HOPS=1 reads the address HAProxy appended).
  say("rate limit shared by both nodes: GET /api/captcha from 127.0.0.2 until 429");
  let served = 0;
  let refusedAt = 0;
  const limitNodes = new Set();
  for (let i = 1; i <= 70 && refusedAt === 0; i++) {
    const spoof = i % 2 === 0 ? { "X-Forwarded-For": `10.20.${i}.7` } : {};
    const r = await getFrom(`${proxyUrl}/api/captcha`, "127.0.0.2", spoof);
    limitNodes.add(r.node);
    if (r.status === 200) served++;
    else if (r.status === 429) refusedAt = i;
    else throw new Error(`/api/captcha answered ${r.status}`);
  }
  log(`${served} challenges served by ${[...limitNodes].sort().join(" and ")}, request ${refusedAt || "—"} refused with 429`);
  step("cluster-rate-limit-shared", served === 60 && refusedAt === 61 && NODES.every((n) => limitNodes.has(n)));

  // 5. PgBouncer carried it: transactions counted for the database, fewer server connections than clients.
  const stats = (await pgbouncerShow(poolerPort, "STATS")).find((r) => r.database === alias);
  const pools = (await pgbouncerShow(poolerPort, "POOLS")).find((r) => r.database === alias);
  const servers = (await pgbouncerShow(poolerPort, "SERVERS")).filter((r) => r.database === alias).length;
  const clients = (await pgbouncerShow(poolerPort, "CLIENTS")).filter((r) => r.database === alias).length;
  log(`PgBouncer: ${stats?.total_xact_count ?? "?"} transactions, ${stats?.total_query_count ?? "?"} queries for "${alias}"; ${clients} client connections, ${servers} server connections (pool_mode ${pools?.pool_mode ?? "?"})`);
  step("cluster-pgbouncer-carried-traffic", Number(stats?.total_xact_count ?? 0) > 0 && pools?.pool_mode === "transaction" && servers <= 6);
}

let exitCode = 0;
try {
  await main();
} catch (err) {
  console.error(`cluster: ${err instanceof Error ? err.message : err}`);
  step("cluster-setup", false);
}
await cleanup();
if (process.env.TEST_STAGES_FILE) appendFileSync(process.env.TEST_STAGES_FILE, stages.map((s) => `${s}\n`).join(""));
console.log();
const summary = spawnSync(process.execPath, [path.join(root, "scripts", "test-summary.mjs"), ...stages], { stdio: "inherit" });
exitCode = summary.status ?? 1;
process.exit(exitCode);
