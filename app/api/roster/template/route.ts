import { protectedRoute } from "@/lib/http/protected-route";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { buildRosterTemplate } from "@/lib/roster/template";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

/** The import template; with `?committeeId=` its dropdowns list only that committee's series and levels. */
export const GET = protectedRoute({
  name: "roster.template",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: false,
  targetType: "committee",
  targetIdOf: (url) => url.searchParams.get("committeeId"),
  handler: async ({ db, user, url }) => {
    const committeeId = url.searchParams.get("committeeId");
    const committee = committeeId ? await assertCommitteeOwner(db, user, committeeId) : undefined;
    const body = await buildRosterTemplate(committee);
    const name = committee ? `证书补录名册模板-${committee.code}.xlsx` : "证书补录名册模板.xlsx";
    return {
      response: new Response(new Uint8Array(body), {
        headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(name), "Cache-Control": "no-store" },
      }),
      // An empty form with the committee's own dropdowns: no personal data, nothing to audit.
      audit: false,
    };
  },
});
