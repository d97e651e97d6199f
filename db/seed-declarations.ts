import { and, eq } from "drizzle-orm";
import { DEFAULT_ELIGIBILITY } from "../lib/declarations/eligibility";
import { todayInChina } from "../lib/filings/constants";
import type { Db } from "./client";
import { committeeFilings, committees, declarationBatches, eligibilityRules } from "./schema";

/**
 * The declaration demo (docs/domain.md §16): the provincial eligibility defaults, and this year's open 申报批次
 * for every demo committee with an approved filing (committee 004, 贵州大学; 001 when it has one).
 */
export async function seedDeclarationDemo(tx: Db, ctx: { createdBy: string }): Promise<void> {
  await tx
    .insert(eligibilityRules)
    .values(DEFAULT_ELIGIBILITY.map((r) => ({ series: "*", level: r.level, education: r.education, yearsRequired: r.years, note: "全省默认" })))
    .onConflictDoNothing();
  const year = Number(todayInChina().slice(0, 4));
  for (const code of ["004", "001"]) {
    const [c] = await tx.select().from(committees).where(eq(committees.code, code));
    if (!c) continue;
    const [filing] = await tx
      .select({ id: committeeFilings.id })
      .from(committeeFilings)
      .where(and(eq(committeeFilings.committeeId, c.id), eq(committeeFilings.status, "approved")))
      .limit(1);
    if (!filing) continue;
    await tx.insert(declarationBatches).values({
      committeeId: c.id,
      year,
      name: `${year}年度${c.name}职称申报`,
      series: c.series,
      levelFrom: c.levelFrom,
      levelTo: c.levelTo,
      opensOn: `${year}-01-01`,
      closesOn: `${year}-12-31`,
      status: "open",
      createdBy: ctx.createdBy,
    });
  }
}
