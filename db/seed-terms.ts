import { and, asc, eq, ne } from "drizzle-orm";
import { approveFiling, attachRulesPdf, saveFiling, submitFiling } from "../lib/filings/filings";
import { todayInChina } from "../lib/filings/constants";
import { maxEndDate } from "../lib/terms/rules";
import { saveTerm } from "../lib/terms/terms";
import type { Db } from "./client";
import { expertPoolMembers } from "./schema";

type SeedActor = { id: string; role: "self_unit" | "dept" | "hrss"; orgId: string; orgIsCertDivision: boolean };

/** A one-page PDF standing in for the demo's 评审办法 (the check reads the %PDF- header). */
export const DEMO_RULES_PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

/**
 * The demo's committee term and 评审权备案 (docs/domain.md §14): 贵州大学's committee 004 gets a 25-member
 * term from its pool — 李四 (demo_expert) 主任委员, two 副主任委员 — filed and approved by 贵州省教育厅
 * (its 主管部门, demo_edu) and then the 省人社厅 (demo_province), through the domain functions.
 */
export async function seedTermDemo(tx: Db, ctx: { committee004: string; expertUserId: string; selfUnit: SeedActor; edu: SeedActor; province: SeedActor }) {
  const pool = await tx
    .select({ id: expertPoolMembers.id, userId: expertPoolMembers.userId })
    .from(expertPoolMembers)
    .where(and(eq(expertPoolMembers.orgId, ctx.selfUnit.orgId), eq(expertPoolMembers.series, "高校教师"), eq(expertPoolMembers.status, "active"), ne(expertPoolMembers.userId, ctx.expertUserId)))
    .orderBy(asc(expertPoolMembers.idNumber))
    .limit(24);
  const [li] = await tx.select({ id: expertPoolMembers.id }).from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, ctx.selfUnit.orgId), eq(expertPoolMembers.userId, ctx.expertUserId)));
  const startDate = `${todayInChina().slice(0, 4)}-01-01`;
  const endDate = maxEndDate(startDate);
  const term = await saveTerm(tx, ctx.selfUnit, {
    committeeId: ctx.committee004,
    startDate,
    endDate,
    scope: "series",
    members: [
      { poolMemberId: li.id, position: "chair", panelLeader: false },
      ...pool.map((p, i) => ({ poolMemberId: p.id, position: i < 2 ? ("vice_chair" as const) : ("member" as const), panelLeader: i >= 2 && i < 5 })),
    ],
  });
  const draft = await saveFiling(tx, ctx.selfUnit, { termId: term.id, specialties: "高校教师系列各专业", scope: "series", validFrom: startDate, validTo: endDate });
  await attachRulesPdf(tx, ctx.selfUnit, draft.id, DEMO_RULES_PDF, "贵州大学高校教师职称评审办法.pdf");
  let f = await submitFiling(tx, ctx.selfUnit, { filingId: draft.id, version: draft.version + 1 });
  f = await approveFiling(tx, ctx.edu, { filingId: f.id, version: f.version });
  f = await approveFiling(tx, ctx.province, { filingId: f.id, version: f.version });
  return { termId: term.id, filingId: f.id, members: pool.length + 1 };
}
