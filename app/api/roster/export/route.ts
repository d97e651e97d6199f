import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { exportRosterWorkbook } from "@/lib/roster/export";
import { guardRosterRoute, routeErrorResponse } from "@/lib/roster/route-guard";
import { parseRosterListFilter } from "@/lib/roster/schemas";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

const ACTION = "roster.export";

/** The committee's roster (with the list's filters) as a workbook, streamed. Every export is audited. */
export async function GET(req: Request): Promise<Response> {
  const guard = await guardRosterRoute(req, ACTION, { mutating: false });
  if ("response" in guard) return guard.response;
  const { user, ip } = guard;
  const params = new URL(req.url).searchParams;
  const committeeId = params.get("committeeId") ?? "";
  const filter = parseRosterListFilter(Object.fromEntries(params));
  try {
    const db = await getDb();
    const committee = await assertCommitteeOwner(db, user, committeeId);
    const stream = exportRosterWorkbook(db, committee, filter, async (rows) => {
      await writeAudit(db, {
        actorId: user.id, actorRole: user.role, actorOrgId: user.orgId, action: ACTION,
        targetType: "committee", targetId: committee.id, outcome: "success", detail: { rows, filter }, ip,
      });
    });
    return new Response(stream, {
      headers: {
        "Content-Type": XLSX_MIME,
        "Content-Disposition": attachmentHeader(`证书补录名册-${committee.code}-${todayInChina()}.xlsx`),
        "Cache-Control": "no-store",
      },
    });
  } catch (err) {
    return routeErrorResponse(err, { user, ip, action: ACTION, detail: { committeeId } });
  }
}
