import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { getCurrentUser } from "@/lib/auth/session";
import { getCertificatePdfForViewer, VIEW_ONLY_MESSAGE } from "@/lib/certificates/pdf-download";
import { describeUnexpected } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";

const ACTION = "certificate.download_pdf";

function jsonError(status: number, message: string): Response {
  return Response.json({ ok: false, message }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Where the QR code points: AUTH_URL's origin when configured (production, behind a proxy), else the
 * host the browser used (the proxy's X-Forwarded-Host, or Host). `req.url` will not do: `next start`
 * rebuilds it as localhost.
 */
function publicOrigin(req: Request): string {
  const configured = process.env.AUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // fall through to the request's host
    }
  }
  const fallback = new URL(req.url);
  const host = req.headers.get("x-forwarded-host")?.split(",")[0].trim() || req.headers.get("host");
  const proto = req.headers.get("x-forwarded-proto")?.split(",")[0].trim() || fallback.protocol.slice(0, -1);
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host) && (proto === "http" || proto === "https")) return `${proto}://${host}`;
  return fallback.origin;
}

/**
 * The PDF e-certificate: only for its holder, the committee's forming organisation and the
 * provincial 专技处 (404 for everyone else, as for an unknown id); 403 for certificates before 2020
 * (view-only), whoever asks. Every answer to a signed-in user is audited.
 */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  if (!isSameOriginRequest(req, { allowNavigation: true })) return jsonError(403, "请求来源无效，请在本平台页面中操作");
  const user = await getCurrentUser();
  if (!user) return jsonError(401, "登录已过期，请重新登录");
  const { id } = await params;
  const ip = clientIpFromHeaders(req.headers);
  const db = await getDb();
  const base = { actorId: user.id, actorRole: user.role, actorOrgId: user.orgId, action: ACTION, targetType: "certificate", ip };
  try {
    const result = await getCertificatePdfForViewer(db, user, id, publicOrigin(req));
    if (result.kind === "not_found") {
      await writeAudit(db, { ...base, targetId: id.slice(0, 64), outcome: "denied", detail: { reason: "not_found_or_not_allowed" } });
      return jsonError(404, "证书不存在或您无权下载");
    }
    if (result.kind === "view_only") {
      await writeAudit(db, { ...base, targetId: result.certificateId, outcome: "failure", detail: { reason: "view_only", access: result.access } });
      return jsonError(403, VIEW_ONLY_MESSAGE);
    }
    await writeAudit(db, {
      ...base,
      targetId: result.certificateId,
      outcome: "success",
      detail: { certNo: result.certNo, version: result.version, access: result.access, bytes: result.pdf.length },
    });
    const fileName = `职称证书-${result.certNo}.pdf`;
    return new Response(new Uint8Array(result.pdf), {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(result.pdf.length),
        "Cache-Control": "no-store",
        "Content-Disposition": `attachment; filename="certificate-${result.certNo}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      },
    });
  } catch (err) {
    return jsonError(500, describeUnexpected(err, ACTION));
  }
}
