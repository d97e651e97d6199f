import { NotFoundError } from "@/lib/errors";
import { protectedRoute } from "@/lib/http/protected-route";
import { getPhotoAccess, getPhotoData, getPhotoFacts } from "@/lib/photos/access";

/**
 * The stored JPEG of a certificate photo, for its holder, the committee's forming organisation and the
 * provincial 专技处 only (lib/photos/access.ts). Anyone else gets the same 404 as for a photo that does
 * not exist. Never cached: the photo is personal data and may be replaced.
 */
export const GET = protectedRoute({
  name: "photo.view",
  roles: "any-signed-in",
  mutating: false,
  targetType: "roster_photo",
  idParam: "photoId",
  notFoundMessage: "照片不存在",
  load: ({ db, params }) => getPhotoFacts(db, params.photoId),
  authorize: ({ db, user, row }) => getPhotoAccess(db, user, row),
  handler: async ({ db, row, grant }) => {
    const data = await getPhotoData(db, row.id);
    if (!data) throw new NotFoundError("照片不存在"); // deleted between the access check and the read
    return {
      response: new Response(new Uint8Array(data), {
        status: 200,
        headers: {
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          "Content-Type": "image/jpeg",
          "Content-Length": String(data.length),
          "Content-Disposition": `inline; filename="photo-${row.id.slice(0, 8)}.jpg"`,
          "Content-Security-Policy": "default-src 'none'; sandbox",
        },
      }),
      // Every view of a photo is personal data read: one compact row per view (docs/domain.md §12), also
      // from the review grid (12 photos a page), since each photo URL can be fetched on its own.
      audit: { detail: { access: grant } },
    };
  },
});
