import { and, asc, count, eq, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterExclusions, rosterRecords, users, type RosterStatus } from "@/db/schema";
import { formatTime } from "@/lib/format";
import { assertCommitteeOwner, type RosterActor } from "@/lib/roster/access";
import { needsPhotoSql } from "@/lib/roster/photo-rule";
import { latestPhotoId, maskRecordIdNumbers, recordListColumns, recordSearchCondition } from "@/lib/roster/record-search";

/** Photos per page of the review grid (a page is reviewed at a glance). */
export const REVIEW_PAGE_SIZE = 12;

export type PhotoReviewTab = "pending" | "approved";

/**
 * The record holder's account: the one with the record's ID type and number and its name (at most one:
 * users_id_doc_uq). Reviewers see whether it is 自行注册 or 实名核验, and since when (docs/domain.md §11).
 */
const holderAccountJoin = and(eq(users.idType, rosterRecords.idType), eq(users.idNumber, rosterRecords.idNumber), eq(users.name, rosterRecords.name));

/**
 * 照片审核 grid: submitted photos (oldest first), or approved ones that can still be withdrawn before
 * submission. Each row carries its exclusion reason: approving the photo of an excluded record does not
 * put it back into the submission (docs/domain.md §5), so the screen says so.
 */
export async function listPhotosForReview(db: Db, actor: RosterActor, committeeId: string, opts: { tab: PhotoReviewTab; q?: string; year?: number; page: number }) {
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const status: RosterStatus = opts.tab === "pending" ? "photo_submitted" : "photo_approved";
  // Pre-2020 records have no photo to review (lib/roster/photo-rule.ts).
  const conds: SQL[] = [eq(rosterRecords.committeeId, committeeId), eq(rosterRecords.status, status), needsPhotoSql()];
  const search = recordSearchCondition(opts.q);
  if (search) conds.push(search);
  if (opts.year) conds.push(eq(rosterRecords.passYear, opts.year));
  const where = and(...conds);
  const [rows, [{ total }], tabCounts] = await Promise.all([
    db
      .select({
        ...recordListColumns,
        photoId: latestPhotoId([opts.tab === "pending" ? "submitted" : "approved"]),
        excludedReason: rosterExclusions.reason,
        holderAssurance: users.identityAssurance,
        holderCreatedAt: users.createdAt,
      })
      .from(rosterRecords)
      .leftJoin(rosterExclusions, eq(rosterExclusions.recordId, rosterRecords.id))
      .leftJoin(users, holderAccountJoin)
      .where(where)
      .orderBy(asc(rosterRecords.updatedAt), asc(rosterRecords.certNo))
      .limit(REVIEW_PAGE_SIZE)
      .offset((opts.page - 1) * REVIEW_PAGE_SIZE),
    db.select({ total: count() }).from(rosterRecords).where(where),
    db
      .select({ status: rosterRecords.status, n: count() })
      .from(rosterRecords)
      .where(and(eq(rosterRecords.committeeId, committeeId), inArray(rosterRecords.status, ["photo_submitted", "photo_approved"]), needsPhotoSql()))
      .groupBy(rosterRecords.status),
  ]);
  const n = Object.fromEntries(tabCounts.map((c) => [c.status, c.n]));
  return {
    committee,
    rows: maskRecordIdNumbers(rows).map(({ holderCreatedAt, ...r }) => ({ ...r, holderRegisteredAt: holderCreatedAt ? formatTime(holderCreatedAt) : null })),
    total,
    pageSize: REVIEW_PAGE_SIZE,
    counts: { pending: n.photo_submitted ?? 0, approved: n.photo_approved ?? 0 },
  };
}
