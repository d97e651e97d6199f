import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idDisputes, notifications, users } from "@/db/schema";
import { auditBase, writeAudit } from "@/lib/audit";
import type { SessionUser } from "@/lib/auth/session";
import { StaleStateError, UserError } from "@/lib/errors";
import { validateIdDocument } from "@/lib/validation/id-number";
import { assertDisputeExaminer } from "./guards";
import { disputeMessages } from "./messages";
import type { DisputeDecisionInput } from "./schemas";

export const ALREADY_DECIDED = "该申诉已处理，请刷新页面查看结果";
const NO_LONGER_OCCUPIED = "该证件号码已不在被申诉的账号名下，无法按申诉成立处理，请刷新后核实";

/**
 * The regional 人社部门 decides a dispute (docs/domain.md §11), inside the caller's transaction.
 * Every step is a guarded UPDATE (a second decision, or a changed account, matches no row and rolls
 * the whole decision back). Upholding: the occupant is disabled, its ID cleared and its sessions
 * ended (session version); then the ID is bound to the filer — clearing first keeps the unique index
 * on (id_type, id_number) satisfied. Both accounts get a message; each account change is audited.
 */
export async function decideIdDispute(tx: Db, user: SessionUser, input: DisputeDecisionInput, ip: string | null): Promise<{ status: "upheld" | "rejected" }> {
  const dispute = await assertDisputeExaminer(tx, user, input.disputeId);
  const status = input.decision === "uphold" ? "upheld" : "rejected";
  const [claimed] = await tx
    .update(idDisputes)
    .set({ status, decisionReason: input.reason || null, decidedBy: user.id, decidedAt: new Date() })
    .where(and(eq(idDisputes.id, dispute.id), eq(idDisputes.status, "pending")))
    .returning({ id: idDisputes.id });
  if (!claimed) throw new StaleStateError(ALREADY_DECIDED);

  if (status === "rejected") {
    await tx.insert(notifications).values([
      { userId: dispute.filerId, kind: "id_dispute_rejected", message: disputeMessages.rejectedFiler(input.reason) },
      { userId: dispute.occupantId, kind: "id_dispute_rejected", message: disputeMessages.rejectedOccupant },
    ]);
    return { status };
  }

  const [off] = await tx
    .update(users)
    .set({ status: "disabled", idType: null, idNumber: null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(and(eq(users.id, dispute.occupantId), eq(users.idType, dispute.claimedIdType), eq(users.idNumber, dispute.claimedIdNumber)))
    .returning({ id: users.id });
  if (!off) throw new UserError(NO_LONGER_OCCUPIED);
  const check = validateIdDocument(dispute.claimedIdType, dispute.claimedIdNumber);
  const [on] = await tx
    .update(users)
    .set({
      idType: dispute.claimedIdType,
      idNumber: dispute.claimedIdNumber,
      gender: check.ok ? (check.gender ?? null) : null,
      birthDate: check.ok ? (check.birthDate ?? null) : null,
      status: "active",
    })
    .where(and(eq(users.id, dispute.filerId), eq(users.role, "person"), isNull(users.idNumber), eq(users.status, "active")))
    .returning({ id: users.id });
  if (!on) throw new StaleStateError("申诉人账号状态已变化，请刷新后重试");

  const base = auditBase(user, "account.disable_by_dispute", ip);
  await writeAudit(tx, { ...base, outcome: "success", targetType: "user", targetId: dispute.occupantId, detail: { disputeId: dispute.id, idCleared: true } });
  await writeAudit(tx, {
    ...base,
    action: "account.bind_id_by_dispute",
    outcome: "success",
    targetType: "user",
    targetId: dispute.filerId,
    detail: { disputeId: dispute.id, idType: dispute.claimedIdType },
  });
  await tx.insert(notifications).values([
    { userId: dispute.filerId, kind: "id_dispute_upheld", message: disputeMessages.upheldFiler },
    { userId: dispute.occupantId, kind: "id_dispute_account_disabled", message: disputeMessages.upheldOccupant(input.reason) },
  ]);
  return { status };
}
