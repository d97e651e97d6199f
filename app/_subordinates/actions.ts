"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { orgDecisionSchema } from "@/lib/orgs/schemas";
import { decideSubordinateOrg } from "@/lib/orgs/subordinates";

const LABELS = { approve: "已审核通过", reject: "已驳回", disable: "已停用", enable: "已恢复" } as const;

export const decideSubordinateAction = protectedAction({
  name: "org.decide_subordinate",
  roles: ["dept", "hrss"],
  schema: orgDecisionSchema,
  revalidate: ["/dept/subordinates", "/hrss/subordinates"],
  async handler({ input, user, tx }) {
    const change = await decideSubordinateOrg(tx, user, input.orgId, input.decision, input.reason);
    return {
      data: undefined,
      message: LABELS[input.decision],
      audit: { targetType: "org", targetId: input.orgId, detail: { decision: input.decision, reason: input.reason ?? null, ...change } },
    };
  },
});
