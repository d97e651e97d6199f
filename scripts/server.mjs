#!/usr/bin/env node
// `npm start`: the production server. Next runs in-process behind a plain node:http server that
// records the connection's peer address in X-Forwarded-For (scripts/forwarded-headers.mjs), so the
// client address can be trusted (TRUSTED_PROXY_HOPS; docs/domain.md §11). Needs `next build` first.
// Usage: node scripts/server.mjs [-p PORT] [-H HOST]   (defaults: $PORT or 3000, $HOSTNAME or 0.0.0.0)
import http from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { recordPeer, trustedProxyHops } from "./forwarded-headers.mjs";
import pino from "pino";
import { requestIdFrom, runWithRequestId } from "./request-context.mjs";
import { isValidRouterStateHeader } from "./router-state.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const argValue = (flag) => {
  const i = process.argv.indexOf(flag);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const port = Number(argValue("-p") ?? process.env.PORT ?? 3000);
const hostname = argValue("-H") ?? process.env.HOSTNAME ?? "0.0.0.0";
const hops = trustedProxyHops();
// NODE_ID (optional): names this process on every response as X-Node-Id, so an operator (and
// scripts/cluster/run.mjs) can tell which node behind the load balancer answered. Unset: no header.
const nodeId = /^[A-Za-z0-9._-]{1,32}$/.test(process.env.NODE_ID ?? "") ? process.env.NODE_ID : undefined;
// The access log: one JSON line per request, with the same reqId as the app's lines (lib/log.ts).
// Only method, path (no query string: it may hold personal data), status and duration.
const accessLog = pino({ base: { service: "gz-zhicheng" }, timestamp: pino.stdTimeFunctions.isoTime });

process.env.NODE_ENV = "production";
const { default: next } = await import("next");
const app = next({ dev: false, dir: root, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

function serve(req, res) {
  recordPeer(req, hops);
  // Next parses this header before proxy.ts runs and answers a bad one with a 500 (docs/domain.md §10).
  const stateTree = req.headers["next-router-state-tree"];
  if (typeof stateTree === "string" && !isValidRouterStateHeader(stateTree)) {
    res.writeHead(400, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
    res.end(JSON.stringify({ ok: false, message: "请求格式无效" }));
    return;
  }
  void handle(req, res);
}

http
  .createServer((req, res) => {
    // Every log line of this request carries this id; the response echoes it (docs/deploy.md).
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("X-Request-Id", requestId);
    if (nodeId) res.setHeader("X-Node-Id", nodeId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const pathOnly = (req.url ?? "/").split("?")[0];
      accessLog.info({ reqId: requestId, ...(nodeId ? { node: nodeId } : {}), method: req.method, path: pathOnly, status: res.statusCode, ms: Math.round(ms) }, "request");
    });
    runWithRequestId(requestId, () => serve(req, res));
  })
  .listen(port, hostname, () => {
    accessLog.info({ port, hostname, trustedProxyHops: hops, ...(nodeId ? { node: nodeId } : {}) }, `> Ready on http://${hostname}:${port}`);
  });

