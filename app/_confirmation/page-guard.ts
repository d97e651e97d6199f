import { redirect } from "next/navigation";
import { requireRolePage, type SessionUser } from "@/lib/auth/session";
import { isCertDivision } from "@/lib/orgs/cert-division";

/** Page guard of 证书确认 and 证书管理: an hrss account of the provincial 专技处 only (a city HR user is sent away). */
export async function requireCertDivisionPage(): Promise<SessionUser> {
  const user = await requireRolePage(["hrss"]);
  if (!isCertDivision(user)) redirect("/forbidden?from=/hrss");
  return user;
}
