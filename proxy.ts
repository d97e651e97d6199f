import NextAuth from "next-auth";
import { authConfig } from "@/auth.config";

// Gating here only refreshes the session cookie and sends anonymous visitors to /login.
// Real authorization happens on the server in every layout, action and route handler.
const { auth } = NextAuth(authConfig);
export const proxy = auth;

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/auth).*)"],
};
