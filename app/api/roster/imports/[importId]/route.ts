import { getDb } from "@/db/client";
import { isUuid } from "@/lib/roster/access";
import { getRosterImportProgress } from "@/lib/roster/import-queries";
import { guardRosterRoute, jsonError, routeErrorResponse } from "@/lib/roster/route-guard";

/** Progress of an upload's parse, polled by the browser. */
export async function GET(req: Request, ctx: { params: Promise<{ importId: string }> }): Promise<Response> {
  const guard = await guardRosterRoute(req, "roster.import.progress", { mutating: false });
  if ("response" in guard) return guard.response;
  const { importId } = await ctx.params;
  if (!isUuid(importId)) return jsonError(404, "导入记录不存在");
  try {
    const progress = await getRosterImportProgress(await getDb(), guard.user, importId);
    return Response.json({ ok: true, ...progress }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    return routeErrorResponse(err, { user: guard.user, ip: guard.ip, action: "roster.import.progress", detail: { importId } });
  }
}
