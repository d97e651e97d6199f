import { VIEW_ONLY_MESSAGE } from "@/lib/certificates/access";
import { isPdfDownloadable } from "@/lib/certificates/eligibility";
import { certificatePdfAccess, getCertificateForPdf, renderCertificatePdfOf } from "@/lib/certificates/pdf-download";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";

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
export const GET = protectedRoute({
  name: "certificate.download_pdf",
  roles: "any-signed-in",
  mutating: false,
  targetType: "certificate",
  idParam: "id",
  notFoundMessage: "证书不存在或您无权下载",
  load: ({ db, params }) => getCertificateForPdf(db, params.id),
  authorize: ({ db, user, row }) => certificatePdfAccess(db, user, row),
  handler: async ({ req, db, row, grant }) => {
    const cert = row.certificate;
    if (!isPdfDownloadable(cert.passDate)) throw new RouteError(403, VIEW_ONLY_MESSAGE, { reason: "view_only", detail: { access: grant } });
    const pdf = await renderCertificatePdfOf(db, cert, publicOrigin(req));
    const fileName = `职称证书-${cert.certNo}.pdf`;
    return {
      response: new Response(new Uint8Array(pdf), {
        headers: {
          "Content-Type": "application/pdf",
          "Content-Length": String(pdf.length),
          "Cache-Control": "no-store",
          "Content-Disposition": `attachment; filename="certificate-${cert.certNo}.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
        },
      }),
      audit: { targetId: cert.id, detail: { certNo: cert.certNo, version: cert.version, access: grant, bytes: pdf.length } },
    };
  },
});
