import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { headers } from "next/headers";
import { authConfig } from "@/auth.config";
import { getDb } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/oidc-config";
import { auditSsoFailure, findSsoUser, readSsoIdentity, signInWithSso } from "@/lib/auth/oidc-login";
import { ssoProvider } from "@/lib/auth/oidc-provider";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { isSafeText } from "@/lib/validation/text";

/**
 * Carries the failure reason to the login action ("throttled:12", "invalid" …). Auth.js also puts the
 * code in the redirect URL of its own credentials endpoint, so it says no more than the message does.
 */
class LoginRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

// Provincial SSO only when configured (docs/domain.md §11 "Single sign-on").
const sso = ssoConfig();

// unstable_update: the grant switch (app/_area/grant-actions.ts) writes the active grant into the JWT.
export const { handlers, auth, signIn, signOut, unstable_update } = NextAuth({
  ...authConfig,
  providers: [
    Credentials({
      credentials: { identifier: {}, password: {} },
      async authorize(credentials, request) {
        const identifier = typeof credentials.identifier === "string" ? credentials.identifier : "";
        const password = typeof credentials.password === "string" ? credentials.password : "";
        // The identifier is audited: text the rule refuses (NUL …) is refused here (docs/domain.md §10).
        if (!identifier || !password || !isSafeText(identifier)) throw new LoginRefused("invalid");
        const db = await getDb();
        const result = await authenticate(db, identifier, password, clientIpFromHeaders(request.headers));
        if (!result.ok) {
          const extra = result.retryAfterMinutes;
          throw new LoginRefused(extra !== undefined ? `${result.reason}:${extra}` : result.reason);
        }
        return { ...result.user, id: result.user.id, name: result.user.name };
      },
    }),
    ...(sso ? [ssoProvider(sso)] : []),
  ],
  callbacks: {
    ...authConfig.callbacks,
    /** SSO: find, link or create the local account; a refusal goes back to /login with its reason. */
    async signIn({ account, profile }) {
      if (account?.provider !== SSO_PROVIDER_ID || !sso) return true;
      const db = await getDb();
      // Runs inside the /api/auth/callback/sso request: its headers give the trusted client address.
      const ip = clientIpFromHeaders(await headers());
      const read = readSsoIdentity(sso, account.providerAccountId, profile ?? {});
      if (!read.ok) {
        await auditSsoFailure(db, sso.issuer, account.providerAccountId || null, read.reason, ip, read.detail);
        return `/login?sso=${read.reason}`;
      }
      const result = await signInWithSso(db, read.identity, ip);
      return result.ok ? true : `/login?sso=${result.reason}`;
    },
    /** The token of an SSO login is issued for the local account signIn linked, not the IdP's profile. */
    async jwt(params) {
      if (params.user && params.account?.provider === SSO_PROVIDER_ID && sso) {
        const local = await findSsoUser(await getDb(), sso.issuer, params.account.providerAccountId);
        if (!local) return null;
        return authConfig.callbacks.jwt({ ...params, user: local });
      }
      return authConfig.callbacks.jwt(params);
    },
  },
});
