import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { getPersonIdentity, isHolderOf, type PersonIdentity } from "@/lib/identity/holder";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

export type CertificateViewer = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;
export type HolderDocument = PersonIdentity;
/** Why a viewer may have a certificate's PDF; null = may not (and must not learn that it exists). */
export type CertificateAccess = "holder" | "committee" | "cert_division" | null;

/**
 * docs/domain.md §7: the holder (the account's 证件类型, 证件号码 and 姓名 equal the certificate's, §11), users of the
 * organisation that formed the certificate's committee (in a committee-forming role), and the
 * provincial 专技处. Same rule as the photos (lib/photos/access.ts).
 */
export function certificateAccessFor(
  viewer: CertificateViewer,
  viewerDoc: HolderDocument | null,
  cert: { idType: string; idNumber: string; name: string; formingOrgId: string },
): CertificateAccess {
  if (viewer.role === "person") return isHolderOf(viewerDoc, cert) ? "holder" : null;
  if (viewer.orgId && COMMITTEE_FORMING_ROLES.includes(viewer.role) && viewer.orgId === cert.formingOrgId) return "committee";
  if (viewer.role === "hrss" && viewer.orgIsCertDivision) return "cert_division";
  return null;
}

/** The person's registered identity (document and name), or null (other roles, or none registered). */
export async function getHolderDocument(db: Db, userId: string): Promise<HolderDocument | null> {
  return getPersonIdentity(db, userId);
}

/** docs/domain.md §7: before 2020, view only (the route handler answers 403 with this, even to the holder). */
export const VIEW_ONLY_MESSAGE = "2020年度之前取得的职称证书仅提供信息查看，不提供电子证书下载";

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
