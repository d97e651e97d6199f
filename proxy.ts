import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/auth.config";
import { requestIsHttps } from "@/lib/auth/request-ip";
import { contentSecurityPolicy, createNonce, requestHeadersWithNonce, withSecurityHeaders } from "@/lib/http/csp";
import { refuseMalformedRequest } from "@/lib/http/malformed-request";

// Gating here only refreshes the session cookie (sliding idle timeout) and sends anonymous visitors
// to /login. Real authorization happens on the server in every layout, action and route handler.
const { auth } = NextAuth(authConfig);
const refreshSession = auth as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response | undefined>;

async function sessionResponse(req: NextRequest, ev: NextFetchEvent, requestHeaders: Headers): Promise<Response> {
  const forward = () => NextResponse.next({ request: { headers: requestHeaders } });
  // Auth.js routes are in the matcher only for the malformed-request check: they manage their own cookie.
  if (req.nextUrl.pathname.startsWith("/api/auth/")) return forward();
  // Only page loads slide the session: on a POST (server action) the refreshed cookie would race
  // with what the action itself sets — signing out would then leave the session alive.
  if (req.method !== "GET" && req.method !== "HEAD") return forward();
  // Prefetches are not user activity and, in flight during sign-out, would revive the cookie.
  if (req.headers.has("next-router-prefetch") || req.headers.get("purpose") === "prefetch") return forward();
  const res = await refreshSession(req, ev);
  if (!res || res.headers.get("x-middleware-next") !== "1") return res ?? forward();
  // Auth.js passed the request on: pass it on with the nonce headers, keeping its session cookie.
  const next = forward();
  for (const cookie of res.headers.getSetCookie()) next.headers.append("set-cookie", cookie);
  return next;
}

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const nonce = createNonce();
  const csp = contentSecurityPolicy(nonce);
  const https = requestIsHttps(req.headers);
  // Requests Next.js would answer with a 500 (bad escapes, junk router headers or action payloads): 400.
  const malformed = await refuseMalformedRequest(req);
  if (malformed) return withSecurityHeaders(malformed, csp, https);
  const res = await sessionResponse(req, ev, requestHeadersWithNonce(req.headers, nonce, csp));
  return withSecurityHeaders(res, csp, https);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
