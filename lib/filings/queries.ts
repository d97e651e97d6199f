import { and, count, desc, eq, gte, ilike, inArray, isNull, lte, or, type AnyColumn, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings, committees, orgs } from "@/db/schema";
import type { FilingStatus } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { isCertDivision } from "@/lib/orgs/cert-division";
import { isRosterManager } from "@/lib/roster/access";
import { EXPIRY_WARNING_DAYS } from "@/lib/terms/rules";
import { displayStatus, todayInChina } from "./constants";

type Actor = Pick<SessionUser, "id" | "role" | "orgId" | "orgIsCertDivision">;
export const FILING_PAGE_SIZE = 20;

const listColumns = {
  id: committeeFilings.id,
  committeeId: committeeFilings.committeeId,
  termId: committeeFilings.termId,
  committeeName: committees.name,
  committeeCode: committees.code,
  formingOrgName: orgs.name,
  series: committeeFilings.series,
  scope: committeeFilings.scope,
  status: committeeFilings.status,
  validFrom: committeeFilings.validFrom,
  validTo: committeeFilings.validTo,
  returnReason: committeeFilings.returnReason,
  submittedAt: committeeFilings.submittedAt,
  version: committeeFilings.version,
};

/**
 * One page of filings with their committee and organisation names, newest first by `newest` (then id), 20 a
 * page, and the total; `countJoinsOrgs` where `where` names the organisation.
 */
async function filingPage(db: Db, where: SQL | undefined, newest: AnyColumn, page: number, countJoinsOrgs: boolean) {
  const counted = db.select({ total: count() }).from(committeeFilings).innerJoin(committees, eq(committees.id, committeeFilings.committeeId)).$dynamic();
  const [rows, [{ total }]] = await Promise.all([
    db
      .select(listColumns)
      .from(committeeFilings)
      .innerJoin(committees, eq(committees.id, committeeFilings.committeeId))
      .innerJoin(orgs, eq(orgs.id, committeeFilings.formingOrgId))
      .where(where)
      .orderBy(desc(newest), desc(committeeFilings.id))
      .limit(FILING_PAGE_SIZE)
      .offset((page - 1) * FILING_PAGE_SIZE),
    (countJoinsOrgs ? counted.innerJoin(orgs, eq(orgs.id, committeeFilings.formingOrgId)) : counted).where(where),
  ]);
  return { rows: withDisplay(rows), total };
}

function withDisplay<T extends { status: FilingStatus; validTo: string }>(rows: T[], today = todayInChina()) {
  return rows.map((r) => ({ ...r, display: displayStatus(r, today) }));
}

export type FilingListFilter = { q?: string; status?: FilingStatus };

/** `%`, `_` and `\` typed by the user are literal in a LIKE pattern. */
function contains(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filer's list: the filings of the actor's organisation, newest first, 20 a page (index
 * committee_filings(forming_org_id, created_at)); search by committee name or code, filter by state.
 * Only a committee-forming grant has one: an expert's or 评委会成员's grant names the same
 * organisation but sees nothing here.
 */
export async function listOwnFilings(db: Db, user: Actor, filter: FilingListFilter = {}, page = 1) {
  if (!isRosterManager(user)) return { rows: [], total: 0 };
  const conds: SQL[] = [eq(committeeFilings.formingOrgId, user.orgId)];
  if (filter.status) conds.push(eq(committeeFilings.status, filter.status));
  if (filter.q) conds.push(or(ilike(committees.name, contains(filter.q)), eq(committees.code, filter.q))!);
  return filingPage(db, and(...conds), committeeFilings.createdAt, page, false);
}

/** The filings an examiner sees: those routed to its organisation (or, for the 专技处, those with no examiner). */
function examinerWhere(user: Actor): SQL | null {
  if (!user.orgId) return null;
  if (user.role === "dept") return eq(committeeFilings.deptExaminerOrgId, user.orgId);
  if (user.role !== "hrss") return null;
  const own = eq(committeeFilings.hrssExaminerOrgId, user.orgId);
  return isCertDivision(user) ? or(own, and(isNull(committeeFilings.hrssExaminerOrgId), inArray(committeeFilings.status, ["submitted", "approved"])))! : own;
}

export type FilingQueueFilter = FilingListFilter;

/** 评审权备案审核 queue: search by committee or organisation name, filter by state, 20 a page. */
export async function listExaminerQueue(db: Db, user: Actor, filter: FilingQueueFilter, page: number) {
  const base = examinerWhere(user);
  if (!base) return { rows: [], total: 0 };
  const conds: SQL[] = [base, inArray(committeeFilings.status, ["submitted", "dept_approved", "approved", "revoked"])];
  if (filter.status) conds.push(eq(committeeFilings.status, filter.status));
  if (filter.q) {
    const p = contains(filter.q);
    conds.push(or(ilike(committees.name, p), ilike(orgs.name, p))!);
  }
  return filingPage(db, and(...conds), committeeFilings.submittedAt, page, true);
}

/** One filing with its committee and organisation names (the caller has checked access). */
export async function getFilingDetail(db: Db, filingId: string) {
  const [row] = await db
    .select({ ...listColumns, specialties: committeeFilings.specialties, levelFrom: committeeFilings.levelFrom, levelTo: committeeFilings.levelTo, members: committeeFilings.members, rulesPdfName: committeeFilings.rulesPdfName, deptExaminerOrgId: committeeFilings.deptExaminerOrgId, hrssExaminerOrgId: committeeFilings.hrssExaminerOrgId, deptApprovedAt: committeeFilings.deptApprovedAt, approvedAt: committeeFilings.approvedAt })
    .from(committeeFilings)
    .innerJoin(committees, eq(committees.id, committeeFilings.committeeId))
    .innerJoin(orgs, eq(orgs.id, committeeFilings.formingOrgId))
    .where(eq(committeeFilings.id, filingId));
  if (!row) return null;
  const names = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, [row.deptExaminerOrgId, row.hrssExaminerOrgId].filter((x): x is string => !!x)));
  const nameOf = (id: string | null) => names.find((n) => n.id === id)?.name ?? null;
  return { ...withDisplay([row])[0], deptExaminerName: nameOf(row.deptExaminerOrgId), hrssExaminerName: nameOf(row.hrssExaminerOrgId) };
}

/** 待办: approved filings of the filer (or examined by the actor) that expire within 90 days, and filings waiting for the actor's decision. */
export async function countFilingWork(db: Db, user: Actor, now = new Date()) {
  const today = todayInChina(now);
  const soon = todayInChina(new Date(now.getTime() + EXPIRY_WARNING_DAYS * 86400_000));
  const expiring = (scope: SQL) =>
    db
      .select({ n: count() })
      .from(committeeFilings)
      .where(and(scope, eq(committeeFilings.status, "approved"), gte(committeeFilings.validTo, today), lte(committeeFilings.validTo, soon)));
  const own = isRosterManager(user) ? (await expiring(eq(committeeFilings.formingOrgId, user.orgId)))[0].n : 0;
  const ex = examinerWhere(user);
  const examined = ex ? (await expiring(ex))[0].n : 0;
  let waiting = 0;
  if (ex && user.orgId) {
    const stage =
      user.role === "dept"
        ? eq(committeeFilings.status, "submitted")
        : or(eq(committeeFilings.status, "dept_approved"), and(eq(committeeFilings.status, "submitted"), isNull(committeeFilings.deptExaminerOrgId)));
    waiting = (await db.select({ n: count() }).from(committeeFilings).where(and(ex, stage)))[0].n;
  }
  return { ownExpiring: own, examinedExpiring: examined, waiting };
}
