import { protectedRoute } from "@/lib/http/protected-route";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { errorReportWorkbook } from "@/lib/roster/export";
import { getRosterImportRejected } from "@/lib/roster/import-queries";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";

/** The rejected rows of an import with row, column and reason, as a workbook. */
export const GET = protectedRoute({
  name: "roster.import.error_report",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: false,
  targetType: "roster_import",
  idParam: "importId",
  notFoundMessage: "导入记录不存在",
  handler: async ({ db, user, params }) => {
    const { fileName, rejected } = await getRosterImportRejected(db, user, params.importId);
    const base = fileName.replace(/\.xlsx$/i, "");
    return {
      response: new Response(errorReportWorkbook(rejected), {
        headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(`${base}-错误报告.xlsx`), "Cache-Control": "no-store" },
      }),
      audit: { detail: { rows: rejected.length } },
    };
  },
});
