import { z } from "zod";
import { WORKING_DAY_KINDS } from "@/db/schema/enums";
import { safeText } from "@/lib/validation/text";
import { isIsoDay } from "@/lib/validation/calendar";

const dayField = z
  .string({ error: "请选择日期" })
  .refine(isIsoDay, "请选择有效的日期")
  .refine((d) => d >= "2004-01-01" && d <= "2100-12-31", "日期须在2004年至2100年之间");

/** 专技处 adds one day to the override table (the form and the action share it). */
export const addOverrideSchema = z.object({
  date: dayField,
  kind: z.enum(WORKING_DAY_KINDS, { error: "请选择该日安排" }),
  note: safeText({ label: "依据说明", max: 200 }).min(2, "请填写依据说明（如国务院办公厅通知文号）"),
});
export type AddOverrideInput = z.infer<typeof addOverrideSchema>;

export const removeOverrideSchema = z.object({ date: dayField });
export type RemoveOverrideInput = z.infer<typeof removeOverrideSchema>;
