import { buildPoolTemplate } from "@/lib/experts/pool-template";
import { protectedRoute } from "@/lib/http/protected-route";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

/** The expert-pool import template (docs/domain.md §13). */
export const GET = protectedRoute({
  name: "expert_pool.template",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: false,
  targetType: "expert_pool",
  handler: async () => ({
    response: new Response(new Uint8Array(await buildPoolTemplate()), {
      headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader("专家库导入模板.xlsx"), "Cache-Control": "no-store" },
    }),
    // An empty form: no personal data, nothing to audit.
    audit: false,
  }),
});
