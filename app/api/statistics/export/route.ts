import { protectedRoute } from "@/lib/http/protected-route";
import { todayInChina } from "@/lib/filings/constants";
import { attachmentHeader, XLSX_MIME } from "@/lib/roster/xlsx";
import { buildStatisticsWorkbook, statisticsFileName } from "@/lib/statistics/export";
import { getStatistics } from "@/lib/statistics/queries";
import { parseStatisticsFilter, statisticsQuery } from "@/lib/statistics/schemas";

/** 统计分析 of the viewer's region, with the page's filter, as a workbook. Every export is audited. */
export const GET = protectedRoute({
  name: "statistics.export",
  roles: ["hrss"],
  mutating: false,
  targetType: "statistics",
  handler: async ({ db, user, url }) => {
    const filter = parseStatisticsFilter(Object.fromEntries(url.searchParams), Number(todayInChina().slice(0, 4)));
    const stats = await getStatistics(db, user, filter);
    const body = await buildStatisticsWorkbook(stats);
    return {
      response: new Response(new Uint8Array(body), {
        headers: { "Content-Type": XLSX_MIME, "Content-Disposition": attachmentHeader(statisticsFileName(stats)), "Cache-Control": "no-store" },
      }),
      audit: { detail: { filter: statisticsQuery(filter), scope: stats.scope.name } },
    };
  },
});
