"use server";

import type { z } from "zod";
import { protectedAction } from "@/lib/actions/safe-action";
import type { Declaration } from "@/db/schema";
import * as drafts from "@/lib/declarations/drafts";
import {
  achievementsSectionSchema,
  basicSectionSchema,
  createDraftSchema,
  declarationRefSchema,
  educationSectionSchema,
  exceptionalSectionSchema,
  pledgeSectionSchema,
  targetSectionSchema,
  titleSectionSchema,
  withdrawalRequestSchema,
  workSectionSchema,
} from "@/lib/declarations/schemas";
import { requestWithdrawal, submitDeclaration, withdrawDeclaration } from "@/lib/declarations/transitions";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";

// Public POST endpoints: session, role and input here; ownership (the declaration is the caller's own), the
// state and the version inside the domain calls. The domain functions write their own audit rows as well.

const AREA = [{ path: "/person/declarations", type: "layout" as const }];

export const createDraftAction = protectedAction({
  name: "declaration.create.action",
  roles: ["person"],
  schema: createDraftSchema,
  revalidate: AREA,
  handler: async ({ input, user, tx, ip }) => {
    const d = await drafts.createDraft(tx, user, { ...input, ip });
    return { data: { id: d.id }, audit: { targetType: "declaration", targetId: d.id }, message: "已创建申报草稿" };
  },
});

function sectionAction<S extends z.ZodType<{ declarationId: string; version: number }>>(
  section: string,
  schema: S,
  save: (tx: Parameters<typeof drafts.createDraft>[0], user: Parameters<typeof drafts.createDraft>[1], input: z.infer<S> & { ip?: string | null }) => Promise<Declaration>,
) {
  return protectedAction({
    name: `declaration.save_${section}.action`,
    roles: ["person"],
    schema,
    revalidate: AREA,
    handler: async ({ input, user, tx, ip }) => {
      const d = await save(tx, user, { ...input, ip });
      return { data: { version: d.version }, audit: { targetType: "declaration", targetId: d.id, detail: { section } }, message: "已保存草稿" };
    },
  });
}

export const saveTargetAction = sectionAction("target", targetSectionSchema, drafts.saveTargetSection);
export const saveBasicAction = sectionAction("basic", basicSectionSchema, drafts.saveBasicSection);
export const saveEducationAction = sectionAction("education", educationSectionSchema, drafts.saveEducationSection);
export const saveWorkAction = sectionAction("work", workSectionSchema, drafts.saveWorkSection);
export const saveTitleAction = sectionAction("title", titleSectionSchema, drafts.saveTitleSection);
export const saveAchievementsAction = sectionAction("achievements", achievementsSectionSchema, drafts.saveAchievementsSection);
export const saveExceptionalAction = sectionAction("exceptional", exceptionalSectionSchema, drafts.saveExceptionalSection);
export const acceptPledgeAction = sectionAction("pledge", pledgeSectionSchema, drafts.acceptPledge);

export const submitDeclarationAction = protectedAction({
  name: "declaration.submit.action",
  roles: ["person"],
  schema: declarationRefSchema,
  revalidate: AREA,
  handler: async ({ input, user, tx, ip }) => {
    const r = await submitDeclaration(tx, user, { ...input, ip });
    return { data: { status: r.status }, audit: { targetType: "declaration", targetId: input.declarationId }, message: `申报已提交（${DECLARATION_STATUS_LABELS[r.status].label}）` };
  },
});

export const withdrawDeclarationAction = protectedAction({
  name: "declaration.withdraw.action",
  roles: ["person"],
  schema: declarationRefSchema,
  revalidate: AREA,
  handler: async ({ input, user, tx, ip }) => {
    await withdrawDeclaration(tx, user, { ...input, ip });
    return { data: undefined, audit: { targetType: "declaration", targetId: input.declarationId }, message: "申报已撤回" };
  },
});

/** 申请撤回 after the unit's check: the office holding the declaration decides. */
export const requestWithdrawalAction = protectedAction({
  name: "declaration.request_withdrawal.action",
  roles: ["person"],
  schema: withdrawalRequestSchema,
  revalidate: AREA,
  handler: async ({ input, user, tx, ip }) => {
    const r = await requestWithdrawal(tx, user, { ...input, ip });
    return { data: undefined, audit: { targetType: "declaration", targetId: input.declarationId, detail: { requestId: r.requestId } }, message: "撤回申请已提交，请等待审核单位审批" };
  },
});
