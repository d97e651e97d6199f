import {
  assertHolderRecord,
  hasPhotoConsent,
  PHOTO_CONSENT_REQUIRED,
  photoUploadBlockedReason,
  storePersonPhoto,
} from "@/lib/backfill/person-photo";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readNormalizedPhoto } from "@/lib/photos/upload-route";

/**
 * Upload of the holder's certificate photo: `POST /api/photos/upload?recordId=…`, the image as the raw
 * body or as the `file` field of a multipart form (≤ 10 MB). The record (the holder's own, else 404)
 * is checked before the body is read: a stranger's or a closed record costs no image decoding.
 */
export const POST = protectedRoute({
  name: "photo.upload",
  roles: ["person"],
  mutating: true,
  targetType: "roster_record",
  targetIdOf: (url) => url.searchParams.get("recordId"),
  userErrorStatus: 409,
  load: ({ db, user, url }) => assertHolderRecord(db, user.id, url.searchParams.get("recordId") ?? ""),
  handler: async ({ req, db, user, row, transaction }) => {
    if (!(await hasPhotoConsent(db, user.id))) throw new RouteError(403, PHOTO_CONSENT_REQUIRED, { outcome: "denied", reason: "no_photo_consent" });
    const blocked = photoUploadBlockedReason(row.status, row.passYear);
    if (blocked) throw new RouteError(409, blocked);

    const { photo, sourceBytes } = await readNormalizedPhoto(req);
    return transaction(async (tx) => {
      const stored = await storePersonPhoto(tx, user.id, row.id, photo);
      return {
        response: Response.json(
          {
            ok: true,
            photoId: stored.photoId,
            bytes: photo.bytes,
            sha256: photo.sha256,
            withdrawn: stored.withdrawn,
            message: "照片已上传。请核对预览，确认无误后点击「提交」",
          },
          { status: 201, headers: { "Cache-Control": "no-store" } },
        ),
        audit: {
          targetId: row.id,
          detail: { photoId: stored.photoId, certNo: stored.certNo, sha256: photo.sha256, bytes: photo.bytes, sourceBytes, replaced: stored.replaced, withdrawn: stored.withdrawn },
        },
      };
    });
  },
});
