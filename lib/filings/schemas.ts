import { z } from "zod";
import { FILING_SCOPES } from "@/db/schema/enums";
import { dayField } from "@/lib/terms/schemas";
import { periodError } from "@/lib/terms/rules";
import { reasonField, uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { safeText } from "@/lib/validation/text";

/** 新建 / 修改备案 (draft): shared by the filing form and saveFilingAction. */
export const saveFilingSchema = z
  .object({
    termId: uuidField,
    filingId: uuidField.optional(),
    version: versionField.optional(),
    specialties: safeText({ label: "评审专业" }).min(1, "请填写评审专业").max(200, "评审专业不能超过200个字"),
    scope: z.enum(FILING_SCOPES, { error: "请选择组建方式" }),
    validFrom: dayField("有效期起"),
    validTo: dayField("有效期止"),
  })
  .superRefine((v, ctx) => {
    const err = isIsoDay(v.validFrom) && isIsoDay(v.validTo) ? periodError(v.validFrom, v.validTo) : null;
    if (err) ctx.addIssue({ code: "custom", path: ["validTo"], message: err.replace("任期", "有效期") });
  });
export type SaveFiling = z.infer<typeof saveFilingSchema>;

export const filingRefSchema = z.object({ filingId: uuidField, version: versionField });
export const returnFilingSchema = filingRefSchema.extend({ reason: reasonField("退回理由") });
