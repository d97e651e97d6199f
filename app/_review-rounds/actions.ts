"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { addCandidates, cancelRound, createRound, removeCandidate, setActingChair } from "@/lib/review-rounds/rounds";
import { actingChairSchema, addCandidatesSchema, cancelRoundSchema, confirmTallySchema, createRoundSchema, removeCandidateSchema } from "@/lib/review-rounds/schemas";
import { confirmTally } from "@/lib/review-rounds/tally";
import { CONFIRMER_KIND_LABELS } from "@/lib/review-rounds/constants";
import { ROUND_AREAS } from "./round-areas";

// 线上评审管理 of the forming organisation (docs/domain.md §17). The lib functions assert the round's
// ownership and write their own `review_round.*` audit rows; these wrappers add the action's row.

/** 新建评审会议: a committee term whose approved filing covers the meeting date. */
export const createRoundAction = protectedAction({
  name: "review_round.create.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: createRoundSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const round = await createRound(tx, user, { ...input, ip });
    return { data: { roundId: round.id }, message: `已新建评审会议“${round.name}”`, audit: { targetType: "review_round", targetId: round.id, detail: { termId: input.termId, meetingDate: input.meetingDate } } };
  },
});

/** 添加申报人 in bulk: accepted declarations of the committee (each refused one is named). */
export const addCandidatesAction = protectedAction({
  name: "review_round.add_candidates.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: addCandidatesSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await addCandidates(tx, user, { ...input, ip });
    const message = r.refused.length === 0 ? `已添加${r.added.length}名申报人` : `已添加${r.added.length}名申报人，${r.refused.length}名未添加`;
    return { data: r, message, audit: { targetType: "review_round", targetId: input.roundId, detail: { added: r.added.length, refused: r.refused.length } } };
  },
});

export const removeCandidateAction = protectedAction({
  name: "review_round.remove_candidate.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: removeCandidateSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await removeCandidate(tx, user, { ...input, ip });
    return { data: undefined, message: "已移出该申报人", audit: { targetType: "review_round", targetId: input.roundId, detail: { candidateId: input.candidateId } } };
  },
});

export const cancelRoundAction = protectedAction({
  name: "review_round.cancel.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: cancelRoundSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await cancelRound(tx, user, { ...input, ip });
    return { data: undefined, message: "评审会议已取消", audit: { targetType: "review_round", targetId: input.roundId } };
  },
});

/** 指定副主任主持 / 恢复由主任主持 (the forming organisation, before signing, with the reason). */
export const actingChairAction = protectedAction({
  name: "review_round.acting_chair.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: actingChairSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await setActingChair(tx, user, { ...input, ip });
    return {
      data: undefined,
      message: input.userId ? "已指定副主任主持本次评审会议" : "已恢复由主任主持本次评审会议",
      audit: { targetType: "review_round", targetId: input.roundId, detail: { userId: input.userId } },
    };
  },
});

/** 确认统票 by a staff member of the forming organisation, on the digest of the counts shown. */
export const confirmTallyStaffAction = protectedAction({
  name: "review_round.confirm_tally.action",
  roles: COMMITTEE_FORMING_ROLES,
  schema: confirmTallySchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await confirmTally(tx, user, { ...input, ip });
    return { data: r, message: `已作为${CONFIRMER_KIND_LABELS[r.kind]}确认统票结果`, audit: { targetType: "review_round", targetId: input.roundId, detail: { kind: r.kind } } };
  },
});
