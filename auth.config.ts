import type { NextAuthConfig } from "next-auth";
import { verifyGrantSwitch } from "@/lib/auth/grant-switch";
import { isRole, ROLES } from "@/lib/roles";

export const IDLE_TIMEOUT_SEC = 30 * 60;
export const ABSOLUTE_TIMEOUT_SEC = 12 * 60 * 60;

const AREA_PREFIXES = ["/person", "/unit", "/dept", "/hrss", "/self-unit", "/expert", "/committee", "/workspace"];

/**
 * Edge-safe part of the configuration (no database, no providers), shared by proxy.ts and auth.ts.
 * The JWT expires 30 minutes after the last request (idle timeout) because every request through
 * the proxy re-issues it; the absolute limit is enforced from the login time kept in the token.
 */
export const authConfig = {
  trustHost: true,
  // Errors of the SSO flow (state, provider) land on the login page too, which shows a Chinese message.
  pages: { signIn: "/login", error: "/login" },
  session: { strategy: "jwt", maxAge: IDLE_TIMEOUT_SEC, updateAge: 0 },
  providers: [],
  logger: {
    error(error) {
      // A wrong password is not a server error; authenticate() audits it.
      const type = (error as { type?: string }).type;
      if (type === "CredentialsSignin") return;
      console.error("[auth]", error);
    },
  },
  callbacks: {
    authorized({ auth, request }) {
      const path = request.nextUrl.pathname;
      const protectedArea = AREA_PREFIXES.some((p) => path === p || path.startsWith(p + "/"));
      return protectedArea ? Boolean(auth?.user) : true;
    },
    async jwt({ token, user, trigger, session }) {
      const now = Math.floor(Date.now() / 1000);
      // Grant switch (lib/auth/grant-switch.ts): only with the switch action's ticket for this user.
      if (trigger === "update") {
        const grantId = await verifyGrantSwitch((session as { grantSwitch?: unknown } | undefined)?.grantSwitch, token.uid);
        if (grantId) token.grantId = grantId;
      }
      if (user) {
        const u = user as { id?: string; role?: string; orgId?: string | null; sessionVersion?: number };
        token.uid = u.id;
        token.role = u.role;
        token.orgId = u.orgId ?? null;
        token.sv = u.sessionVersion;
        token.loginAt = now;
        token.sid = crypto.randomUUID();
        // A login acts under the default grant (lib/auth/grants.ts): no grant id until a switch.
        delete token.grantId;
      }
      if (typeof token.loginAt !== "number" || now - token.loginAt > ABSOLUTE_TIMEOUT_SEC) return null;
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === "string" && isRole(token.role)) {
        session.user.id = token.uid;
        session.user.role = token.role;
        session.user.orgId = typeof token.orgId === "string" ? token.orgId : null;
        session.user.sessionVersion = typeof token.sv === "number" ? token.sv : 0;
        session.user.grantId = typeof token.grantId === "string" ? token.grantId : null;
        session.user.sid = typeof token.sid === "string" ? token.sid : null;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

export { ROLES };
