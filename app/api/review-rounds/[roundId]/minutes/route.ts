import { protectedRoute } from "@/lib/http/protected-route";
import { renderMinutesPdf } from "@/lib/pdf/render-minutes";
import { getMinutesData } from "@/lib/review-rounds/minutes";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/**
 * 评审会议纪要 (PDF) of a signed round: the forming organisation and the 主任 only (getMinutesData checks;
 * anyone else answers 404 as for an unknown id; a round not yet signed, 409 「统票签署后方可下载会议纪要」).
 * Audited, never cached.
 */
export const GET = protectedRoute({
  name: "review_round.download_minutes",
  roles: [...COMMITTEE_FORMING_ROLES, "committee_member"],
  mutating: false,
  targetType: "review_round",
  idParam: "roundId",
  notFoundMessage: "评审会议不存在",
  userErrorStatus: 409,
  load: ({ db, user, params }) => getMinutesData(db, user, params.roundId),
  handler: async ({ row }) => {
    const pdf = await renderMinutesPdf(row);
    const fileName = `评审会议纪要-${row.round.name}.pdf`;
    return {
      response: new Response(new Uint8Array(pdf), {
        headers: {
          "Content-Type": "application/pdf",
          "Content-Length": String(pdf.length),
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          "Content-Disposition": `attachment; filename="minutes-${row.round.id}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        },
      }),
      audit: { detail: { closingHash: row.round.closingHash, bytes: pdf.length } },
    };
  },
});
