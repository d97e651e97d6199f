import { z } from "zod";
import { safeText } from "@/lib/validation/text";

export const orgDecisionSchema = z
  .object({
    orgId: z.uuid("单位标识无效"),
    decision: z.enum(["approve", "reject", "disable", "enable"]),
    reason: safeText({ label: "原因", multiline: true }).max(200, "原因不超过200字").optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.decision === "reject" || v.decision === "disable") && !v.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: v.decision === "reject" ? "驳回时请填写原因" : "停用时请填写原因" });
    }
  });
export type OrgDecisionInput = z.infer<typeof orgDecisionSchema>;
