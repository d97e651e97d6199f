"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { confirmResults, issueResultCertificates, publishResults, recordObjection, resolveObjection } from "@/lib/review-results/results";
import { confirmResultsSchema, issueResultCertificatesSchema, publishResultsSchema, recordObjectionSchema, resolveObjectionSchema } from "@/lib/review-results/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

/** The forming organisation's areas and the 人社部门's (lists and round pages). */
const AREAS = [
  { path: "/hrss", type: "layout" },
  { path: "/dept", type: "layout" },
  { path: "/self-unit", type: "layout" },
] as const;

export const publishResultsAction = protectedAction({
  name: "review_results.publish",
  roles: COMMITTEE_FORMING_ROLES,
  schema: publishResultsSchema,
  revalidate: AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await publishResults(tx, user, input, { ip });
    return {
      data: r,
      message: `已发布结果公示（${r.postedOn}起，至${r.endsOn}）`,
      audit: { targetType: "review_round", targetId: input.roundId, detail: { endsOn: r.endsOn, candidates: r.candidates } },
    };
  },
});

export const recordObjectionAction = protectedAction({
  name: "review_results.objection_record",
  roles: COMMITTEE_FORMING_ROLES,
  schema: recordObjectionSchema,
  revalidate: AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await recordObjection(tx, user, input, { ip });
    return { data: r, message: "已登记异议", audit: { targetType: "review_round", targetId: input.roundId, detail: { objectionId: r.id } } };
  },
});

export const resolveObjectionAction = protectedAction({
  name: "review_results.objection_resolve",
  roles: COMMITTEE_FORMING_ROLES,
  schema: resolveObjectionSchema,
  revalidate: AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await resolveObjection(tx, user, input, { ip });
    return {
      data: r,
      message: r.status === "upheld" ? "异议成立，该申报人的评审结果暂缓" : "异议不成立，评审结果维持",
      audit: { targetType: "review_round", targetId: input.roundId, detail: { objectionId: input.objectionId, decision: r.status } },
    };
  },
});

export const confirmResultsAction = protectedAction({
  name: "review_results.confirm",
  roles: ["hrss"],
  schema: confirmResultsSchema,
  revalidate: AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await confirmResults(tx, user, input, { ip });
    return {
      data: { confirmed: r.confirmed, withheld: r.withheld },
      message: `${r.kind === "confirmation" ? "已确认" : "已备案"}：${r.confirmed}人${r.withheld ? `，暂缓${r.withheld}人` : ""}。已转省人社厅专技处签发电子证书`,
      audit: { targetType: "review_round", targetId: input.roundId, detail: { approvalNo: input.approvalNo, confirmed: r.confirmed } },
    };
  },
});

/** 发证 by the 专技处 (the domain call refuses anyone else with 「仅省人社厅专技处…」). */
export const issueResultCertificatesAction = protectedAction({
  name: "review_results.issue",
  roles: ["hrss"],
  schema: issueResultCertificatesSchema,
  revalidate: AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await issueResultCertificates(tx, user, input, { ip });
    return {
      data: { certificates: r.certificates.length },
      message: `已签发电子证书${r.certificates.length}张`,
      audit: { targetType: "review_round", targetId: input.roundId, detail: { certificates: r.certificates.length } },
    };
  },
});
