import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { rosterPhotos, rosterRecords, users, type RosterStatus } from "@/db/schema";
import { ForbiddenError, NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import type { NormalizedPhoto } from "@/lib/photos/normalize";
import { ROSTER_STATUS_INFO } from "@/lib/roster/constants";
import { moveRecords } from "@/lib/roster/move-record";
import { needsPhoto, NO_PHOTO_NEEDED_MESSAGE } from "@/lib/roster/photo-rule";
import { isHolderOf } from "@/lib/identity/holder";
import { getPersonDocument } from "./person-records";

/**
 * The professional's writes on a back-fill record (docs/domain.md §8): photo consent, upload (replace) and
 * submit. Every function runs in the caller's transaction; the caller writes the audit row.
 */

export const submitPhotoSchema = z.object({
  recordId: z.uuid("记录参数无效"),
  version: z.number().int().min(1),
});
export const photoConsentSchema = z.object({
  agree: z.literal(true, "请先勾选同意照片处理说明"),
});

/** The holder may replace the photo until the committee approves it (docs/domain.md §8). */
export const PHOTO_UPLOAD_STATES: readonly RosterStatus[] = ["awaiting_photo", "photo_submitted"];

/** Not the holder's record (or no such record): the same answer, so existence is not revealed. */
export class RecordNotFoundError extends NotFoundError {
  constructor() {
    super("未找到该证书补录记录");
    this.name = "RecordNotFoundError";
  }
}

export const PHOTO_CONSENT_REQUIRED = "上传照片前，请先阅读并同意照片处理说明";

export async function hasPhotoConsent(db: Db, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: users.photoConsentAt }).from(users).where(eq(users.id, userId)).limit(1);
  return !!row?.at;
}

/** Records the one-time consent to process the ID photo; a second call changes nothing. */
export async function grantPhotoConsent(tx: Db, userId: string): Promise<{ grantedAt: Date; already: boolean }> {
  const now = new Date();
  const [set] = await tx
    .update(users)
    .set({ photoConsentAt: now })
    .where(and(eq(users.id, userId), eq(users.role, "person"), isNull(users.photoConsentAt)))
    .returning({ at: users.photoConsentAt });
  if (set?.at) return { grantedAt: set.at, already: false };
  const [row] = await tx.select({ at: users.photoConsentAt, role: users.role }).from(users).where(eq(users.id, userId)).limit(1);
  if (!row || row.role !== "person" || !row.at) throw new ForbiddenError();
  return { grantedAt: row.at, already: true };
}

export type HolderRecord = { id: string; status: RosterStatus; version: number; committeeId: string; certNo: string; passYear: number };

/**
 * The record if the user holds it (same normalised ID type, number and name, published), else
 * RecordNotFoundError. With `lock`, the row stays locked until the transaction ends.
 */
export async function assertHolderRecord(db: Db, userId: string, recordId: string, opts: { lock?: boolean } = {}): Promise<HolderRecord> {
  const doc = await getPersonDocument(db, userId);
  if (!doc || !z.uuid().safeParse(recordId).success) throw new RecordNotFoundError();
  const query = db
    .select({
      id: rosterRecords.id,
      status: rosterRecords.status,
      version: rosterRecords.version,
      committeeId: rosterRecords.committeeId,
      certNo: rosterRecords.certNo,
      passYear: rosterRecords.passYear,
      idType: rosterRecords.idType,
      idNumber: rosterRecords.idNumber,
      name: rosterRecords.name,
    })
    .from(rosterRecords)
    .where(eq(rosterRecords.id, recordId))
    .limit(1);
  const [row] = opts.lock ? await query.for("update") : await query;
  if (!row || row.status === "draft" || !isHolderOf(doc, row)) throw new RecordNotFoundError();
  return { id: row.id, status: row.status, version: row.version, committeeId: row.committeeId, certNo: row.certNo, passYear: row.passYear };
}

/**
 * Why no photo may be uploaded in this state, or null when it may. With the 取得年度, a pre-2020 record
 * is refused as needing no photo (lib/roster/photo-rule.ts), whatever its state.
 */
export function photoUploadBlockedReason(status: RosterStatus, passYear?: number): string | null {
  if (passYear !== undefined && !needsPhoto(passYear)) return NO_PHOTO_NEEDED_MESSAGE;
  if (PHOTO_UPLOAD_STATES.includes(status)) return null;
  return status === "photo_approved" || status === "submitted" || status === "confirmed"
    ? `照片已经评委会审核通过（当前状态：${ROSTER_STATUS_INFO[status].label}），不能再更换`
    : `该记录当前状态为“${ROSTER_STATUS_INFO[status].label}”，不能上传照片`;
}

/**
 * Stores a normalised photo as the record's pending photo. Earlier pending or submitted photos become
 * `replaced`; a record already submitted for review goes back to awaiting_photo (the committee must
 * not approve a photo that is no longer the one the holder wants), so the new photo is submitted again.
 */
export async function storePersonPhoto(
  tx: Db,
  userId: string,
  recordId: string,
  photo: Pick<NormalizedPhoto, "jpeg" | "sha256" | "bytes">,
): Promise<{ photoId: string; replaced: number; withdrawn: boolean; certNo: string }> {
  const record = await assertHolderRecord(tx, userId, recordId, { lock: true });
  const blocked = photoUploadBlockedReason(record.status, record.passYear);
  if (blocked) throw new UserError(blocked);

  let withdrawn = false;
  if (record.status === "photo_submitted") {
    await moveRecords(tx, {
      recordIds: [record.id],
      from: ["photo_submitted"],
      to: "awaiting_photo",
      actorId: userId,
      reason: "本人更换照片",
      expectedVersion: record.version,
    });
    withdrawn = true;
  }
  const replaced = await tx
    .update(rosterPhotos)
    .set({ status: "replaced" })
    .where(and(eq(rosterPhotos.recordId, record.id), inArray(rosterPhotos.status, ["pending", "submitted"])))
    .returning({ id: rosterPhotos.id });
  const [row] = await tx
    .insert(rosterPhotos)
    .values({ recordId: record.id, uploadedBy: userId, sha256: photo.sha256, bytes: photo.bytes, data: photo.jpeg, status: "pending" })
    .returning({ id: rosterPhotos.id });
  return { photoId: row.id, replaced: replaced.length, withdrawn, certNo: record.certNo };
}

/**
 * 提交: the latest pending photo goes to the committee and the record moves awaiting_photo →
 * photo_submitted, guarded by the version the holder saw (a second submit gets 「状态已变化」).
 */
export async function submitPersonPhoto(
  tx: Db,
  userId: string,
  input: z.infer<typeof submitPhotoSchema>,
): Promise<{ photoId: string; certNo: string }> {
  const record = await assertHolderRecord(tx, userId, input.recordId, { lock: true });
  if (!needsPhoto(record.passYear)) throw new UserError(NO_PHOTO_NEEDED_MESSAGE);
  if (record.status !== "awaiting_photo" || record.version !== input.version) throw new StaleStateError();
  const [pending] = await tx
    .select({ id: rosterPhotos.id })
    .from(rosterPhotos)
    .where(and(eq(rosterPhotos.recordId, record.id), eq(rosterPhotos.status, "pending")))
    .orderBy(desc(rosterPhotos.createdAt), desc(rosterPhotos.id))
    .limit(1);
  if (!pending) throw new UserError("请先上传照片，再提交");
  await moveRecords(tx, {
    recordIds: [record.id],
    from: ["awaiting_photo"],
    to: "photo_submitted",
    actorId: userId,
    expectedVersion: input.version,
  });
  await tx.update(rosterPhotos).set({ status: "submitted" }).where(eq(rosterPhotos.id, pending.id));
  return { photoId: pending.id, certNo: record.certNo };
}
