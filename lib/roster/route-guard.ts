import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { currentRequestIp, getCurrentUser, type SessionUser } from "@/lib/auth/session";
import { describeUnexpected, ForbiddenError, UserError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { isRosterManager } from "./access";

export function jsonError(status: number, message: string): Response {
  return Response.json({ ok: false, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * The checks every roster route handler makes before its own ownership check: request origin,
 * session, role. Returns the user or the response to send.
 */
export async function guardRosterRoute(
  req: Request,
  action: string,
  opts: { mutating: boolean },
): Promise<{ user: SessionUser & { orgId: string }; ip: string | null } | { response: Response }> {
  if (!isSameOriginRequest(req, { allowNavigation: !opts.mutating })) {
    return { response: jsonError(403, "请求来源无效，请在本平台页面中操作") };
  }
  const user = await getCurrentUser();
  if (!user) return { response: jsonError(401, "登录已过期，请重新登录") };
  const ip = await currentRequestIp();
  if (!isRosterManager(user)) {
    await writeAudit(await getDb(), { actorId: user.id, actorRole: user.role, actorOrgId: user.orgId, action, outcome: "denied", detail: { reason: "role" }, ip });
    return { response: jsonError(403, "您无权执行此操作") };
  }
  return { user, ip };
}

/** Turns a domain error into a response and an audit row; unexpected errors get a reference id. */
export async function routeErrorResponse(err: unknown, ctx: { user: SessionUser; ip: string | null; action: string; detail?: Record<string, unknown> }): Promise<Response> {
  const base = { actorId: ctx.user.id, actorRole: ctx.user.role, actorOrgId: ctx.user.orgId, action: ctx.action, ip: ctx.ip };
  if (err instanceof ForbiddenError) {
    await writeAudit(await getDb(), { ...base, outcome: "denied", detail: { ...ctx.detail, reason: err.message } });
    return jsonError(403, err.message);
  }
  if (err instanceof UserError) {
    await writeAudit(await getDb(), { ...base, outcome: "failure", detail: { ...ctx.detail, reason: err.message } });
    return jsonError(400, err.message);
  }
  return jsonError(500, describeUnexpected(err, ctx.action));
}
