import { protectedRoute } from "@/lib/http/protected-route";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { getRosterImportProgress } from "@/lib/roster/import-queries";

/** Progress of an upload's parse, polled by the browser (counts only: polls are not audited, refusals are). */
export const GET = protectedRoute({
  name: "roster.import.progress",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: false,
  targetType: "roster_import",
  idParam: "importId",
  notFoundMessage: "导入记录不存在",
  handler: async ({ db, user, params }) => {
    const progress = await getRosterImportProgress(db, user, params.importId);
    return { response: Response.json({ ok: true, ...progress }, { headers: { "Cache-Control": "no-store" } }), audit: false };
  },
});
