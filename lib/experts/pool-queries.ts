import { and, desc, eq, ilike, inArray, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expertPoolMembers, orgs } from "@/db/schema";
import { isHolderOf } from "@/lib/identity/holder";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";
import { getInviteeIdentity } from "./access";
import { POOL_MEMBER_STATUS_INFO, POOL_PAGE_SIZE } from "./constants";
import type { PoolListFilter } from "./schemas";

/** `%`, `_` and `\` typed by the user are literal in a LIKE pattern. */
function contains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone.replace(/.(?=.{4})/g, "*");
}

function poolWhere(orgId: string, f: PoolListFilter): SQL {
  const m = expertPoolMembers;
  const conds: SQL[] = [eq(m.orgId, orgId)];
  // Removed members are listed only when asked for: the pool is the others.
  conds.push(f.status ? eq(m.status, f.status) : ne(m.status, "removed"));
  if (f.series) conds.push(eq(m.series, f.series));
  if (f.level) conds.push(eq(m.level, f.level));
  if (f.specialty) conds.push(ilike(m.specialty, contains(f.specialty)));
  if (f.title) conds.push(ilike(m.title, contains(f.title)));
  if (f.workUnit) conds.push(ilike(m.workUnit, contains(f.workUnit)));
  if (f.q) {
    const id = normalizeIdNumber(f.q);
    conds.push(or(ilike(m.invitedName, contains(f.q)), eq(m.idNumber, id))!);
  }
  return and(...conds)!;
}

export type PoolMemberRow = Awaited<ReturnType<typeof listPoolMembers>>["rows"][number];

/**
 * One page of an organisation's pool, newest invitation first (index (org_id, invited_at, id)); the
 * filters use the (org_id, series, specialty), (org_id, level) and (org_id, work_unit) indexes. ID numbers
 * and phones leave masked. The caller passes its own organisation (`assertPoolOrg`).
 */
export async function listPoolMembers(db: Db, orgId: string, filter: PoolListFilter, page: number, pageSize = POOL_PAGE_SIZE) {
  const m = expertPoolMembers;
  const where = poolWhere(orgId, filter);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: m.id,
        name: m.invitedName,
        idType: m.idType,
        idNumber: m.idNumber,
        phone: m.invitedPhone,
        title: m.title,
        series: m.series,
        specialty: m.specialty,
        level: m.level,
        workUnit: m.workUnit,
        status: m.status,
        reason: m.reason,
        bound: sql<boolean>`${m.userId} is not null`,
        invitedAt: m.invitedAt,
        version: m.version,
      })
      .from(m)
      .where(where)
      .orderBy(desc(m.invitedAt), desc(m.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(m).where(where),
  ]);
  return {
    total,
    rows: rows.map(({ idNumber, phone, ...r }) => ({
      ...r,
      maskedIdNumber: maskIdNumber(idNumber),
      maskedPhone: maskPhone(phone),
      levelLabel: r.level ? TITLE_LEVEL_LABELS[r.level] : "—",
      statusInfo: POOL_MEMBER_STATUS_INFO[r.status],
    })),
  };
}

/** The pending invitations addressed to this account: same ID type and number, and a matching name (`isHolderOf`). */
export async function listInvitationsForUser(db: Db, userId: string) {
  const identity = await getInviteeIdentity(db, userId);
  if (!identity) return [];
  const m = expertPoolMembers;
  const rows = await db
    .select({
      id: m.id,
      name: m.invitedName,
      idType: m.idType,
      idNumber: m.idNumber,
      orgName: orgs.name,
      title: m.title,
      series: m.series,
      specialty: m.specialty,
      invitedAt: m.invitedAt,
    })
    .from(m)
    .innerJoin(orgs, eq(orgs.id, m.orgId))
    .where(and(eq(m.idType, identity.idType), eq(m.idNumber, identity.idNumber), eq(m.status, "invited")))
    .orderBy(desc(m.invitedAt));
  return rows.filter((r) => isHolderOf(identity, r)).map(({ idNumber: _id, idType: _t, name: _n, ...r }) => r);
}

/** The pools an expert belongs to (active or suspended), for the expert's home. */
export async function listPoolsOfExpert(db: Db, userId: string) {
  const m = expertPoolMembers;
  const rows = await db
    .select({ id: m.id, orgName: orgs.name, status: m.status, acceptedAt: m.acceptedAt })
    .from(m)
    .innerJoin(orgs, eq(orgs.id, m.orgId))
    .where(and(eq(m.userId, userId), inArray(m.status, ["active", "suspended"])))
    .orderBy(orgs.name);
  return rows.map((r) => ({ ...r, statusInfo: POOL_MEMBER_STATUS_INFO[r.status] }));
}
