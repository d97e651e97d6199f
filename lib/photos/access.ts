import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, declarations, reviewRounds, roundCandidates, rosterPhotos, rosterRecords, type RosterStatus } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { isDeclarationVisible } from "@/lib/declarations/access";
import { confirmingAuthority } from "@/lib/review-results/results";
import { getPersonIdentity, isHolderOf, type PersonIdentity } from "@/lib/identity/holder";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/** Who asks: enough of the session to decide (the org flags come from the database, see getCurrentUser). */
export type PhotoViewer = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;

/**
 * Why a viewer may see a photo; null = may not (and must not learn that the photo exists). A declaration's photo
 * adds `examiner` (an office that may see the declaration) and `confirming` (the 人社部门 confirming a round of it).
 */
export type PhotoAccess = "holder" | "committee" | "cert_division" | "examiner" | "confirming" | null;

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

/** The facts of a declaration that decide access to its 证件照. */
export type PhotoDeclarationFacts = { declarationId: string; userId: string; formingOrgId: string };

/**
 * One photo and the facts of its owner that decide access; the image bytes are not read here. A photo belongs to a
 * back-fill record (`kind: "record"`) or to a declaration (`kind: "declaration"`, its 证件照).
 */
export type PhotoFacts = { id: string; sha256: string; bytes: number } & (
  | ({ kind: "record"; recordId: string } & PhotoRecordFacts)
  | ({ kind: "declaration" } & PhotoDeclarationFacts)
);

export async function getPhotoFacts(db: Db, photoId: string): Promise<PhotoFacts | null> {
  if (!UUID_RE.test(photoId)) return null;
  const [row] = await db
    .select({
      id: rosterPhotos.id,
      recordId: rosterPhotos.recordId,
      declarationId: rosterPhotos.declarationId,
      sha256: rosterPhotos.sha256,
      bytes: rosterPhotos.bytes,
      idType: rosterRecords.idType,
      idNumber: rosterRecords.idNumber,
      name: rosterRecords.name,
      status: rosterRecords.status,
      recordFormingOrgId: committees.formingOrgId,
      declarationUserId: declarations.userId,
      declarationFormingOrgId: declarations.formingOrgId,
    })
    .from(rosterPhotos)
    .leftJoin(rosterRecords, eq(rosterRecords.id, rosterPhotos.recordId))
    .leftJoin(committees, eq(committees.id, rosterRecords.committeeId))
    .leftJoin(declarations, eq(declarations.id, rosterPhotos.declarationId))
    .where(eq(rosterPhotos.id, photoId))
    .limit(1);
  if (!row) return null;
  const base = { id: row.id, sha256: row.sha256, bytes: row.bytes };
  if (row.recordId && row.idType && row.idNumber !== null && row.name !== null && row.status && row.recordFormingOrgId) {
    return { ...base, kind: "record", recordId: row.recordId, idType: row.idType, idNumber: row.idNumber, name: row.name, status: row.status, formingOrgId: row.recordFormingOrgId };
  }
  if (row.declarationId && row.declarationUserId && row.declarationFormingOrgId) {
    return { ...base, kind: "declaration", declarationId: row.declarationId, userId: row.declarationUserId, formingOrgId: row.declarationFormingOrgId };
  }
  return null;
}

/**
 * A declaration's 证件照 (docs/domain.md §16): its applicant; the certificate viewers of the back-fill rule (the
 * forming organisation of its committee, the 专技处); every office that may see the declaration (the examiners,
 * lib/declarations/access.ts `visibleCondition`); and the 人社部门 confirming a review round that holds it.
 */
async function declarationPhotoAccess(db: Db, viewer: PhotoViewer, d: PhotoDeclarationFacts): Promise<Exclude<PhotoAccess, null> | null> {
  if (viewer.role === "person") return viewer.id === d.userId ? "holder" : null;
  if (viewer.orgId && COMMITTEE_FORMING_ROLES.includes(viewer.role) && viewer.orgId === d.formingOrgId) return "committee";
  if (viewer.role === "hrss" && viewer.orgIsCertDivision) return "cert_division";
  if (await isDeclarationVisible(db, viewer, d.declarationId)) return "examiner";
  if (viewer.role === "hrss" && viewer.orgId) {
    const rounds = await db
      .select({ termId: reviewRounds.termId, committeeId: reviewRounds.committeeId, formingOrgId: reviewRounds.formingOrgId })
      .from(roundCandidates)
      .innerJoin(reviewRounds, eq(reviewRounds.id, roundCandidates.roundId))
      .where(eq(roundCandidates.declarationId, d.declarationId));
    for (const round of rounds) if ((await confirmingAuthority(db, round)).authorityOrgId === viewer.orgId) return "confirming";
  }
  return null;
}

/**
 * Why the viewer may see this photo, or null — the same answer whether the photo does not exist or
 * belongs to someone else, so the route can say 404 in both cases.
 */
export async function getPhotoAccess(db: Db, viewer: PhotoViewer, photo: PhotoFacts): Promise<Exclude<PhotoAccess, null> | null> {
  if (photo.kind === "declaration") return declarationPhotoAccess(db, viewer, photo);
  return photoAccessFor(viewer, await viewerDocument(db, viewer), photo);
}

/** The stored JPEG, read only once access is granted. */
export async function getPhotoData(db: Db, photoId: string): Promise<Buffer | null> {
  const [blob] = await db.select({ data: rosterPhotos.data }).from(rosterPhotos).where(eq(rosterPhotos.id, photoId)).limit(1);
  return blob?.data ?? null;
}
