// `npm run quickstart [-- --rebuild]`: install, build, migrate + seed, then serve on http://localhost:$PORT.
// Steps run one after another on purpose: PGlite takes no cross-process lock, so the seed step must
// have finished (and closed the data directory) before the server opens it.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { ensureEnvLocal, readEnvLocal, root } from "./prepare-env.mjs";

const port = Number(process.env.PORT || 3000);
const rebuildAsked = process.argv.includes("--rebuild");
const isWindows = process.platform === "win32";
const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const tsxBin = path.join(root, "node_modules", "tsx", "dist", "cli.mjs");
const stampFile = path.join(root, ".next", ".gz-build-head");

function step(message) {
  console.log(`\n▶ ${message}`);
}

function fail(message, code = 1) {
  console.error(`\n✖ ${message}`);
  process.exit(code);
}

function run(cmd, args, env) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env, shell: isWindows && cmd === "npm" });
  if (r.status !== 0) fail(`命令失败：${cmd} ${args.join(" ")}`, r.status ?? 1);
}

// --- 0. Node version -------------------------------------------------------------------------
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 20 || (major === 20 && minor < 19)) fail(`需要 Node.js 20.19 或更高版本，当前为 ${process.versions.node}`);

// --- 1. Dependencies -------------------------------------------------------------------------
if (!existsSync(path.join(root, "node_modules", ".package-lock.json")) || !existsSync(nextBin) || !existsSync(tsxBin)) {
  step("安装依赖（npm ci）…");
  run("npm", ["ci"], process.env);
}

// --- 2. Secrets ------------------------------------------------------------------------------
if (ensureEnvLocal()) console.log("已生成 .env.local（AUTH_SECRET、CERT_SIGNING_SECRET、AUTH_TRUST_HOST），该文件不会提交到 Git。");
// Real environment variables win over .env.local, as in Next itself; the seed sees the same DATABASE_URL.
const env = { ...readEnvLocal(), ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

// --- 3. Refuse to share the database with a server that is already running ---------------------
const portFree = await new Promise((resolve) => {
  const probe = net.createServer();
  probe.once("error", () => resolve(false));
  probe.once("listening", () => probe.close(() => resolve(true)));
  probe.listen(port);
});
if (!portFree) {
  fail(`端口 ${port} 已被占用（平台可能已经在运行）。请先停止它，或用 PORT=3001 npm run quickstart 换一个端口。`);
}

// --- 4. Build when needed ---------------------------------------------------------------------
function gitHead() {
  const r = spawnSync("git", ["rev-parse", "HEAD"], { cwd: root, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : "no-git";
}

const SOURCES = ["app", "components", "lib", "db", "drizzle", "public"];
const ROOT_FILES = ["next.config.mjs", "package.json", "package-lock.json", "postcss.config.mjs", "proxy.ts", "auth.ts", "auth.config.ts", "instrumentation.ts"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function buildReason() {
  if (rebuildAsked) return "按 --rebuild 要求";
  if (!existsSync(path.join(root, ".next", "BUILD_ID")) || !existsSync(stampFile)) return "尚未构建";
  if (readFileSync(stampFile, "utf8").trim() !== gitHead()) return "代码版本已变化";
  const stampTime = statSync(stampFile).mtimeMs;
  const sourceTime = Math.max(...[...SOURCES, ...ROOT_FILES].map((p) => newestMtime(path.join(root, p))));
  if (sourceTime > stampTime) return "源文件有改动";
  return null;
}

const reason = buildReason();
if (reason) {
  step(`构建应用（${reason}，约 1 分钟）…`);
  run(process.execPath, [nextBin, "build"], env);
  writeFileSync(stampFile, gitHead() + "\n");
} else {
  console.log("构建已是最新，跳过（强制重新构建：npm run quickstart -- --rebuild）。");
}

// --- 5. Migrate + seed (runs to completion before the server opens the database) -------------
step(env.DATABASE_URL ? "迁移数据库并写入演示数据（PostgreSQL）…" : `迁移数据库并写入演示数据（内嵌 PGlite：${env.PGLITE_DIR ?? ".data/pglite"}）…`);
const seed = spawnSync(process.execPath, [tsxBin, "db/seed-cli.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
if (seed.status !== 0) {
  process.stdout.write(seed.stdout ?? "");
  fail("迁移或写入演示数据失败。", seed.status ?? 1);
}

// --- 6. Serve ----------------------------------------------------------------------------------
step("启动服务器…");
const server = spawn(process.execPath, [path.join(root, "scripts", "server.mjs"), "-p", String(port)], { cwd: root, env, stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    if (server.exitCode === null) server.kill(sig);
  });
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 0 : 1)));

async function waitUntilReady(timeoutMs) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && server.exitCode === null) {
    try {
      await fetch(`http://127.0.0.1:${port}/`, { redirect: "manual", signal: AbortSignal.timeout(5000) });
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  return false;
}

if (await waitUntilReady(60_000)) {
  const bar = "─".repeat(60);
  console.log(`\n${bar}\n平台已启动：http://localhost:${port}\n\n${seed.stdout.trim()}\n\n按 Ctrl+C 停止。\n${bar}\n`);
} else if (server.exitCode === null) {
  console.log(`\n服务器 60 秒内未响应 http://localhost:${port}，请查看上面的日志。`);
}
