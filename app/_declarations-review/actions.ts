"use server";

import { z } from "zod";
import type { Db } from "@/db/client";
import { protectedAction, type AuditTarget, type RevalidateTarget } from "@/lib/actions/safe-action";
import type { SessionUser } from "@/lib/auth/session";
import { isIsoDay } from "@/lib/validation/calendar";
import { publicityEnd } from "@/lib/declarations/publicity-dates";
import {
  acceptExceptionalSchema,
  batchMoveSchema,
  finishPublicitySchema,
  objectionSchema,
  rejectSchema,
  resolveObjectionSchema,
  returnSchema,
  startPublicitySchema,
  withdrawalDecisionSchema,
} from "@/lib/declarations/schemas";
import type { MoveResult } from "@/lib/declarations/moves-common";
import {
  acceptDeclarations,
  acceptExceptional,
  decideWithdrawal,
  deptApprove,
  finishPublicity,
  hrssCheck,
  recordObjection,
  rejectDeclaration,
  resolveObjection,
  returnWithNotice,
  startPublicity,
  unitRecommend,
  unitVerify,
} from "@/lib/declarations/transitions";
import type { Role } from "@/lib/roles";

/** Every examiner area and the person's (a move changes what both see). */
const AREAS: readonly RevalidateTarget[] = ["/unit", "/self-unit", "/dept", "/hrss", "/person"].map((path) => ({ path, type: "layout" as const }));

const UNIT_ROLES: readonly Role[] = ["unit", "self_unit", "hrss"];
const EXAMINER_ROLES: readonly Role[] = ["unit", "self_unit", "dept", "hrss"];
const FORMING_ROLES: readonly Role[] = ["hrss", "dept", "self_unit"];

const summary = (verb: string, r: MoveResult) => (r.refused.length === 0 ? `已${verb}${r.moved.length}份申报` : `已${verb}${r.moved.length}份申报，${r.refused.length}份未处理`);

/**
 * A declaration move: role check by `roles`, `schema` parsed, then `run` (the lib's transition, which checks
 * ownership and guards the state in SQL) with the input and the request's ip, in one transaction with its
 * audit row; `outcome` says what happened. Every examiner area and the person's are revalidated.
 */
function moveAction<I extends object, R, T>(
  name: string,
  roles: readonly Role[],
  schema: z.ZodType<I>,
  run: (tx: Db, user: SessionUser, input: I & { ip: string | null }) => Promise<R>,
  outcome: (r: R, input: I) => { data: T; message: string; audit: AuditTarget },
) {
  return protectedAction({
    name: `declaration.${name}.action`,
    roles,
    schema,
    revalidate: AREAS,
    handler: async ({ tx, user, input, ip }) => outcome(await run(tx, user, { ...input, ip }), input),
  });
}

/** A move of many declarations at once (the lists' bulk buttons): "已<verb>N份申报" and how many were refused. */
function batchAction(name: string, roles: readonly Role[], verb: string, move: typeof unitVerify) {
  return moveAction(
    name,
    roles,
    batchMoveSchema,
    (tx, user, input) => move(tx, user, { ids: input.ids, note: input.note ?? null, ip: input.ip }),
    (r, input) => ({ data: r, message: summary(verb, r), audit: { targetType: "declaration", targetId: r.moved[0] ?? input.ids[0], detail: { moved: r.moved.length, refused: r.refused.length } } }),
  );
}

/** 单位内部核验 (审核通过). */
export const unitVerifyAction = batchAction("unit_verify", UNIT_ROLES, "审核通过", unitVerify);
/** 单位推荐 (only after a finished 公示). */
export const unitRecommendAction = batchAction("unit_recommend", UNIT_ROLES, "推荐", unitRecommend);
/** 主管部门 职称评审推荐审核. */
export const deptApproveAction = batchAction("dept_approve", ["dept"], "审核通过", deptApprove);
/** 人社部门审核. */
export const hrssCheckAction = batchAction("hrss_check", ["hrss"], "审核通过", hrssCheck);
/** 受理 (形式审查) by the committee-forming organisation. */
export const acceptAction = batchAction("accept", FORMING_ROLES, "受理", acceptDeclarations);

/** 批准破格并受理: one 破格 declaration, with the explicit approval. */
export const acceptExceptionalAction = moveAction(
  "accept_exceptional",
  FORMING_ROLES,
  acceptExceptionalSchema,
  (tx, user, input) => acceptExceptional(tx, user, { declarationId: input.declarationId, version: input.version, note: input.note || null, ip: input.ip }),
  (r, input) => ({ data: r, message: "已批准破格并受理", audit: { targetType: "declaration", targetId: input.declarationId } }),
);

/** The holding office's decision on a withdrawal request. */
export const decideWithdrawalAction = moveAction("decide_withdrawal", EXAMINER_ROLES, withdrawalDecisionSchema, decideWithdrawal, (r, input) => ({
  data: r,
  message: input.approve ? "已同意撤回，申报已撤回" : "已不同意撤回，申报继续办理",
  audit: { targetType: "declaration", targetId: input.declarationId, detail: { approve: input.approve } },
}));

export const returnDeclarationAction = moveAction("return", EXAMINER_ROLES, returnSchema, returnWithNotice, (r, input) => ({
  data: r,
  message: `已退回补正，申报人须于${r.deadline}前补正后重新提交`,
  audit: { targetType: "declaration", targetId: input.declarationId, detail: { noticeId: r.noticeId } },
}));

export const rejectDeclarationAction = moveAction("reject", EXAMINER_ROLES, rejectSchema, rejectDeclaration, (r, input) => ({
  data: r,
  message: "已作不予受理处理",
  audit: { targetType: "declaration", targetId: input.declarationId },
}));

const previewPublicityEndSchema = z.object({
  postedOn: z.string().refine(isIsoDay, "请填写公示日期（YYYY-MM-DD）"),
  workingDays: startPublicitySchema.shape.workingDays,
});

/** The last day of a 公示 posted on a day, by the server's working-day calendar (shown before confirming). */
export const previewPublicityEndAction = protectedAction({
  name: "declaration.publicity_preview",
  roles: UNIT_ROLES,
  schema: previewPublicityEndSchema,
  readOnly: true,
  handler: async ({ tx, input }) => {
    const endsOn = await publicityEnd(tx, input.postedOn, input.workingDays);
    return { data: { endsOn }, audit: { targetType: "publicity", targetId: input.postedOn, detail: { postedOn: input.postedOn, endsOn } } };
  },
});

export const startPublicityAction = moveAction("start_publicity", UNIT_ROLES, startPublicitySchema, startPublicity, (r) => ({
  data: r,
  message: `已开始公示${r.moved.length}份申报，公示期至${r.endsOn}${r.refused.length > 0 ? `，${r.refused.length}份未列入` : ""}`,
  audit: { targetType: "publicity", targetId: r.publicityId, detail: { endsOn: r.endsOn } },
}));

export const recordObjectionAction = moveAction("objection_record", UNIT_ROLES, objectionSchema, recordObjection, (o, input) => ({
  data: { objectionId: o.id },
  message: "已记录异议",
  audit: { targetType: "publicity", targetId: input.publicityId, detail: { objectionId: o.id } },
}));

export const resolveObjectionAction = moveAction("objection_resolve", UNIT_ROLES, resolveObjectionSchema, resolveObjection, (o) => ({
  data: { status: o.status },
  message: o.status === "upheld" ? "已处理：异议成立" : "已处理：异议不成立",
  audit: { targetType: "publicity", targetId: o.publicityId, detail: { objectionId: o.id } },
}));

export const finishPublicityAction = moveAction("publicity_finish", UNIT_ROLES, finishPublicitySchema, finishPublicity, (p) => ({
  data: { status: p.status },
  message: "公示已结束，可进行单位推荐",
  audit: { targetType: "publicity", targetId: p.id },
}));
