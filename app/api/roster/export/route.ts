import { protectedRoute } from "@/lib/http/protected-route";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { todayInChina } from "@/lib/roster/dates";
import { exportRosterWorkbook } from "@/lib/roster/export";
import { parseRosterListFilter } from "@/lib/roster/schemas";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

/** The committee's roster (with the list's filters) as a workbook, streamed. Every export is audited. */
export const GET = protectedRoute({
  name: "roster.export",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: false,
  targetType: "committee",
  targetIdOf: (url) => url.searchParams.get("committeeId"),
  load: ({ db, user, url }) => assertCommitteeOwner(db, user, url.searchParams.get("committeeId") ?? ""),
  handler: ({ db, url, row: committee, audit }) => {
    const filter = parseRosterListFilter(Object.fromEntries(url.searchParams));
    // The row count is known only once the stream has ended: the audit row is written then.
    const stream = exportRosterWorkbook(db, committee, filter, (rows) => audit({ outcome: "success", targetId: committee.id, detail: { rows, filter } }));
    return Promise.resolve({
      response: new Response(stream, {
        headers: {
          "Content-Type": XLSX_MIME,
          "Content-Disposition": attachmentHeader(`证书补录名册-${committee.code}-${todayInChina()}.xlsx`),
          "Cache-Control": "no-store",
        },
      }),
      audit: false,
    });
  },
});
