"use server";

import { TERM_AREAS } from "@/app/_terms/term-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { approveFiling, returnFiling, saveFiling, submitFiling } from "@/lib/filings/filings";
import { filingRefSchema, returnFilingSchema, saveFilingSchema } from "@/lib/filings/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

export const saveFilingAction = protectedAction({
  name: "filing.save",
  roles: COMMITTEE_FORMING_ROLES,
  schema: saveFilingSchema,
  revalidate: TERM_AREAS,
  handler: async ({ tx, user, input }) => {
    const f = await saveFiling(tx, user, input);
    return { data: { filingId: f.id, version: f.version }, message: "已保存备案草稿", audit: { targetType: "committee_filing", targetId: f.id, detail: { termId: input.termId } } };
  },
});

export const submitFilingAction = protectedAction({
  name: "filing.submit",
  roles: COMMITTEE_FORMING_ROLES,
  schema: filingRefSchema,
  revalidate: TERM_AREAS,
  handler: async ({ tx, user, input }) => {
    const f = await submitFiling(tx, user, input);
    return {
      data: { version: f.version },
      message: "已报送备案",
      audit: { targetType: "committee_filing", targetId: f.id, detail: { members: f.members.length, deptExaminer: f.deptExaminerOrgId, hrssExaminer: f.hrssExaminerOrgId } },
    };
  },
});

/** Examiners: the 主管部门, the 人社部门 (or the 专技处 for the 省人社厅's own committees). */
const EXAMINER_ROLES = ["dept", "hrss"] as const;

export const approveFilingAction = protectedAction({
  name: "filing.approve",
  roles: EXAMINER_ROLES,
  schema: filingRefSchema,
  revalidate: TERM_AREAS,
  handler: async ({ tx, user, input }) => {
    const f = await approveFiling(tx, user, input);
    return {
      data: { version: f.version, status: f.status },
      message: f.status === "approved" ? "审核通过，备案已生效" : "审核通过，已转人社部门审核",
      audit: { targetType: "committee_filing", targetId: f.id, detail: { status: f.status } },
    };
  },
});

export const returnFilingAction = protectedAction({
  name: "filing.return",
  roles: EXAMINER_ROLES,
  schema: returnFilingSchema,
  revalidate: TERM_AREAS,
  handler: async ({ tx, user, input }) => {
    const f = await returnFiling(tx, user, input);
    return { data: { version: f.version }, message: "已退回，组建单位修改后可重新报送", audit: { targetType: "committee_filing", targetId: f.id, detail: { reason: input.reason } } };
  },
});
