import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { currentRequestIp, getCurrentUser } from "@/lib/auth/session";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { getPhotoForViewer } from "@/lib/photos/access";

const PRIVATE = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" } as const;

const notFound = () => Response.json({ ok: false, message: "照片不存在" }, { status: 404, headers: PRIVATE });

/**
 * The stored JPEG of a certificate photo, for its holder, the committee's forming organisation and the
 * provincial 专技处 only (lib/photos/access.ts). Anyone else gets the same 404 as for a photo that does
 * not exist. Never cached: the photo is personal data and may be replaced.
 */
export async function GET(req: Request, ctx: { params: Promise<{ photoId: string }> }): Promise<Response> {
  if (!isSameOriginRequest(req, { allowNavigation: true })) return Response.json({ ok: false, message: "请求来源无效" }, { status: 403, headers: PRIVATE });
  const user = await getCurrentUser();
  if (!user) return Response.json({ ok: false, message: "登录已过期，请重新登录" }, { status: 401, headers: PRIVATE });
  const { photoId } = await ctx.params;
  const db = await getDb();
  const photo = await getPhotoForViewer(db, user, photoId);
  if (!photo) {
    await writeAudit(db, {
      actorId: user.id,
      actorRole: user.role,
      actorOrgId: user.orgId,
      action: "photo.view",
      targetType: "roster_photo",
      targetId: photoId.slice(0, 64),
      outcome: "denied",
      ip: await currentRequestIp(),
    });
    return notFound();
  }
  return new Response(new Uint8Array(photo.data), {
    status: 200,
    headers: {
      ...PRIVATE,
      "Content-Type": "image/jpeg",
      "Content-Length": String(photo.data.length),
      "Content-Disposition": `inline; filename="photo-${photo.id.slice(0, 8)}.jpg"`,
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
