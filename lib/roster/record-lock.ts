import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecords, type RosterStatus } from "@/db/schema";
import { ForbiddenError, StaleStateError, UserError } from "@/lib/errors";

export type VersionedRef = { id: string; version: number };

/**
 * Locks the records (FOR UPDATE) and checks each still belongs to the committee, is at the version
 * the user saw and is in one of the allowed states. Any difference refuses the whole action.
 */
export async function lockRecordsAtVersion(
  tx: Db,
  committeeId: string,
  refs: VersionedRef[],
  allowed: readonly RosterStatus[],
): Promise<{ id: string; status: RosterStatus; name: string; qualificationName: string }[]> {
  if (refs.length === 0) throw new UserError("请至少选择一条记录");
  const ids = [...new Set(refs.map((r) => r.id))];
  if (ids.length !== refs.length) throw new UserError("所选记录有重复");
  const rows = await tx
    .select({ id: rosterRecords.id, status: rosterRecords.status, version: rosterRecords.version, name: rosterRecords.name, qualificationName: rosterRecords.qualificationName })
    .from(rosterRecords)
    .where(and(inArray(rosterRecords.id, ids), eq(rosterRecords.committeeId, committeeId)))
    // One lock order for every caller: two reviewers approving overlapping pages cannot deadlock.
    .orderBy(rosterRecords.id)
    .for("update");
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const ref of refs) {
    const row = byId.get(ref.id);
    if (!row) throw new ForbiddenError("所选记录不属于该评委会");
    if (row.version !== ref.version || !allowed.includes(row.status)) throw new StaleStateError();
  }
  return rows;
}
