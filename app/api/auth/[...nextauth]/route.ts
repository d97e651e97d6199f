import type { NextRequest } from "next/server";
import { handlers } from "@/auth";
import { getDb } from "@/db/client";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/oidc-config";
import { auditSsoFailure, ssoCallbackErrorCode } from "@/lib/auth/oidc-login";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";

export const { POST } = handlers;

/**
 * Auth.js's handler; a failed SSO callback (state/nonce/PKCE check, token exchange, an IdP error) also
 * gets its audit row here, since Auth.js reports it only as a redirect to /login?error=… .
 */
export async function GET(req: NextRequest): Promise<Response> {
  const res = await handlers.GET(req);
  const sso = ssoConfig();
  if (sso && req.nextUrl.pathname === `/api/auth/callback/${SSO_PROVIDER_ID}`) {
    const code = ssoCallbackErrorCode(res.headers.get("location"));
    if (code) await auditSsoFailure(await getDb(), sso.issuer, null, "callback_error", clientIpFromHeaders(req.headers), { error: code });
  }
  return res;
}
