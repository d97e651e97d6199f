import { and, count, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterPhotos } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { lockRecordsAtVersion, type VersionedRef } from "./guards";
import { moveRecords } from "./move-record";
import { personMessages } from "./notify";

/**
 * 照片审核 by the committee's forming organisation (docs/domain.md §3): photo_submitted → photo_approved, or
 * back to awaiting_photo with a reason. Each record is checked at the version the reviewer saw, and the
 * photo must be the one shown (a professional may replace a photo until it is approved).
 */
export async function approvePhotos(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; items: (VersionedRef & { photoId: string })[] },
): Promise<number> {
  await assertCommitteeOwner(tx, actor, input.committeeId);
  await lockRecordsAtVersion(tx, input.committeeId, input.items, ["photo_submitted"]);
  const recordIds = input.items.map((i) => i.id);
  const now = new Date();
  const photos = await tx
    .update(rosterPhotos)
    .set({ status: "approved", decidedBy: actor.id, decidedAt: now, rejectReason: null })
    .where(and(inArray(rosterPhotos.id, input.items.map((i) => i.photoId)), inArray(rosterPhotos.recordId, recordIds), eq(rosterPhotos.status, "submitted")))
    .returning({ id: rosterPhotos.id, recordId: rosterPhotos.recordId });
  const wanted = new Map(input.items.map((i) => [i.photoId, i.id]));
  if (photos.length !== input.items.length || photos.some((p) => wanted.get(p.id) !== p.recordId)) {
    throw new StaleStateError("照片已被更换或已审核，请刷新后重试");
  }
  const moved = await moveRecords(tx, {
    recordIds,
    from: ["photo_submitted"],
    to: "photo_approved",
    actorId: actor.id,
    committeeId: input.committeeId,
    notify: { kind: "photo_approved", message: personMessages.photoApproved },
  });
  return moved.length;
}

/**
 * 照片退回: the photo is rejected with the reason and the record waits for a new photo. Also withdraws
 * an approval as long as the record has not been submitted (the submission then refuses its stale count).
 */
export async function rejectPhoto(
  tx: Db,
  actor: RosterActor,
  input: { committeeId: string; record: VersionedRef; photoId: string; reason: string },
): Promise<void> {
  await assertCommitteeOwner(tx, actor, input.committeeId);
  const [rec] = await lockRecordsAtVersion(tx, input.committeeId, [input.record], ["photo_submitted", "photo_approved"]);
  const [photo] = await tx
    .update(rosterPhotos)
    .set({ status: "rejected", rejectReason: input.reason, decidedBy: actor.id, decidedAt: new Date() })
    .where(
      and(
        eq(rosterPhotos.id, input.photoId),
        eq(rosterPhotos.recordId, rec.id),
        eq(rosterPhotos.status, rec.status === "photo_approved" ? "approved" : "submitted"),
      ),
    )
    .returning({ id: rosterPhotos.id });
  if (!photo) throw new StaleStateError("照片已被更换或已审核，请刷新后重试");
  await moveRecords(tx, {
    recordIds: [rec.id],
    from: [rec.status],
    to: "awaiting_photo",
    actorId: actor.id,
    reason: input.reason,
    committeeId: input.committeeId,
    notify: { kind: "photo_rejected", message: personMessages.photoRejected(input.reason) },
  });
}

/**
 * 退回处理: a record the 专技处 returned goes back to photo_approved (checked again; it travels in the
 * next batch) or to awaiting_photo, rejecting its approved photo so the professional uploads a new one.
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
    const withPhoto = await tx
      .select({ n: count(sql`distinct ${rosterPhotos.recordId}`) })
      .from(rosterPhotos)
      .where(and(inArray(rosterPhotos.recordId, ids), eq(rosterPhotos.status, "approved")));
    if ((withPhoto[0]?.n ?? 0) !== ids.length) throw new UserError("所选记录中有的没有已通过的照片，请选择“要求重新上传照片”");
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
