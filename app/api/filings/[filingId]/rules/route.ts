import { attachRulesPdf, isExaminerOf, RULES_PDF_MAX_BYTES, RULES_PDF_SIZE_MESSAGE } from "@/lib/filings/filings";
import { getFilingRulesPdf } from "@/lib/filings/rules-pdf";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readBodyCapped } from "@/lib/http/read-body";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/** 上传评审办法: the raw PDF is the body (≤ 10 MB, checked by content); only to a draft of the caller's own filing. */
export const POST = protectedRoute({
  name: "filing.attach_rules",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: true,
  targetType: "committee_filing",
  idParam: "filingId",
  notFoundMessage: "备案不存在",
  handler: async ({ req, url, params, user, transaction }) => {
    const body = await readBodyCapped(req, RULES_PDF_MAX_BYTES);
    if (!body.ok && body.reason === "too_large") throw new RouteError(413, RULES_PDF_SIZE_MESSAGE);
    if (!body.ok) throw new RouteError(400, "文件上传不完整，请重新上传");
    const name = (url.searchParams.get("name") ?? "评审办法.pdf").slice(0, 100);
    return transaction(async (tx) => {
      const f = await attachRulesPdf(tx, user, params.filingId, body.data, name);
      return { response: Response.json({ ok: true, version: f.version }), audit: { targetType: "committee_filing", targetId: f.id, detail: { bytes: body.data.length } } };
    });
  },
});

/** 下载评审办法: to the filer and the filing's examiners. */
export const GET = protectedRoute({
  name: "filing.download_rules",
  roles: ["dept", "hrss", "self_unit"],
  mutating: false,
  targetType: "committee_filing",
  idParam: "filingId",
  notFoundMessage: "备案不存在",
  load: ({ db, params }) => getFilingRulesPdf(db, params.filingId),
  authorize: ({ user, row }) => (row.formingOrgId === user.orgId ? "filer" : isExaminerOf(user, row) ? "examiner" : null),
  handler: ({ row, grant }) => {
    if (!row.rulesPdf) return Promise.reject(new RouteError(404, "尚未上传评审办法"));
    return Promise.resolve({
      response: new Response(new Uint8Array(row.rulesPdf), {
        headers: {
          "Content-Type": "application/pdf",
          "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.rulesPdfName ?? "评审办法.pdf")}`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      }),
      audit: { detail: { access: grant } },
    });
  },
});
