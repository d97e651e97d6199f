import type { OIDCConfig } from "next-auth/providers";
import { SSO_PROVIDER_ID, type SsoConfig } from "./oidc-config";

/**
 * The Auth.js provider of the provincial SSO: authorization code flow with PKCE, state and nonce; the
 * ID token is validated (issuer, audience, signature, nonce) and the claims are then read from the
 * userinfo endpoint (`idToken: false`), where IdPs put the profile claims of a code flow.
 */
export function ssoProvider(config: SsoConfig): OIDCConfig<Record<string, unknown>> {
  return {
    id: SSO_PROVIDER_ID,
    name: config.name,
    type: "oidc",
    issuer: config.issuer,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    checks: ["pkce", "state", "nonce"],
    idToken: false,
    authorization: { params: { scope: config.scope } },
    profile(claims) {
      const name = claims[config.claims.name];
      return { id: typeof claims.sub === "string" ? claims.sub : "", name: typeof name === "string" ? name : null };
    },
  };
}
