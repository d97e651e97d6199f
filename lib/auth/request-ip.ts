import { trustedProxyHops } from "@/scripts/forwarded-headers.mjs";

const ADDRESS = /^[0-9A-Fa-f:.]{2,45}$/;

function hopsFromEnv(): number {
  try {
    return trustedProxyHops();
  } catch {
    // scripts/server.mjs refuses to start with a bad value; elsewhere trust no proxy.
    return 0;
  }
}

/**
 * The one client address used by every throttle, rate limit and audit row (docs/domain.md §11).
 * X-Forwarded-For is read from the right: the rightmost entry is the socket peer (appended by
 * scripts/server.mjs), each trusted proxy (TRUSTED_PROXY_HOPS) added one entry before it, so the
 * client is `hops` entries from the right. Entries further left are whatever the client sent and are
 * ignored. A chain shorter than expected (a request that bypassed the proxies) yields its leftmost entry.
 */
export function clientIpFromHeaders(headers: Headers, hops: number = hopsFromEnv()): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (chain.length === 0) return null;
  const address = chain[Math.max(chain.length - 1 - hops, 0)];
  return ADDRESS.test(address) ? address : null;
}

/** Whether the request reached the first trusted hop over https (same trust rule as the address). */
export function requestIsHttps(headers: Headers): boolean {
  const proto = (headers.get("x-forwarded-proto") ?? "").split(",").at(-1)?.trim().toLowerCase();
  return proto === "https";
}
