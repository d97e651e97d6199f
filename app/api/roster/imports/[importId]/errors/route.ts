import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { isUuid } from "@/lib/roster/access";
import { errorReportWorkbook } from "@/lib/roster/export";
import { getRosterImportRejected } from "@/lib/roster/import-queries";
import { guardRosterRoute, jsonError, routeErrorResponse } from "@/lib/roster/route-guard";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

const ACTION = "roster.import.error_report";

/** The rejected rows of an import with row, column and reason, as a workbook. */
export async function GET(req: Request, ctx: { params: Promise<{ importId: string }> }): Promise<Response> {
  const guard = await guardRosterRoute(req, ACTION, { mutating: false });
  if ("response" in guard) return guard.response;
  const { user, ip } = guard;
  const { importId } = await ctx.params;
  if (!isUuid(importId)) return jsonError(404, "导入记录不存在");
  try {
    const db = await getDb();
    const { fileName, rejected } = await getRosterImportRejected(db, user, importId);
    await writeAudit(db, {
      actorId: user.id, actorRole: user.role, actorOrgId: user.orgId, action: ACTION,
      targetType: "roster_import", targetId: importId, outcome: "success", detail: { rows: rejected.length }, ip,
    });
    const base = fileName.replace(/\.xlsx$/i, "");
    return new Response(errorReportWorkbook(rejected), {
      headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(`${base}-错误报告.xlsx`), "Cache-Control": "no-store" },
    });
  } catch (err) {
    return routeErrorResponse(err, { user, ip, action: ACTION, detail: { importId } });
  }
}
