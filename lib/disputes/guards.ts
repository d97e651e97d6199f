import { eq, getTableColumns } from "drizzle-orm";
import type { Db } from "@/db/client";
import { idDisputes, type IdDispute } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";

export const DISPUTE_NOT_FOUND = "申诉不存在";
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Only the 人社部门 the dispute was routed to examines it (docs/domain.md §11). */
export function isDisputeExaminer(user: Pick<SessionUser, "role" | "orgId">, dispute: Pick<IdDispute, "regionOrgId">): boolean {
  return user.role === "hrss" && !!user.orgId && user.orgId === dispute.regionOrgId;
}

/** The dispute (without the proof bytes) if this user examines it; otherwise NotFoundError, as for an unknown id. */
export async function assertDisputeExaminer(db: Db, user: SessionUser, disputeId: string): Promise<Omit<IdDispute, "proofData">> {
  if (!UUID_RE.test(disputeId)) throw new NotFoundError(DISPUTE_NOT_FOUND);
  const { proofData: _proof, ...columns } = getTableColumns(idDisputes);
  const [row] = await db.select(columns).from(idDisputes).where(eq(idDisputes.id, disputeId)).limit(1);
  if (!row || !isDisputeExaminer(user, row)) throw new NotFoundError(DISPUTE_NOT_FOUND);
  return row;
}
