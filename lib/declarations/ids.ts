const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A route segment that can name a declaration (a malformed one answers 404, never 500). */
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}
