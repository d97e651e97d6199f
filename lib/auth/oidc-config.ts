/**
 * Provincial single sign-on (docs/domain.md §11 "Single sign-on"), configured by environment.
 * Without SSO_ISSUER, SSO_CLIENT_ID and SSO_CLIENT_SECRET there is no provider and no button.
 * Edge-safe: no database, no Auth.js import (the login page reads the button label from here).
 */

export const SSO_PROVIDER_ID = "sso";
export const DEFAULT_SSO_NAME = "贵州政务服务网统一身份认证";

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the login button. */
  name: string;
  scope: string;
  /** Which userinfo claims carry the verified 身份证号, the name and the phone number. */
  claims: { idNumber: string; name: string; phone: string };
};

type Env = Record<string, string | undefined>;

function env(key: string, source: Env): string | undefined {
  const value = source[key]?.trim();
  return value ? value : undefined;
}

/** The SSO configuration, or null when SSO is off. A half-configured SSO is an error, not silently off. */
export function ssoConfig(source: Env = process.env): SsoConfig | null {
  const issuer = env("SSO_ISSUER", source);
  const clientId = env("SSO_CLIENT_ID", source);
  const clientSecret = env("SSO_CLIENT_SECRET", source);
  if (!issuer && !clientId && !clientSecret) return null;
  if (!issuer || !clientId || !clientSecret) {
    throw new Error("SSO_ISSUER, SSO_CLIENT_ID and SSO_CLIENT_SECRET must be set together (or none of them)");
  }
  return {
    // Kept exactly as given: it must equal the `iss` the provider signs.
    issuer,
    clientId,
    clientSecret,
    name: env("SSO_NAME", source) ?? DEFAULT_SSO_NAME,
    scope: env("SSO_SCOPE", source) ?? "openid profile",
    claims: {
      idNumber: env("SSO_CLAIM_ID_NUMBER", source) ?? "id_number",
      name: env("SSO_CLAIM_NAME", source) ?? "name",
      phone: env("SSO_CLAIM_PHONE", source) ?? "phone_number",
    },
  };
}

/** The origin the browser is sent to for SSO (the CSP's form-action allows it), or null. */
export function ssoIssuerOrigin(source: Env = process.env): string | null {
  try {
    const config = ssoConfig(source);
    return config ? new URL(config.issuer).origin : null;
  } catch {
    return null;
  }
}
