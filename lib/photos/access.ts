import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, rosterPhotos, rosterRecords, type RosterStatus } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getPersonIdentity, isHolderOf, type PersonIdentity } from "@/lib/identity/holder";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/** Who asks: enough of the session to decide (the org flags come from the database, see getCurrentUser). */
export type PhotoViewer = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;

/** Why a viewer may see a record's photos; null = may not (and must not learn that the photo exists). */
export type PhotoAccess = "holder" | "committee" | "cert_division" | null;

/** The facts of a record that decide access to its photos. */
export type PhotoRecordFacts = { idType: string; idNumber: string; name: string; status: RosterStatus; formingOrgId: string };

/**
 * The rule (docs/domain.md §7, same as certificates): the holder (account ID type, number and name equal the record's,
 * docs/domain.md §11; record published), users of the organisation that formed the record's committee, and the provincial
 * 专技处 (an hrss user whose organisation is the cert division). Everyone else: no.
 */
export function photoAccessFor(
  viewer: PhotoViewer,
  viewerDoc: PersonIdentity | null,
  record: PhotoRecordFacts,
): PhotoAccess {
  if (viewer.role === "person") return isHolderOf(viewerDoc, record) && record.status !== "draft" ? "holder" : null;
  if (viewer.orgId && COMMITTEE_FORMING_ROLES.includes(viewer.role) && viewer.orgId === record.formingOrgId) return "committee";
  if (viewer.role === "hrss" && viewer.orgIsCertDivision) return "cert_division";
  return null;
}

async function viewerDocument(db: Db, viewer: PhotoViewer): Promise<PersonIdentity | null> {
  return viewer.role === "person" ? getPersonIdentity(db, viewer.id) : null;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One photo and the facts of its record that decide access; the image bytes are not read here. */
export type PhotoFacts = PhotoRecordFacts & { id: string; recordId: string; sha256: string; bytes: number };

export async function getPhotoFacts(db: Db, photoId: string): Promise<PhotoFacts | null> {
  if (!UUID_RE.test(photoId)) return null;
  const [row] = await db
    .select({
      id: rosterPhotos.id,
      recordId: rosterPhotos.recordId,
      sha256: rosterPhotos.sha256,
      bytes: rosterPhotos.bytes,
      idType: rosterRecords.idType,
      idNumber: rosterRecords.idNumber,
      name: rosterRecords.name,
      status: rosterRecords.status,
      formingOrgId: committees.formingOrgId,
    })
    .from(rosterPhotos)
    .innerJoin(rosterRecords, eq(rosterRecords.id, rosterPhotos.recordId))
    .innerJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .where(eq(rosterPhotos.id, photoId))
    .limit(1);
  return row ?? null;
}

/**
 * Why the viewer may see this photo, or null — the same answer whether the photo does not exist or
 * belongs to someone else, so the route can say 404 in both cases.
 */
export async function getPhotoAccess(db: Db, viewer: PhotoViewer, photo: PhotoRecordFacts): Promise<Exclude<PhotoAccess, null> | null> {
  return photoAccessFor(viewer, await viewerDocument(db, viewer), photo);
}

/** The stored JPEG, read only once access is granted. */
export async function getPhotoData(db: Db, photoId: string): Promise<Buffer | null> {
  const [blob] = await db.select({ data: rosterPhotos.data }).from(rosterPhotos).where(eq(rosterPhotos.id, photoId)).limit(1);
  return blob?.data ?? null;
}
