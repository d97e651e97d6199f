import type { Db } from "@/db/client";
import { getDb } from "@/db/client";
import type { AuditOutcome } from "@/db/schema/enums";
import { auditBase, writeAudit, type AuditEntry } from "@/lib/audit";
import { currentRequestIp, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { describeUnexpected, ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import type { Role } from "@/lib/roles";
import { visibleText } from "@/lib/validation/text";
import { isSameOriginRequest } from "./same-origin";

/** Error answers are private: never cached, never sniffed as something else than JSON. */
const PRIVATE_HEADERS = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function jsonError(status: number, message: string, extra: Record<string, unknown> = {}): Response {
  return Response.json({ ok: false, message, ...extra }, { status, headers: PRIVATE_HEADERS });
}

/**
 * An expected refusal with its own status (413 too large, 409 wrong state, 422 rejected photo …).
 * `outcome` "denied" for a permission refusal, else "failure"; `body` adds fields to the JSON answer.
 */
export class RouteError extends UserError {
  constructor(
    readonly status: number,
    message: string,
    readonly opts: { outcome?: Exclude<AuditOutcome, "success">; reason?: string; detail?: Record<string, unknown>; body?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "RouteError";
  }
}

/** The success audit row's target and detail; `false`: the guard writes none (see `audit` below). */
export type RouteAudit = { targetType?: string; targetId?: string | null; detail?: Record<string, unknown> };
export type RouteSuccess = { response: Response; audit: RouteAudit | false };

export type RouteRequest<P> = {
  req: Request;
  url: URL;
  params: P;
  user: SessionUser;
  ip: string | null;
  db: Db;
};

export type RouteContext<P, R, G> = RouteRequest<P> & {
  /** What `load` returned (undefined without `load`). */
  row: R;
  /** What `authorize` returned (true without `authorize`). */
  grant: G;
  /** Writes one audit row of this route now: for a success known only later (a streamed download). */
  audit: (entry: Pick<AuditEntry, "outcome" | "targetType" | "targetId" | "detail">) => Promise<void>;
  /** Runs `fn` in one transaction and writes its success audit row inside that transaction. */
  transaction: <T extends RouteSuccess>(fn: (tx: Db) => Promise<T>) => Promise<T>;
};

export type ProtectedRouteSpec<K extends string, R, G> = {
  /** The audit action, e.g. "certificate.download_pdf". */
  name: string;
  roles: readonly Role[] | "any-signed-in";
  /** Mutating requests must come from our own pages; reads also accept a typed-in URL or a bookmark. */
  mutating: boolean;
  targetType: string;
  /** A route param that must be a uuid (else 404 `notFoundMessage`); also the audited target id. */
  idParam?: K;
  /** The audited target id when it is not a route param (e.g. `?committeeId=`). */
  targetIdOf?: (url: URL) => string | null;
  notFoundMessage?: string;
  /** The row the request is about; null → 404 `notFoundMessage`. May throw ForbiddenError (403). */
  load?: (ctx: RouteRequest<RouteParams<K>>) => Promise<R | null>;
  /** Ownership against the loaded row; null → the same 404 as for a missing row, so existence is not revealed. */
  authorize?: (ctx: RouteRequest<RouteParams<K>> & { row: R }) => Promise<G | null> | G | null;
  /** The status of a plain UserError from the handler (400 unless the route has always said otherwise). */
  userErrorStatus?: number;
  handler: (ctx: RouteContext<RouteParams<K>, R, G>) => Promise<RouteSuccess>;
};

/** The route's dynamic segments, named by `idParam` (a route without one has none). */
export type RouteParams<K extends string> = Record<K, string>;

export type RouteHandler<K extends string> = (req: Request, ctx?: { params: Promise<RouteParams<K>> }) => Promise<Response>;

/**
 * The guard of every route handler that touches personal data — the route-handler twin of
 * `protectedAction`: same-origin → session (401) → role (403) → id shape (404) → load and ownership
 * (404/403) → handler → audit row. Every refusal to a signed-in user is audited; errors map to JSON
 * `{ ok: false, message }` in one place. See docs/architecture.md ("A route handler").
 */
export function protectedRoute<K extends string = never, R = undefined, G = true>(spec: ProtectedRouteSpec<K, R, G>): RouteHandler<K> {
  return async (req, ctx) => {
    try {
      return await guarded(spec, req, ((await ctx?.params) ?? {}) as RouteParams<K>);
    } catch (err) {
      // Only reached when an audit write itself fails: the answer must still be a JSON 500.
      return jsonError(500, describeUnexpected(err, spec.name));
    }
  };
}

async function guarded<K extends string, R, G>(spec: ProtectedRouteSpec<K, R, G>, req: Request, params: RouteParams<K>): Promise<Response> {
  const url = new URL(req.url);
  const sameOrigin = isSameOriginRequest(req, { allowNavigation: !spec.mutating });
  const user = await getCurrentUser();
  const ip = user ? await currentRequestIp() : null;
  const db = await getDb();
  const rawTarget = spec.idParam ? params[spec.idParam] : (spec.targetIdOf?.(url) ?? null);
  // A param is data too: a refused character (NUL …) is stored by its code point (docs/domain.md §10).
  const targetId = rawTarget ? visibleText(rawTarget).slice(0, 64) : null;

  const write = (entry: Pick<AuditEntry, "outcome" | "targetType" | "targetId" | "detail">, into: Db = db) =>
    user ? writeAudit(into, { ...auditBase(user, spec.name, ip), ...entry, targetType: entry.targetType ?? spec.targetType }) : Promise.resolve();
  const deny = async (status: number, message: string, reason: string, extra?: Record<string, unknown>) => {
    await write({ outcome: "denied", targetId, detail: { reason } });
    return jsonError(status, message, extra);
  };
  const notFound = spec.notFoundMessage ?? "记录不存在";

  // A cross-site request carrying a session is exactly what this check stops: audit it.
  if (!sameOrigin) return deny(403, "请求来源无效，请在本平台页面中操作", "cross_origin");
  if (!user) return jsonError(401, "登录已过期，请重新登录");
  if (spec.roles !== "any-signed-in" && !spec.roles.includes(user.role)) return deny(403, "您无权执行此操作", "role");
  if (spec.idParam && !UUID_RE.test(params[spec.idParam] ?? "")) return deny(404, notFound, "malformed_id");

  const request: RouteRequest<RouteParams<K>> = { req, url, params, user, ip, db };
  try {
    const row = spec.load ? await spec.load(request) : undefined;
    if (row === null) return deny(404, notFound, "not_found");
    // Without `load`/`authorize` the handler sees undefined/true, as their type parameters default to.
    const grant = spec.authorize ? await spec.authorize({ ...request, row: row as R }) : true;
    if (grant === null) return deny(404, notFound, "not_allowed");

    const successEntry = (a: RouteAudit) => ({ outcome: "success" as const, targetType: a.targetType, targetId: a.targetId ?? targetId, detail: a.detail });
    let auditedInTransaction = false;
    const result = await spec.handler({
      ...request,
      row: row as R,
      grant: grant as G,
      audit: (entry) => write(entry),
      transaction: (fn) =>
        db.transaction(async (tx) => {
          const out = await fn(tx);
          if (out.audit) await write(successEntry(out.audit), tx);
          auditedInTransaction = true;
          return out;
        }),
    });
    if (result.audit && !auditedInTransaction) {
      await write(successEntry(result.audit));
    }
    return result.response;
  } catch (err) {
    if (err instanceof RouteError) {
      const outcome = err.opts.outcome ?? "failure";
      await write({ outcome, targetId, detail: { ...err.opts.detail, reason: err.opts.reason ?? err.message } });
      return jsonError(err.status, err.message, err.opts.body);
    }
    if (err instanceof NotFoundError) return deny(404, err.message, err.message);
    if (err instanceof ForbiddenError) return deny(403, err.message, err.message);
    if (err instanceof UserError) {
      await write({ outcome: "failure", targetId, detail: { reason: err.message } });
      return jsonError(spec.userErrorStatus ?? 400, err.message);
    }
    return jsonError(500, describeUnexpected(err, spec.name));
  }
}
