import { ssoIssuerOrigin } from "@/lib/auth/oidc-config";

/**
 * Per-request security headers set by proxy.ts (docs/domain.md §11 "Headers").
 *
 * Scripts: a fresh nonce per request with 'strict-dynamic' — Next reads the nonce from the request's
 * Content-Security-Policy header and puts it on its own inline bootstrap scripts; the chunks they load
 * are trusted through 'strict-dynamic'. No 'unsafe-inline' for scripts; 'unsafe-eval' only in
 * development (React's dev tooling). Styles keep 'unsafe-inline': React renders `style` attributes
 * (photo tool, progress bars) and Next inserts inline <style> tags without a nonce; a style injection
 * cannot run code.
 */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * `formAction` adds the SSO issuer's origin (lib/auth/oidc-config.ts): the SSO button is a form whose
 * answer redirects to the IdP, and form-action also governs the redirects after a form submission.
 */
export function contentSecurityPolicy(nonce: string, dev = process.env.NODE_ENV !== "production", formAction: string | null = ssoIssuerOrigin()): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'` + (dev ? " 'unsafe-eval'" : ""),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    // The captcha's proof-of-work Web Worker is a same-origin chunk; under 'strict-dynamic' the
    // 'self' of script-src no longer covers it, so workers get their own directive.
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'" + (formAction ? ` ${formAction}` : ""),
    "frame-ancestors 'none'",
  ].join("; ");
}

export const HSTS = "max-age=31536000; includeSubDomains";

/** The request headers the page renders with: Next takes the nonce from them. */
export function requestHeadersWithNonce(headers: Headers, nonce: string, csp: string): Headers {
  const out = new Headers(headers);
  out.set("x-nonce", nonce);
  out.set("content-security-policy", csp);
  return out;
}

/**
 * Adds the CSP to a response, and HSTS only when the request arrived over https by the trusted
 * protocol (lib/auth/request-ip.ts): a browser ignores HSTS over http, and a spoofed proto must not set it.
 */
export function withSecurityHeaders(res: Response, csp: string, https: boolean): Response {
  res.headers.set("Content-Security-Policy", csp);
  if (https) res.headers.set("Strict-Transport-Security", HSTS);
  else res.headers.delete("Strict-Transport-Security");
  return res;
}
