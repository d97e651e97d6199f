// Shared by scripts/server.mjs and lib/auth/request-ip.ts (docs/domain.md §11 "Client address").
// Next's own server only fills in X-Forwarded-For when the request has none, so a client that sends
// the header would choose its own address. The production server therefore acts as the last proxy:
// it appends the socket's peer, like every proxy in front of it did.

/** How many reverse proxies in front of the app are trusted (TRUSTED_PROXY_HOPS, default 0). */
export function trustedProxyHops(env = process.env) {
  const raw = (env.TRUSTED_PROXY_HOPS ?? "").trim();
  if (raw === "") return 0;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`TRUSTED_PROXY_HOPS must be an integer 0–10, got "${raw}"`);
  return n;
}

/** "::ffff:1.2.3.4" (an IPv4 peer on a dual-stack socket) → "1.2.3.4". */
export function plainAddress(address) {
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

/**
 * Rewrites the forwarding headers of an incoming request (node:http IncomingMessage) before Next sees
 * it: the socket's peer is appended to X-Forwarded-For; with no trusted proxy, the protocol comes from
 * the socket and a client-sent X-Forwarded-Host/Port is dropped. X-Real-IP is never trusted.
 * @param {import("node:http").IncomingMessage} req
 * @param {number} hops
 */
export function recordPeer(req, hops) {
  const peer = plainAddress(req.socket.remoteAddress ?? "");
  const prior = req.headers["x-forwarded-for"];
  if (peer) req.headers["x-forwarded-for"] = prior ? `${prior}, ${peer}` : peer;
  else delete req.headers["x-forwarded-for"];
  delete req.headers["x-real-ip"];
  if (hops === 0) {
    req.headers["x-forwarded-proto"] = "encrypted" in req.socket && req.socket.encrypted ? "https" : "http";
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-port"];
  }
}
