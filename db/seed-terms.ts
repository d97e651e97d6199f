import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { approveFiling, attachRulesPdf, saveFiling, submitFiling } from "../lib/filings/filings";
import { todayInChina } from "../lib/filings/constants";
import { maxEndDate } from "../lib/terms/rules";
import { saveTerm } from "../lib/terms/terms";
import type { TermPosition } from "./schema/enums";
import type { Db } from "./client";
import { expertPoolMembers, roleGrants } from "./schema";

type SeedActor = { id: string; role: "self_unit" | "dept" | "hrss"; orgId: string; orgIsCertDivision: boolean };

/** A one-page PDF standing in for the demo's 评审办法 (the check reads the %PDF- header). */
export const DEMO_RULES_PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

/** Days from today to the last day of 贵州大学's current term: inside the 90-day warning. */
export const DEMO_EXPIRING_IN_DAYS = 60;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addYears(day: string, years: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

type Seat = { poolMemberId: string; position: TermPosition; panelLeader: boolean };

async function fileTerm(
  tx: Db,
  filer: SeedActor,
  input: { committeeId: string; startDate: string; endDate: string; members: Seat[]; specialties: string; rulesName: string },
) {
  const term = await saveTerm(tx, filer, { committeeId: input.committeeId, startDate: input.startDate, endDate: input.endDate, scope: "series", members: input.members });
  const draft = await saveFiling(tx, filer, { termId: term.id, specialties: input.specialties, scope: "series", validFrom: input.startDate, validTo: input.endDate });
  await attachRulesPdf(tx, filer, draft.id, DEMO_RULES_PDF, input.rulesName);
  const filing = await submitFiling(tx, filer, { filingId: draft.id, version: draft.version + 1 });
  return { term, filing };
}

/**
 * The demo's committee terms and 评审权备案 (docs/domain.md §14), all through the domain functions:
 *
 * - 贵州大学's committee 004, current term: 25 members from its pool — 李四 (demo_expert) 主任委员, two
 *   副主任委员 — filed and approved by 贵州省教育厅 (its 主管部门, demo_edu) and then the 省人社厅
 *   (demo_province). It ends in 60 days (DEMO_EXPIRING_IN_DAYS), so the 90-day expiry warning shows on the homes of the filer and
 *   both examiners.
 * - 004's next term, starting the day after: filed and submitted, waiting in 贵州省教育厅's queue. The
 *   two never overlap, so one approved filing covers any day (lib/filings/can-hold.ts).
 * - The 省人社厅's committee 001: 25 members of its 工程技术 pool — 王五 (demo_committee) 主任委员, 李四
 *   副主任委员 — filed by the 省人社厅 with no examiner and recorded by the 专技处 (demo_zjc).
 */
export async function seedTermDemo(
  tx: Db,
  ctx: {
    committee004: string;
    committee001: string;
    expertUserId: string;
    committeeUserId: string;
    selfUnit: SeedActor;
    edu: SeedActor;
    province: SeedActor;
    zjc: SeedActor;
    provincePool: { generated: string[]; committee: string; expert: string };
  },
) {
  const today = todayInChina();
  const pool = await tx
    .select({ id: expertPoolMembers.id, level: expertPoolMembers.level })
    .from(expertPoolMembers)
    .where(and(eq(expertPoolMembers.orgId, ctx.selfUnit.orgId), eq(expertPoolMembers.series, "高校教师"), eq(expertPoolMembers.status, "active"), ne(expertPoolMembers.userId, ctx.expertUserId)))
    .orderBy(asc(expertPoolMembers.idNumber))
    .limit(24);
  const [li] = await tx.select({ id: expertPoolMembers.id }).from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, ctx.selfUnit.orgId), eq(expertPoolMembers.userId, ctx.expertUserId)));

  // 004, current term: ends DEMO_EXPIRING_IN_DAYS from today and lasts the full 3 years.
  const currentEnd = addDays(today, DEMO_EXPIRING_IN_DAYS);
  const currentStart = addYears(addDays(currentEnd, 1), -3);
  const current = await fileTerm(tx, ctx.selfUnit, {
    committeeId: ctx.committee004,
    startDate: currentStart,
    endDate: currentEnd,
    specialties: "高校教师系列各专业",
    rulesName: "贵州大学高校教师职称评审办法.pdf",
    members: [
      { poolMemberId: li.id, position: "chair", panelLeader: false },
      ...pool.map((p, i) => ({ poolMemberId: p.id, position: i < 2 ? ("vice_chair" as const) : ("member" as const), panelLeader: i >= 2 && i < 5 })),
    ],
  });
  let f = await approveFiling(tx, ctx.edu, { filingId: current.filing.id, version: current.filing.version });
  f = await approveFiling(tx, ctx.province, { filingId: f.id, version: f.version });

  // 004, next term: a 教授 of the pool chairs, 李四 stays on as 委员; submitted, waiting for 贵州省教育厅.
  const nextStart = addDays(currentEnd, 1);
  const chair = pool.find((p) => p.level === "senior_full")!;
  const others = pool.filter((p) => p.id !== chair.id);
  const next = await fileTerm(tx, ctx.selfUnit, {
    committeeId: ctx.committee004,
    startDate: nextStart,
    endDate: maxEndDate(nextStart),
    specialties: "高校教师系列各专业",
    rulesName: "贵州大学高校教师职称评审办法（修订）.pdf",
    members: [
      { poolMemberId: chair.id, position: "chair", panelLeader: false },
      ...others.slice(0, 2).map((p) => ({ poolMemberId: p.id, position: "vice_chair" as const, panelLeader: false })),
      ...others.slice(2).map((p) => ({ poolMemberId: p.id, position: "member" as const, panelLeader: false })),
      { poolMemberId: li.id, position: "member", panelLeader: true },
    ],
  });

  // 001 (the 省人社厅's own): no examiner, the 专技处 records it (lib/filings/routing.ts).
  const start001 = `${today.slice(0, 4)}-01-01`;
  const c001 = await fileTerm(tx, ctx.province, {
    committeeId: ctx.committee001,
    startDate: start001,
    endDate: maxEndDate(start001),
    specialties: "工程技术系列各专业",
    rulesName: "贵州省工程技术高级职称评审办法.pdf",
    members: [
      { poolMemberId: ctx.provincePool.committee, position: "chair", panelLeader: false },
      { poolMemberId: ctx.provincePool.expert, position: "vice_chair", panelLeader: false },
      ...ctx.provincePool.generated.map((id, i) => ({ poolMemberId: id, position: i === 0 ? ("vice_chair" as const) : ("member" as const), panelLeader: i > 0 && i < 4 })),
    ],
  });
  const recorded = await approveFiling(tx, ctx.zjc, { filingId: c001.filing.id, version: c001.filing.version });

  // 王五's account is bound to committee 001 (EVALUATION §1): the users trigger's unbound default grant
  // goes, so his login starts at his 主任委员 grant.
  await tx
    .update(roleGrants)
    .set({ status: "revoked", revokedBy: ctx.zjc.id, revokedAt: new Date() })
    .where(and(eq(roleGrants.userId, ctx.committeeUserId), eq(roleGrants.role, "committee_member"), isNull(roleGrants.committeeId), eq(roleGrants.status, "active")));

  return {
    current: { termId: current.term.id, filingId: f.id, validTo: f.validTo },
    next: { termId: next.term.id, filingId: next.filing.id },
    committee001: { termId: c001.term.id, filingId: recorded.id },
  };
}
