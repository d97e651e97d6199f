import { RouteError } from "@/lib/http/protected-route";
import { normalizeIdPhoto, type NormalizedPhoto } from "./normalize";
import { readPhotoUpload } from "./upload-body";

/**
 * The uploaded ID photo of a protectedRoute handler (the back-fill's and the declaration's upload), read with
 * its size cap and normalised on content: an unreadable body answers 400/413, a refused image 422 with every
 * failed rule's message (and the rule codes in the audit detail). `sourceBytes`: the size as uploaded.
 */
export async function readNormalizedPhoto(req: Request): Promise<{ photo: NormalizedPhoto; sourceBytes: number }> {
  const body = await readPhotoUpload(req);
  if (!body.ok) throw new RouteError(body.status, body.error.message, { reason: body.error.code, body: { errors: [body.error] } });
  const photo = await normalizeIdPhoto(body.file);
  if (!photo.ok) {
    throw new RouteError(422, photo.errors.map((e) => e.message).join("；"), {
      detail: { fileName: body.fileName, bytes: body.file.length, codes: photo.errors.map((e) => e.code) },
      reason: "rejected_photo",
      body: { errors: photo.errors },
    });
  }
  return { photo, sourceBytes: body.file.length };
}
