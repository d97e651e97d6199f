import { loadOwnDeclaration } from "@/lib/declarations/person-moves";
import { storeDeclarationPhoto } from "@/lib/declarations/photo";
import { DECLARATION_PHOTO_LOCKED, isPhotoEditable } from "@/lib/declarations/photo-queries";
import { DECLARATION_NOT_FOUND, DECLARATION_STALE } from "@/lib/declarations/constants";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readNormalizedPhoto } from "@/lib/photos/upload-route";

/**
 * 证件照 of a declaration (docs/domain.md §16): `POST /api/declarations/<id>/photo?version=<n>`, the image as the raw
 * body or the `file` field of a multipart form (≤ 10 MB), checked and normalised on content by the back-fill photo's
 * code (lib/photos/normalize.ts). Only the applicant's own declaration (else 404), while it is a draft or returned
 * (409), at the version the form saw (409 stale); both are checked before the body is read, and again under the
 * row lock. Replaces the previous photo; answers the declaration's new version.
 */
export const POST = protectedRoute({
  name: "declaration.photo_upload",
  roles: ["person"],
  mutating: true,
  targetType: "declaration",
  idParam: "declarationId",
  notFoundMessage: DECLARATION_NOT_FOUND,
  userErrorStatus: 409,
  load: ({ db, user, params }) => loadOwnDeclaration(db, user, params.declarationId),
  handler: async ({ req, url, user, row, transaction }) => {
    if (!isPhotoEditable(row.status)) throw new RouteError(409, DECLARATION_PHOTO_LOCKED);
    const version = Number(url.searchParams.get("version"));
    if (!Number.isInteger(version) || version < 1) throw new RouteError(400, "请求缺少申报版本，请刷新后重试");
    if (version !== row.version) throw new RouteError(409, DECLARATION_STALE, { reason: "stale" });

    const { photo, sourceBytes } = await readNormalizedPhoto(req);
    return transaction(async (tx) => {
      const stored = await storeDeclarationPhoto(tx, user, { declarationId: row.id, version, photo });
      return {
        response: Response.json(
          { ok: true, photoId: stored.photoId, version: stored.version, bytes: photo.bytes, message: "证件照已上传。更换照片后请重新确认诚信承诺" },
          { status: 201, headers: { "Cache-Control": "no-store" } },
        ),
        audit: {
          targetId: row.id,
          detail: { photoId: stored.photoId, sha256: photo.sha256, bytes: photo.bytes, sourceBytes, replaced: stored.replaced },
        },
      };
    });
  },
});
