"use server";

import { protectedAction } from "@/lib/actions/safe-action";
import { decideIdDispute } from "@/lib/disputes/decide";
import { disputeDecisionSchema } from "@/lib/disputes/schemas";

const decide = protectedAction({
  name: "dispute.decide",
  roles: ["hrss"],
  schema: disputeDecisionSchema,
  revalidate: (input) => ["/hrss/disputes", `/hrss/disputes/${input.disputeId}`],
  async handler({ input, user, tx, ip }) {
    const { status } = await decideIdDispute(tx, user, input, ip);
    return {
      data: { status },
      message: status === "upheld" ? "已认定申诉成立：原账号已停用，证件号码已绑定到申诉人账号" : "已认定申诉不成立",
      audit: { targetType: "id_dispute", targetId: input.disputeId, detail: { decision: input.decision, reason: input.reason || null } },
    };
  },
});

export async function decideDisputeAction(raw: unknown) {
  return decide(raw);
}
