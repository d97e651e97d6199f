// The `Next-Router-State-Tree` request header check, shared by lib/http/malformed-request.ts (proxy.ts)
// and scripts/server.mjs. Next answers a header it cannot parse with a 500; with the custom server it
// parses the header before proxy.ts runs, so the server checks it first and answers 400 itself.

/** Next refuses a router state header over ~40 kB. */
const MAX_STATE_TREE = 40_000;
const SEGMENT_TYPES = new Set(["c", "ci(..)(..)", "ci(.)", "ci(..)", "ci(...)", "oc", "d", "di(..)(..)", "di(.)", "di(..)", "di(...)"]);
const REFRESH_MARKERS = new Set(["refetch", "inside-shared-layout", "metadata-only"]);

const isString = (v) => typeof v === "string";
const isObject = (v) => typeof v === "object" && v !== null && !Array.isArray(v);

function isSegment(v) {
  if (isString(v)) return true;
  return (
    Array.isArray(v) &&
    v.length === 4 &&
    isString(v[0]) &&
    isString(v[1]) &&
    isString(v[2]) &&
    SEGMENT_TYPES.has(v[2]) &&
    (v[3] === null || (Array.isArray(v[3]) && v[3].every(isString)))
  );
}

/** The same shape as Next's `flightRouterStateSchema` (superstruct tuple: extra elements refused). */
function isRouterState(v, depth) {
  if (!Array.isArray(v) || v.length < 2 || v.length > 6 || depth > 200) return false;
  const [segment, children, url, refresh, prefetchTime, extra] = v;
  if (!isSegment(segment) || !isObject(children)) return false;
  if (!Object.values(children).every((c) => isRouterState(c, depth + 1))) return false;
  if (url != null && !(Array.isArray(url) && url.length === 2 && url.every(isString))) return false;
  if (refresh != null && !(isString(refresh) && REFRESH_MARKERS.has(refresh))) return false;
  if (prefetchTime != null && typeof prefetchTime !== "number") return false;
  if (v.length > 5 && extra !== undefined && !isString(extra)) return false;
  return true;
}

/** True when Next can parse the header (URI-encoded JSON of the router state tree). */
export function isValidRouterStateHeader(header) {
  if (header.length > MAX_STATE_TREE) return false;
  try {
    return isRouterState(JSON.parse(decodeURIComponent(header)), 0);
  } catch {
    return false;
  }
}
