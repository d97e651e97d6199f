"use server";

import { protectedAction, type RevalidateTarget } from "@/lib/actions/safe-action";
import { addConflict, removeConflict, saveExpertProfile } from "@/lib/experts/profile";
import { addConflictSchema, expertProfileSchema, removeConflictSchema } from "@/lib/experts/schemas";
import { maskIdNumber } from "@/lib/validation/id-number";

const EXPERT_AREA: readonly RevalidateTarget[] = [{ path: "/expert", type: "layout" }];

/** 个人信息维护 (the pools' copies of title, series, specialty, level and unit follow). */
export const saveExpertProfileAction = protectedAction({
  name: "expert.profile.save",
  roles: ["expert"],
  schema: expertProfileSchema,
  revalidate: [...EXPERT_AREA, ...["/hrss/experts", "/dept/experts", "/self-unit/experts"].map((path) => ({ path, type: "layout" as const }))],
  handler: async ({ tx, user, input }) => {
    const { pools } = await saveExpertProfile(tx, user.id, input);
    return {
      data: { pools },
      message: "个人信息已保存",
      audit: { targetType: "expert_profile", targetId: user.id, detail: { title: input.title, series: input.series, specialty: input.specialty, level: input.level, workUnit: input.workUnit, pools } },
    };
  },
});

/** 回避声明: add one unit or person. The audit row names the entry, never the full declared ID number. */
export const addConflictAction = protectedAction({
  name: "expert.conflict.add",
  roles: ["expert"],
  schema: addConflictSchema,
  revalidate: EXPERT_AREA,
  handler: async ({ tx, user, input }) => {
    const { conflictId } = await addConflict(tx, user.id, input);
    const subject = input.kind === "unit" ? { unitName: input.unitName } : { personName: input.personName, idNumber: maskIdNumber(input.personIdNumber) };
    return {
      data: { conflictId },
      message: "已添加回避声明",
      audit: { targetType: "expert_conflict", targetId: conflictId, detail: { kind: input.kind, relation: input.relation, endDate: input.endDate, ...subject } },
    };
  },
});

export const removeConflictAction = protectedAction({
  name: "expert.conflict.remove",
  roles: ["expert"],
  schema: removeConflictSchema,
  revalidate: EXPERT_AREA,
  handler: async ({ tx, user, input }) => {
    await removeConflict(tx, user.id, input.conflictId);
    return { data: undefined, message: "已删除该回避声明", audit: { targetType: "expert_conflict", targetId: input.conflictId } };
  },
});
