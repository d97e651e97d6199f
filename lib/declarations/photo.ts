/**
 * 证件照 of a declaration (docs/domain.md §16): the applicant's ID photo, checked and normalised on the server by the
 * same code as the back-fill photo (lib/photos/normalize.ts), stored in `roster_photos` with `declaration_id` — the
 * one photo store certificates read. The current photo is the declaration's one `pending` row; a new upload turns
 * the previous one `replaced` (kept: the examiners may have seen it). Only the applicant, while the declaration is
 * a draft or returned, at the version the form saw; the upload is a content change, so it clears the 诚信承诺.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { declarations, rosterPhotos } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import type { NormalizedPhoto } from "@/lib/photos/normalize";
import type { Actor } from "./access";
import { DECLARATION_STALE } from "./constants";
import { loadOwnDeclaration } from "./person-moves";
import { DECLARATION_PHOTO_LOCKED, isPhotoEditable } from "./photo-queries";

/**
 * Stores a normalised photo as the declaration's current one. Locks the applicant's own declaration (404 for anybody
 * else's), refuses a state that is not editable and a version the form did not see, then replaces the previous photo
 * and moves the declaration's version on with a guarded UPDATE (state AND version), clearing the 诚信承诺.
 */
export async function storeDeclarationPhoto(
  tx: Db,
  actor: Actor,
  input: { declarationId: string; version: number; photo: Pick<NormalizedPhoto, "jpeg" | "sha256" | "bytes"> },
): Promise<{ photoId: string; replaced: number; version: number }> {
  const d = await loadOwnDeclaration(tx, actor, input.declarationId, { lock: true });
  if (!isPhotoEditable(d.status)) throw new UserError(DECLARATION_PHOTO_LOCKED);
  if (d.withdrawalRequestedAt) throw new UserError("您已申请撤回该申报，请等待审批结果");
  if (d.version !== input.version) throw new StaleStateError(DECLARATION_STALE);
  const [row] = await tx
    .update(declarations)
    .set({ pledgeAcceptedAt: null, version: sql`${declarations.version} + 1`, updatedAt: new Date() })
    .where(and(eq(declarations.id, d.id), eq(declarations.status, d.status), eq(declarations.version, d.version)))
    .returning({ version: declarations.version });
  if (!row) throw new StaleStateError(DECLARATION_STALE);
  const replaced = await tx
    .update(rosterPhotos)
    .set({ status: "replaced" })
    .where(and(eq(rosterPhotos.declarationId, d.id), eq(rosterPhotos.status, "pending")))
    .returning({ id: rosterPhotos.id });
  const [photo] = await tx
    .insert(rosterPhotos)
    .values({ declarationId: d.id, uploadedBy: actor.id, sha256: input.photo.sha256, bytes: input.photo.bytes, data: input.photo.jpeg, status: "pending" })
    .returning({ id: rosterPhotos.id });
  return { photoId: photo.id, replaced: replaced.length, version: row.version };
}
