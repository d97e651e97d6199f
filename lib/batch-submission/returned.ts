import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterPhotos } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { personMessages } from "@/lib/notifications/notify";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { moveRecords } from "@/lib/roster/move-record";
import { needsPhotoSql, photoFreeSql } from "@/lib/roster/photo-rule";
import { lockRecordsAtVersion, type VersionedRef } from "@/lib/roster/record-lock";
import { rosterRecords } from "@/db/schema";

/**
 * 退回处理: a record the 专技处 returned goes back to photo_approved (checked again; it travels in the
 * next batch) or to awaiting_photo, rejecting its approved photo so the professional uploads a new one.
 * A pre-2020 record has no photo (lib/roster/photo-rule.ts): it can only go back to photo_approved.
 */
export async function fixReturnedRecords(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; records: VersionedRef[]; decision: "approve" | "new_photo"; reason?: string },
): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId);
  await lockRecordsAtVersion(tx, input.committeeId, input.records, ["returned"]);
  const ids = input.records.map((r) => r.id);
  if (input.decision === "approve") {
    const [needing] = await tx.select({ n: count() }).from(rosterRecords).where(and(inArray(rosterRecords.id, ids), needsPhotoSql()));
    const withPhoto = await tx
      .select({ n: count(sql`distinct ${rosterPhotos.recordId}`) })
      .from(rosterPhotos)
      .innerJoin(rosterRecords, eq(rosterRecords.id, rosterPhotos.recordId))
      .where(and(inArray(rosterPhotos.recordId, ids), eq(rosterPhotos.status, "approved"), needsPhotoSql()));
    if ((withPhoto[0]?.n ?? 0) !== (needing?.n ?? 0)) throw new UserError("所选记录中有的没有已通过的照片，请选择“要求重新上传照片”");
    const moved = await moveRecords(tx, {
      recordIds: ids,
      from: ["returned"],
      to: "photo_approved",
      actorId: actor.id,
      reason: input.reason || "已按退回意见核对",
      committeeId: input.committeeId,
      notify: { kind: "return_fixed", message: personMessages.returnFixed },
    });
    return moved.length;
  }
  const reason = input.reason?.trim();
  if (!reason) throw new UserError("要求重新上传照片时请填写原因", { reason: "要求重新上传照片时请填写原因" });
  const [photoFree] = await tx.select({ n: count() }).from(rosterRecords).where(and(inArray(rosterRecords.id, ids), photoFreeSql()));
  if ((photoFree?.n ?? 0) > 0) throw new UserError("2020年度之前的记录无需照片，不能要求重新上传照片，请选择“核对无误，恢复为照片已通过”");
  await tx
    .update(rosterPhotos)
    .set({ status: "rejected", rejectReason: reason, decidedBy: actor.id, decidedAt: new Date() })
    .where(and(inArray(rosterPhotos.recordId, ids), eq(rosterPhotos.status, "approved")));
  const moved = await moveRecords(tx, {
    recordIds: ids,
    from: ["returned"],
    to: "awaiting_photo",
    actorId: actor.id,
    reason,
    committeeId: input.committeeId,
    notify: { kind: "photo_rejected", message: personMessages.newPhotoRequested(reason) },
  });
  return moved.length;
}
