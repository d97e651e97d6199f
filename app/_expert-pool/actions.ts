"use server";

import { protectedAction, type RevalidateTarget } from "@/lib/actions/safe-action";
import { changeMemberStatus, inviteExpert, respondToInvitation } from "@/lib/experts/pool";
import { inviteExpertSchema, memberStatusSchema, reinstateMemberSchema, respondInvitationSchema } from "@/lib/experts/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { maskIdNumber } from "@/lib/validation/id-number";

/** The pool screens of the committee-forming areas, and the homes that show invitations and pools. */
const POOL_AREAS: readonly RevalidateTarget[] = ["/hrss/experts", "/dept/experts", "/self-unit/experts", "/person", "/expert"].map((path) => ({
  path,
  type: "layout" as const,
}));

export const inviteExpertAction = protectedAction({
  name: "expert_pool.invite",
  roles: COMMITTEE_FORMING_ROLES,
  schema: inviteExpertSchema,
  revalidate: POOL_AREAS,
  handler: async ({ tx, user, input }) => {
    const { memberId } = await inviteExpert(tx, user, input);
    return {
      data: { memberId },
      message: `已向${input.name}发出专家库邀请，本人登录后接受即入库`,
      audit: { targetType: "expert_pool_member", targetId: memberId, detail: { name: input.name, idNumber: maskIdNumber(input.idNumber) } },
    };
  },
});

function statusAction(change: "suspend" | "remove", done: string) {
  return protectedAction({
    name: `expert_pool.${change}`,
    roles: COMMITTEE_FORMING_ROLES,
    schema: memberStatusSchema,
    revalidate: POOL_AREAS,
    handler: async ({ tx, user, input }) => {
      const { member, grantsRevoked } = await changeMemberStatus(tx, user, change, input);
      return {
        data: { version: member.version },
        message: `已${done}${member.invitedName}`,
        audit: { targetType: "expert_pool_member", targetId: member.id, detail: { reason: input.reason, status: member.status, grantsRevoked } },
      };
    },
  });
}

export const suspendMemberAction = statusAction("suspend", "暂停");
export const removeMemberAction = statusAction("remove", "移出");

export const reinstateMemberAction = protectedAction({
  name: "expert_pool.reinstate",
  roles: COMMITTEE_FORMING_ROLES,
  schema: reinstateMemberSchema,
  revalidate: POOL_AREAS,
  handler: async ({ tx, user, input }) => {
    const { member } = await changeMemberStatus(tx, user, "reinstate", input);
    return {
      data: { version: member.version },
      message: `已恢复${member.invitedName}`,
      audit: { targetType: "expert_pool_member", targetId: member.id, detail: { status: member.status } },
    };
  },
});

/** 接受 / 谢绝 a 专家库邀请: whoever the invitation names, acting as a person or as an expert of another pool. */
export const respondInvitationAction = protectedAction({
  name: "expert_pool.respond",
  roles: ["person", "expert"],
  schema: respondInvitationSchema,
  revalidate: POOL_AREAS,
  handler: async ({ tx, user, input }) => {
    const member = await respondToInvitation(tx, user.id, input);
    return {
      data: { status: member.status },
      message: input.accept ? "已接受邀请。可在页面顶部“切换身份”进入专家工作台" : "已谢绝邀请",
      audit: { targetType: "expert_pool_member", targetId: member.id, detail: { accept: input.accept, orgId: member.orgId } },
    };
  },
});
