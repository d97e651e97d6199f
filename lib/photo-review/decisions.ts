import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterPhotos } from "@/db/schema";
import { StaleStateError } from "@/lib/errors";
import { personMessages } from "@/lib/notifications/notify";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { moveRecords } from "@/lib/roster/move-record";
import { lockRecordsAtVersion, type VersionedRef } from "@/lib/roster/record-lock";

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
