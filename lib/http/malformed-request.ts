import { isSafeText } from "@/lib/validation/text";
import { isValidRouterStateHeader } from "@/scripts/router-state.mjs";

export { isValidRouterStateHeader };

// Requests Next.js itself cannot parse answer 400 here, before they reach the framework, which would
// answer them with a 500 (docs/domain.md §10 "Malformed requests"):
// - a path segment with a bad percent-escape (Next throws on decodeURIComponent of a dynamic segment)
//   or one that decodes to a character the text rule refuses (NUL, controls, bidi overrides …);
// - a `Next-Router-State-Tree` header that is not the JSON tree Next expects
//   (next/dist/server/app-render/parse-and-validate-flight-router-state.js throws on it);
// - a server-action call (`Next-Action`) whose id or non-multipart body is not what React's
//   `encodeReply` produces (React's `decodeReply` throws on an unknown `$` reference, busboy on a
//   broken multipart body).

const MESSAGE = "请求格式无效";
/** Next's action ids: 40–42 hex characters (the hash of the action, with a type prefix byte). */
const ACTION_ID = /^[0-9a-f]{40,44}$/i;

function badRequest(): Response {
  return Response.json({ ok: false, message: MESSAGE }, { status: 400, headers: { "Cache-Control": "no-store" } });
}

/** Every segment of the raw (still encoded) path decodes, and the decoded text passes the text rule. */
export function isWellFormedPath(rawPath: string): boolean {
  for (const segment of rawPath.split("/")) {
    if (!segment.includes("%")) {
      if (!isSafeText(segment)) return false;
      continue;
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return false;
    }
    if (!isSafeText(decoded)) return false;
  }
  return true;
}

const isString = (v: unknown): v is string => typeof v === "string";
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * `$`-strings React's `encodeReply` writes into a single-row (non-multipart) reply: an escaped `$$…`
 * string, undefined/NaN/±Infinity/-0, a date (`$D`) or a bigint (`$n`). Any other `$` reference points
 * at a part a single-row reply does not have.
 */
function isReplyString(s: string): boolean {
  if (s[0] !== "$") return true;
  if (s.startsWith("$$")) return true;
  if (s === "$undefined" || s === "$NaN" || s === "$Infinity" || s === "$-Infinity" || s === "$-0") return true;
  if (s.startsWith("$D")) return !Number.isNaN(Date.parse(s.slice(2)));
  if (s.startsWith("$n")) return /^-?\d{1,400}$/.test(s.slice(2));
  return false;
}

function isReplyValue(v: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (isString(v)) return isReplyString(v);
  if (Array.isArray(v)) return v.every((x) => isReplyValue(x, depth + 1));
  if (isObject(v)) return Object.values(v).every((x) => isReplyValue(x, depth + 1));
  return true;
}

/**
 * A non-multipart action body: the JSON React's `encodeReply` sends for plain arguments — always the
 * array of arguments (Next applies the action to it, and fails on anything else).
 */
export function isValidActionReply(body: string): boolean {
  try {
    const root: unknown = JSON.parse(body);
    return Array.isArray(root) && isReplyValue(root, 0);
  } catch {
    return false;
  }
}

/** `$` + an optional tag letter + a part id in hex: a reference to another part of a multipart reply. */
const PART_REFERENCE = /^\$[A-Za-z@]?([0-9a-f]{1,8})$/;

function isMultipartValue(v: unknown, keys: readonly string[], depth: number): boolean {
  if (depth > 64) return false;
  if (isString(v)) {
    if (isReplyString(v)) return true;
    const ref = PART_REFERENCE.exec(v);
    if (!ref) return false;
    // `$K<id>`: a FormData argument, whose fields travel as `_<id>_<name>` (none when it is empty).
    if (v[1] === "K") return true;
    const id = String(parseInt(ref[1], 16));
    return keys.some((k) => k === id || k.startsWith(`${id}_`) || k.startsWith(`_${id}_`));
  }
  if (Array.isArray(v)) return v.every((x) => isMultipartValue(x, keys, depth + 1));
  if (isObject(v)) return Object.values(v).every((x) => isMultipartValue(x, keys, depth + 1));
  return true;
}

/**
 * A multipart action body (FormData arguments): it must parse, and every JSON row (a part named by a
 * number) may reference only parts that are there.
 */
export async function isValidMultipartReply(req: Request): Promise<boolean> {
  let form: FormData;
  try {
    form = await req.clone().formData();
  } catch {
    return false;
  }
  const keys = [...form.keys()];
  const root = form.get("0");
  // A fetch action's arguments are row 0 (an array); a form action (no row 0) is decoded by Next itself.
  if (typeof root === "string" && !root.startsWith("[")) return false;
  for (const [key, value] of form.entries()) {
    if (!/^\d+$/.test(key) || typeof value !== "string") continue;
    try {
      if (!isMultipartValue(JSON.parse(value), keys, 0)) return false;
    } catch {
      return false;
    }
  }
  return true;
}

/** Returns a 400 response for a request Next would fail on, or null to let it through. */
export async function refuseMalformedRequest(req: Request): Promise<Response | null> {
  const rawPath = req.url.slice(req.url.indexOf("/", req.url.indexOf("//") + 2)).split(/[?#]/)[0];
  if (!isWellFormedPath(rawPath)) return badRequest();

  const stateTree = req.headers.get("next-router-state-tree");
  if (stateTree !== null && !isValidRouterStateHeader(stateTree)) return badRequest();

  const actionId = req.headers.get("next-action");
  if (actionId !== null && req.method === "POST") {
    if (!ACTION_ID.test(actionId)) return badRequest();
    const type = req.headers.get("content-type") ?? "";
    if (type.startsWith("multipart/form-data")) {
      if (!(await isValidMultipartReply(req))) return badRequest();
    } else if (!isValidActionReply(await req.clone().text())) return badRequest();
  }
  return null;
}
