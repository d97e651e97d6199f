// The request id and the per-request context every log line carries (docs/deploy.md, "Logs, health
// and backups"). scripts/server.mjs opens the context around each request; lib/log.ts reads it. The
// store lives on globalThis because Next bundles lib/ separately from this file: both copies must see
// the same AsyncLocalStorage.
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";

const KEY = Symbol.for("gz.requestContext");
const holder = /** @type {Record<symbol, AsyncLocalStorage<{ requestId: string }> | undefined>} */ (globalThis);
const storage = (holder[KEY] ??= new AsyncLocalStorage());

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The proxy's X-Request-Id when it is ≤ 64 characters of [A-Za-z0-9._-], else a fresh random id. */
export function requestIdFrom(header) {
  return typeof header === "string" && REQUEST_ID.test(header) ? header : newRequestId();
}

export function newRequestId() {
  return randomUUID();
}

/** Run `fn` with `requestId` as the current request's id (for every log line written inside it). */
export function runWithRequestId(requestId, fn) {
  return storage.run({ requestId }, fn);
}

/** The current request's id, or undefined outside a request (scripts, tests, `next dev`). */
export function currentRequestId() {
  return storage.getStore()?.requestId;
}
