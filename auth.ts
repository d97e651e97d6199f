import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authConfig } from "@/auth.config";
import { getDb } from "@/db/client";
import { authenticate } from "@/lib/auth/login";
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
  ],
});
