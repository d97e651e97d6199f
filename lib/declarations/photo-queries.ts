/**
 * Reads of a declaration's 证件照 (lib/declarations/photo.ts stores it): the current photo is the declaration's one
 * `pending` row in `roster_photos`.
 */
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterPhotos, type Declaration } from "@/db/schema";

export const DECLARATION_PHOTO_MISSING = "请在「证件照」步骤上传本人证件照";
export const DECLARATION_PHOTO_LOCKED = "申报已提交，不能更换证件照（如需修改请先撤回，或等待退回）";

/** The declaration states in which the applicant may (re)place the photo: the same as every section save. */
export function isPhotoEditable(status: Declaration["status"]): boolean {
  return status === "draft" || status === "returned";
}

/** The declaration's current photo id, or null. */
export async function currentDeclarationPhotoId(db: Db, declarationId: string): Promise<string | null> {
  return (await currentDeclarationPhoto(db, declarationId))?.id ?? null;
}

/** The declaration's current photo (id and content hash), or null. */
export async function currentDeclarationPhoto(db: Db, declarationId: string): Promise<{ id: string; sha256: string } | null> {
  const [row] = await db
    .select({ id: rosterPhotos.id, sha256: rosterPhotos.sha256 })
    .from(rosterPhotos)
    .where(and(eq(rosterPhotos.declarationId, declarationId), eq(rosterPhotos.status, "pending")))
    .orderBy(desc(rosterPhotos.createdAt))
    .limit(1);
  return row ?? null;
}

/** The current photo of each declaration (those without one are absent). */
export async function currentDeclarationPhotoIds(db: Db, declarationIds: string[]): Promise<Map<string, string>> {
  if (declarationIds.length === 0) return new Map();
  const rows = await db
    .select({ id: rosterPhotos.id, declarationId: rosterPhotos.declarationId })
    .from(rosterPhotos)
    .where(and(inArray(rosterPhotos.declarationId, declarationIds), eq(rosterPhotos.status, "pending")));
  return new Map(rows.map((r) => [r.declarationId ?? "", r.id]));
}

