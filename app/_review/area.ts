import { notFound, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { requireRolePage, type SessionUser } from "@/lib/auth/session";
import { isCertDivision } from "@/lib/backfill/guards";
import { ForbiddenError } from "@/lib/errors";
import { assertCommitteeOwner, isUuid, type OwnedCommittee } from "@/lib/roster/access";
import type { Role } from "@/lib/roles";

/** The three areas hosting the committee's 照片审核与提交 workspace. */
export const REVIEW_AREAS = {
  hrss: { role: "hrss", base: "/hrss/review", rosterBase: "/hrss/roster" },
  dept: { role: "dept", base: "/dept/review", rosterBase: "/dept/roster" },
  "self-unit": { role: "self_unit", base: "/self-unit/review", rosterBase: "/self-unit/roster" },
} as const satisfies Record<string, { role: Role; base: string; rosterBase: string }>;
export type ReviewArea = keyof typeof REVIEW_AREAS;

export type SearchParams = Record<string, string | string[] | undefined>;

export function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === "" ? undefined : s;
}

/** Search text from a GET form, trimmed and bounded. */
export function searchText(v: string | string[] | undefined): string | undefined {
  return first(v)?.trim().slice(0, 60) || undefined;
}

export function yearParam(v: string | string[] | undefined): number | undefined {
  const n = Number(first(v));
  return Number.isInteger(n) && n >= 1950 && n <= 2100 ? n : undefined;
}

/** Page guard: the area's role, then ownership of the committee (another unit's committee answers 404). */
export async function requireReviewCommittee(area: ReviewArea, committeeId: string): Promise<{ user: SessionUser; committee: OwnedCommittee; base: string; rosterBase: string }> {
  const { role, base, rosterBase } = REVIEW_AREAS[area];
  const user = await requireRolePage([role]);
  if (!isUuid(committeeId)) notFound();
  try {
    const committee = await assertCommitteeOwner(await getDb(), user, committeeId);
    return { user, committee, base: `${base}/${committee.id}`, rosterBase: `${rosterBase}/${committee.id}` };
  } catch (err) {
    if (err instanceof ForbiddenError) notFound();
    throw err;
  }
}

/** Page guard of 证书确认: an hrss account of the provincial 专技处 only (a city HR user is sent away). */
export async function requireCertDivisionPage(): Promise<SessionUser> {
  const user = await requireRolePage(["hrss"]);
  if (!isCertDivision(user)) redirect("/forbidden?from=/hrss");
  return user;
}

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "short" });
export function formatTime(d: Date | null | undefined): string {
  return d ? dateTime.format(d) : "—";
}
