"use server";

import { ROUND_AREAS } from "@/app/_review-rounds/round-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { closeBallot, openBallot, recordAttendance } from "@/lib/review-rounds/ballot";
import { decideConflict } from "@/lib/review-rounds/conflicts";
import { assignCandidates, distribute, formPanel, startPanelReview } from "@/lib/review-rounds/panels";
import { selectMembers } from "@/lib/review-rounds/rounds";
import { assignCandidatesSchema, attendanceSchema, decideConflictSchema, formPanelSchema, roundStepSchema, selectMembersSchema } from "@/lib/review-rounds/schemas";
import { signTallySchema, signTallyWithPassword } from "@/lib/review-rounds/sign-with-password";

// The 主任's console (docs/domain.md §17). The lib functions assert that the active grant is the 主任 of the
// round's committee term and write their own `review_round.*` audit rows; these wrappers add the action's.

const ROLES = ["committee_member"] as const;
const audit = (roundId: string, detail?: Record<string, unknown>) => ({ targetType: "review_round", targetId: roundId, detail });

/** 选定参会委员 from the term. */
export const selectMembersAction = protectedAction({
  name: "review_round.select_members.action",
  roles: ROLES,
  schema: selectMembersSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await selectMembers(tx, user, { ...input, ip });
    const message = r.notSeated > 0 ? `已选定参会委员${r.seated}人（另有${r.notSeated}人因在途申报不参加评审）` : `已选定参会委员${r.seated}人`;
    return { data: r, message, audit: audit(input.roundId, r) };
  },
});

/** 组建评议组 (new or replacing a panel's members). */
export const formPanelAction = protectedAction({
  name: "review_round.form_panel.action",
  roles: ROLES,
  schema: formPanelSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const panel = await formPanel(tx, user, { ...input, ip });
    return { data: { panelId: panel.id }, message: `已保存评议组“${panel.name}”`, audit: audit(input.roundId, { panelId: panel.id, members: input.memberUserIds.length }) };
  },
});

/** 分发材料: the selected candidates to one panel. */
export const assignCandidatesAction = protectedAction({
  name: "review_round.assign.action",
  roles: ROLES,
  schema: assignCandidatesSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await assignCandidates(tx, user, { ...input, ip });
    return { data: r, message: `已将${r.assigned}名申报人分到该评议组`, audit: audit(input.roundId, { panelId: input.panelId, assigned: r.assigned }) };
  },
});

/** 完成分发: refused unless every candidate has ≥ 3 unblocked reviewers; freezes the members. */
export const distributeAction = protectedAction({
  name: "review_round.distribute.action",
  roles: ROLES,
  schema: roundStepSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await distribute(tx, user, { ...input, ip });
    return { data: undefined, message: "材料已分发，参会委员名单已确定", audit: audit(input.roundId) };
  },
});

export const startPanelReviewAction = protectedAction({
  name: "review_round.start_review.action",
  roles: ROLES,
  schema: roundStepSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await startPanelReview(tx, user, { ...input, ip });
    return { data: undefined, message: "评议已开始，评议组成员可以发表意见", audit: audit(input.roundId) };
  },
});

/** 确认回避 / 排除回避 (with a reason) of a suggested conflict. */
export const decideConflictAction = protectedAction({
  name: "review_round.decide_conflict.action",
  roles: ROLES,
  schema: decideConflictSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await decideConflict(tx, user, { ...input, ip });
    return { data: undefined, message: input.decision === "pin" ? "已确认回避" : "已排除该回避提示", audit: audit(input.roundId, { conflictId: input.conflictId, decision: input.decision }) };
  },
});

/** 记录出席. */
export const recordAttendanceAction = protectedAction({
  name: "review_round.attendance.action",
  roles: ROLES,
  schema: attendanceSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await recordAttendance(tx, user, { ...input, ip });
    return { data: r, message: `已记录出席：${r.present} / ${r.members} 人`, audit: audit(input.roundId, r) };
  },
});

/** 开启投票: only with the quorum, each candidate's opinions and summary; freezes "present". */
export const openBallotAction = protectedAction({
  name: "review_round.open_ballot.action",
  roles: ROLES,
  schema: roundStepSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await openBallot(tx, user, { ...input, ip });
    return { data: undefined, message: "投票已开启", audit: audit(input.roundId) };
  },
});

/** 结束投票: no sheet lands after it. */
export const closeBallotAction = protectedAction({
  name: "review_round.close_ballot.action",
  roles: ROLES,
  schema: roundStepSchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    await closeBallot(tx, user, { ...input, ip });
    return { data: undefined, message: "投票已结束，可以统票", audit: audit(input.roundId) };
  },
});

/** 签署统票结果 with the password: the tally becomes immutable. */
export const signTallyAction = protectedAction({
  name: "review_round.sign.action",
  roles: ROLES,
  schema: signTallySchema,
  revalidate: ROUND_AREAS,
  handler: async ({ tx, user, input, ip }) => {
    const r = await signTallyWithPassword(tx, user, { ...input, ip });
    return {
      data: r,
      message: `统票结果已签署：通过${r.passed}人，未通过${r.failed}人${r.deferred > 0 ? `，暂缓${r.deferred}人` : ""}`,
      audit: audit(input.roundId, { closingHash: r.closingHash, passed: r.passed, failed: r.failed, deferred: r.deferred }),
    };
  },
});
