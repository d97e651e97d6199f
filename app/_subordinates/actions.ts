"use server";

import { revalidatePath } from "next/cache";
import { protectedAction } from "@/lib/actions/safe-action";
import { orgDecisionSchema } from "@/lib/orgs/schemas";
import { decideSubordinateOrg } from "@/lib/orgs/subordinates";

const LABELS = { approve: "已审核通过", reject: "已驳回", disable: "已停用", enable: "已恢复" } as const;

const decide = protectedAction({
  name: "org.decide_subordinate",
  roles: ["dept", "hrss"],
  schema: orgDecisionSchema,
  async handler({ input, user, tx }) {
    const change = await decideSubordinateOrg(tx, user, input.orgId, input.decision, input.reason);
    return {
      data: undefined,
      message: LABELS[input.decision],
      audit: { targetType: "org", targetId: input.orgId, detail: { decision: input.decision, reason: input.reason ?? null, ...change } },
    };
  },
});

export async function decideSubordinateAction(raw: unknown) {
  const result = await decide(raw);
  if (result.ok) {
    revalidatePath("/dept/subordinates");
    revalidatePath("/hrss/subordinates");
  }
  return result;
}
