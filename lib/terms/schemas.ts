import { z } from "zod";
import { FILING_SCOPES, TERM_POSITIONS } from "@/db/schema/enums";
import { uuidField, versionField } from "@/lib/validation/action-fields";
import { isIsoDay } from "@/lib/validation/calendar";
import { periodError } from "./rules";

export const dayField = (label: string) => z.string({ error: `请填写${label}` }).refine(isIsoDay, `${label}格式应为 YYYY-MM-DD`);

/** 组建一届 (docs/domain.md §14): shared by the term form and saveTermAction. The member rules that need the pool rows run on the server (and in the form, from the rows it shows). */
export const saveTermSchema = z
  .object({
    committeeId: uuidField,
    /** Absent: a new term; present: the draft term at the version the user saw. */
    termId: uuidField.optional(),
    version: versionField.optional(),
    startDate: dayField("开始日期"),
    endDate: dayField("结束日期"),
    scope: z.enum(FILING_SCOPES, { error: "请选择组建方式" }),
    members: z
      .array(z.object({ poolMemberId: uuidField, position: z.enum(TERM_POSITIONS, { error: "请选择职务" }), panelLeader: z.boolean().default(false) }))
      .max(201, "成员过多"),
  })
  .superRefine((v, ctx) => {
    const err = isIsoDay(v.startDate) && isIsoDay(v.endDate) ? periodError(v.startDate, v.endDate) : null;
    if (err) ctx.addIssue({ code: "custom", path: ["endDate"], message: err });
  });
export type SaveTerm = z.infer<typeof saveTermSchema>;
