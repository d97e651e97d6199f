import { getDb } from "@/db/client";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { guardRosterRoute, routeErrorResponse } from "@/lib/roster/route-guard";
import { buildRosterTemplate } from "@/lib/roster/template";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

/** The import template; with `?committeeId=` its dropdowns list only that committee's series and levels. */
export async function GET(req: Request): Promise<Response> {
  const guard = await guardRosterRoute(req, "roster.template", { mutating: false });
  if ("response" in guard) return guard.response;
  const committeeId = new URL(req.url).searchParams.get("committeeId");
  try {
    const committee = committeeId ? await assertCommitteeOwner(await getDb(), guard.user, committeeId) : undefined;
    const body = await buildRosterTemplate(committee);
    const name = committee ? `证书补录名册模板-${committee.code}.xlsx` : "证书补录名册模板.xlsx";
    return new Response(new Uint8Array(body), {
      headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(name), "Cache-Control": "no-store" },
    });
  } catch (err) {
    return routeErrorResponse(err, { user: guard.user, ip: guard.ip, action: "roster.template", detail: { committeeId } });
  }
}
