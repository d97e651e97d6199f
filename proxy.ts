import NextAuth from "next-auth";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { authConfig } from "@/auth.config";
import { refuseMalformedRequest } from "@/lib/http/malformed-request";

// Gating here only refreshes the session cookie (sliding idle timeout) and sends anonymous visitors
// to /login. Real authorization happens on the server in every layout, action and route handler.
const { auth } = NextAuth(authConfig);
const refreshSession = auth as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response | undefined>;

export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  // Requests Next.js would answer with a 500 (bad escapes, junk router headers or action payloads): 400.
  const malformed = await refuseMalformedRequest(req);
  if (malformed) return malformed;
  // Auth.js routes are in the matcher only for the check above: they manage their own cookie.
  if (req.nextUrl.pathname.startsWith("/api/auth/")) return NextResponse.next();
  // Only page loads slide the session: on a POST (server action) the refreshed cookie would race
  // with what the action itself sets — signing out would then leave the session alive.
  if (req.method !== "GET" && req.method !== "HEAD") return NextResponse.next();
  // Prefetches are not user activity and, in flight during sign-out, would revive the cookie.
  if (req.headers.has("next-router-prefetch") || req.headers.get("purpose") === "prefetch") return NextResponse.next();
  return (await refreshSession(req, ev)) ?? NextResponse.next();
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
