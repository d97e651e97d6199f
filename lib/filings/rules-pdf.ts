import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings } from "@/db/schema";

/** The 评审办法 of a filing with what its access check needs. */
export async function getFilingRulesPdf(db: Db, filingId: string) {
  const [row] = await db
    .select({
      id: committeeFilings.id,
      formingOrgId: committeeFilings.formingOrgId,
      deptExaminerOrgId: committeeFilings.deptExaminerOrgId,
      hrssExaminerOrgId: committeeFilings.hrssExaminerOrgId,
      submittedAt: committeeFilings.submittedAt,
      rulesPdf: committeeFilings.rulesPdf,
      rulesPdfName: committeeFilings.rulesPdfName,
    })
    .from(committeeFilings)
    .where(eq(committeeFilings.id, filingId));
  return row ?? null;
}
