/**
 * Route handlers get no CSRF protection from Next (docs/stack.md): a mutating handler must see a
 * same-origin browser request. Fetch metadata first (Sec-Fetch-Site), else the Origin header.
 * Downloads (`allowNavigation`) also accept a typed-in URL or a bookmark ("none").
 */
export function isSameOriginRequest(req: Request, opts: { allowNavigation?: boolean } = {}): boolean {
  const site = req.headers.get("sec-fetch-site");
  if (site) return site === "same-origin" || (opts.allowNavigation === true && site === "none");
  const origin = req.headers.get("origin");
  if (!origin) return opts.allowNavigation === true;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
