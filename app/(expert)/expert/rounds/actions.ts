"use server";

import { ROUND_AREAS } from "@/app/_review-rounds/round-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { castSheet, checkIn } from "@/lib/review-rounds/ballot";
import { CONFIRMER_KIND_LABELS } from "@/lib/review-rounds/constants";
import { signPledge, submitOpinion, writeSummary } from "@/lib/review-rounds/review";
import { castSheetSchema, checkInSchema, confirmTallySchema, opinionSchema, signPledgeSchema, summarySchema } from "@/lib/review-rounds/schemas";
import { confirmTally } from "@/lib/review-rounds/tally";

// 线上评审 of a round's members (docs/domain.md §17). Every lib call asserts the seat, the 承诺书 and that
// the member is not blocked from the candidate; the audit rows never hold a choice or a receipt.

const ROLES = ["expert"] as const;
const audit = (roundId: string, detail?: Record<string, unknown>) => ({ targetType: "review_round", targetId: roundId, detail });

/** 签署专家纪律承诺书: no material opens before it. */
export const signPledgeAction = protectedAction({
  name: "review_round.pledge.action",
  roles: ROLES,
  schema: signPledgeSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await signPledge(tx, user, { ...input, ip });
    return { data: undefined, message: "已签署专家纪律承诺书", audit: audit(input.roundId) };
  },
});

/** 签到 with the password. */
export const checkInAction = protectedAction({
  name: "review_round.check_in.action",
  roles: ROLES,
  schema: checkInSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await checkIn(tx, user, { ...input, ip });
    return { data: undefined, message: "已签到", audit: audit(input.roundId) };
  },
});

/** 提交评议意见 (text + 建议通过 / 不建议通过). */
export const submitOpinionAction = protectedAction({
  name: "review_round.opinion.action",
  roles: ROLES,
  schema: opinionSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await submitOpinion(tx, user, { ...input, ip });
    return { data: undefined, message: "评议意见已提交", audit: audit(input.roundId, { candidateId: input.candidateId }) };
  },
});

/** 评议组意见 by the 组长. */
export const writeSummaryAction = protectedAction({
  name: "review_round.summary.action",
  roles: ROLES,
  schema: summarySchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await writeSummary(tx, user, { ...input, ip });
    return { data: undefined, message: "评议组意见已提交", audit: audit(input.roundId, { candidateId: input.candidateId }) };
  },
});

/** 提交表决票: one sheet, password re-entered. The audit row says only that a sheet was submitted. */
export const castSheetAction = protectedAction({
  name: "review_round.cast_sheet.action",
  roles: ROLES,
  schema: castSheetSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await castSheet(tx, user, { ...input, ip });
    return { data: { receipt: r.receipt }, message: `表决票已提交，回执码 ${r.receipt}`, audit: audit(input.roundId) };
  },
});

/** 监票人确认统票. */
export const confirmTallyScrutineerAction = protectedAction({
  name: "review_round.confirm_tally.action",
  roles: ROLES,
  schema: confirmTallySchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await confirmTally(tx, user, { ...input, ip });
    return { data: r, message: `已作为${CONFIRMER_KIND_LABELS[r.kind]}确认统票结果`, audit: audit(input.roundId, { kind: r.kind }) };
  },
});
