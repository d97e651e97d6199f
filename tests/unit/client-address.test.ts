import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientIpFromHeaders, requestIsHttps } from "@/lib/auth/request-ip";
import { recordPeer, trustedProxyHops } from "@/scripts/forwarded-headers.mjs";

/** What a route handler sees after scripts/server.mjs received `sent` from the socket peer `peer`. */
function arriving(sent: Record<string, string>, peer: string, hops: number): Headers {
  const req = { headers: { ...sent }, socket: { remoteAddress: peer } } as unknown as IncomingMessage;
  recordPeer(req, hops);
  return new Headers(req.headers as Record<string, string>);
}

const spoofs: Record<string, string>[] = [
  {},
  { "x-forwarded-for": "198.51.100.7" },
  { "x-forwarded-for": "198.51.100.7, 203.0.113.5" },
  { "x-forwarded-for": "10.1.2.3, 10.1.2.4, 10.1.2.5" },
  { "x-forwarded-for": "not-an-address" },
  { "x-real-ip": "198.51.100.9" },
];

describe("client address", () => {
  it("with no trusted proxy is the socket peer, whatever X-Forwarded-For or X-Real-IP the client sends", () => {
    for (const sent of spoofs) expect(clientIpFromHeaders(arriving(sent, "203.0.113.5", 0), 0)).toBe("203.0.113.5");
    expect(clientIpFromHeaders(arriving({}, "::ffff:203.0.113.5", 0), 0)).toBe("203.0.113.5");
  });

  it("behind one trusted proxy is the address that proxy appended, not a fake first hop", () => {
    // nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for (appends the client it saw).
    for (const sent of spoofs) {
      const viaProxy = { "x-forwarded-for": [sent["x-forwarded-for"], "203.0.113.5"].filter(Boolean).join(", ") };
      expect(clientIpFromHeaders(arriving(viaProxy, "10.0.0.2", 1), 1)).toBe("203.0.113.5");
    }
    // A request that reached the app directly, bypassing the proxy, still gives its real peer.
    expect(clientIpFromHeaders(arriving({}, "203.0.113.6", 1), 1)).toBe("203.0.113.6");
  });

  it("takes https only from the socket with no trusted proxy, and from the proxy's header behind one", () => {
    expect(requestIsHttps(arriving({ "x-forwarded-proto": "https" }, "203.0.113.5", 0))).toBe(false);
    expect(requestIsHttps(arriving({ "x-forwarded-proto": "https" }, "10.0.0.2", 1))).toBe(true);
    expect(requestIsHttps(arriving({ "x-forwarded-proto": "http" }, "10.0.0.2", 1))).toBe(false);
  });

  it("reads TRUSTED_PROXY_HOPS, defaulting to no trusted proxy, and rejects a value that is not a small integer", () => {
    expect(trustedProxyHops({})).toBe(0);
    expect(trustedProxyHops({ TRUSTED_PROXY_HOPS: "2" })).toBe(2);
    expect(() => trustedProxyHops({ TRUSTED_PROXY_HOPS: "yes" })).toThrow("TRUSTED_PROXY_HOPS");
  });
});
