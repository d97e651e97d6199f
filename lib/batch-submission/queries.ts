import { and, asc, count, desc, eq, exists, inArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterBatches, rosterExclusions, rosterRecords, users, type RosterStatus } from "@/db/schema";
import { countUnreadOrgNotifications } from "@/lib/notifications/notify";
import { assertCommitteeOwner, listOwnedCommittees, type RosterActor } from "@/lib/roster/access";
import {
  lastRejectReason,
  latestPhotoId,
  LIST_PAGE_SIZE,
  maskRecordIdNumbers,
  OUTER_RECORD_ID,
  recordListColumns,
  recordSearchCondition,
} from "@/lib/roster/record-search";
import { BLOCKING_STATUSES, BOARD_GROUPS, type BoardGroup } from "./constants";
import { notExcluded } from "./exclusions";

/** What the one-shot submission would do now: how many go, and what still blocks it. */
export async function getSubmissionSummary(db: Db, committeeId: string) {
  const [byStatus, [{ excluded }]] = await Promise.all([
    db
      .select({ status: rosterRecords.status, n: count() })
      .from(rosterRecords)
      .where(and(eq(rosterRecords.committeeId, committeeId), notExcluded(db)))
      .groupBy(rosterRecords.status),
    db
      .select({ excluded: count() })
      .from(rosterExclusions)
      .innerJoin(rosterRecords, eq(rosterRecords.id, rosterExclusions.recordId))
      .where(eq(rosterRecords.committeeId, committeeId)),
  ]);
  const n = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<RosterStatus, number>>;
  const blockingByStatus = Object.fromEntries(BLOCKING_STATUSES.map((s) => [s, n[s] ?? 0])) as Record<(typeof BLOCKING_STATUSES)[number], number>;
  return {
    ready: n.photo_approved ?? 0,
    blocking: Object.values(blockingByStatus).reduce((a, b) => a + b, 0),
    blockingByStatus,
    drafts: n.draft ?? 0,
    excluded,
  };
}

/**
 * 进度看板: counts per state for the committee (and year), and one group's records — by default who
 * has not uploaded a photo yet, to chase them — with exclusion and last rejection reason.
 */
export async function getReviewBoard(db: Db, actor: RosterActor, committeeId: string, opts: { year?: number; group: BoardGroup; q?: string; page: number }) {
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const scope: SQL[] = [eq(rosterRecords.committeeId, committeeId)];
  if (opts.year) scope.push(eq(rosterRecords.passYear, opts.year));
  const listConds: SQL[] = [...scope];
  const isExcluded = exists(db.select({ one: sql`1` }).from(rosterExclusions).where(eq(rosterExclusions.recordId, rosterRecords.id)));
  if (opts.group === "excluded") listConds.push(isExcluded);
  else listConds.push(inArray(rosterRecords.status, [...BOARD_GROUPS[opts.group].statuses]));
  const search = recordSearchCondition(opts.q);
  if (search) listConds.push(search);
  const where = and(...listConds);

  const [byStatus, [{ excluded }], years, rows, [{ total }]] = await Promise.all([
    db.select({ status: rosterRecords.status, n: count() }).from(rosterRecords).where(and(...scope)).groupBy(rosterRecords.status),
    db.select({ excluded: count() }).from(rosterRecords).where(and(...scope, isExcluded)),
    db.selectDistinct({ year: rosterRecords.passYear }).from(rosterRecords).where(eq(rosterRecords.committeeId, committeeId)).orderBy(desc(rosterRecords.passYear)),
    db
      .select({
        ...recordListColumns,
        excludedReason: rosterExclusions.reason,
        excludedAt: rosterExclusions.excludedAt,
        lastRejectReason,
      })
      .from(rosterRecords)
      .leftJoin(rosterExclusions, eq(rosterExclusions.recordId, rosterRecords.id))
      .where(where)
      .orderBy(asc(rosterRecords.name), asc(rosterRecords.certNo))
      .limit(LIST_PAGE_SIZE)
      .offset((opts.page - 1) * LIST_PAGE_SIZE),
    db.select({ total: count() }).from(rosterRecords).where(where),
  ]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<RosterStatus, number>>;
  return { committee, counts, excluded, years: years.map((y) => y.year), rows: maskRecordIdNumbers(rows), total, pageSize: LIST_PAGE_SIZE };
}

/** 退回待处理: returned records with the 专技处's reason and the batch that carried them. */
export async function listReturnedRecords(db: Db, actor: RosterActor, committeeId: string, opts: { q?: string; page: number }) {
  await assertCommitteeOwner(db, actor, committeeId);
  const conds: SQL[] = [eq(rosterRecords.committeeId, committeeId), eq(rosterRecords.status, "returned")];
  const search = recordSearchCondition(opts.q);
  if (search) conds.push(search);
  const where = and(...conds);
  const lastReturn = sql<string | null>`(select i.return_reason from roster_batch_items i join roster_batches b on b.id = i.batch_id where i.record_id = ${OUTER_RECORD_ID} and i.result = 'returned' order by b.confirmed_at desc nulls last limit 1)`;
  const lastBatch = sql<string | null>`(select b.batch_no from roster_batch_items i join roster_batches b on b.id = i.batch_id where i.record_id = ${OUTER_RECORD_ID} and i.result = 'returned' order by b.confirmed_at desc nulls last limit 1)`;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({ ...recordListColumns, returnReason: lastReturn, batchNo: lastBatch, photoId: latestPhotoId(["approved"]) })
      .from(rosterRecords)
      .where(where)
      .orderBy(desc(rosterRecords.updatedAt), asc(rosterRecords.certNo))
      .limit(LIST_PAGE_SIZE)
      .offset((opts.page - 1) * LIST_PAGE_SIZE),
    db.select({ total: count() }).from(rosterRecords).where(where),
  ]);
  return { rows: maskRecordIdNumbers(rows), total, pageSize: LIST_PAGE_SIZE };
}

/** A committee's batches, newest first, searchable by batch number. */
export async function listCommitteeBatches(db: Db, actor: RosterActor, committeeId: string, opts: { q?: string; page: number }) {
  await assertCommitteeOwner(db, actor, committeeId);
  const conds: SQL[] = [eq(rosterBatches.committeeId, committeeId)];
  const q = opts.q?.trim().toUpperCase();
  if (q) conds.push(sql`${rosterBatches.batchNo} like ${"%" + q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: rosterBatches.id,
        batchNo: rosterBatches.batchNo,
        status: rosterBatches.status,
        recordCount: rosterBatches.recordCount,
        confirmedCount: rosterBatches.confirmedCount,
        returnedCount: rosterBatches.returnedCount,
        submittedAt: rosterBatches.submittedAt,
        submitterName: users.name,
        confirmedAt: rosterBatches.confirmedAt,
        approvalNo: rosterBatches.approvalNo,
      })
      .from(rosterBatches)
      .innerJoin(users, eq(users.id, rosterBatches.submittedBy))
      .where(where)
      .orderBy(desc(rosterBatches.submittedAt))
      .limit(LIST_PAGE_SIZE)
      .offset((opts.page - 1) * LIST_PAGE_SIZE),
    db.select({ total: count() }).from(rosterBatches).where(where),
  ]);
  return { rows, total, pageSize: LIST_PAGE_SIZE };
}

/** 待办 of a committee-forming organisation across its committees (home page and workspace index). */
export async function countCommitteeWork(db: Db, actor: RosterActor) {
  const owned = await listOwnedCommittees(db, actor);
  if (owned.length === 0) return { committees: owned, perCommittee: new Map<string, Partial<Record<RosterStatus, number>>>(), photos: 0, returned: 0, ready: 0, unread: 0 };
  const rows = await db
    .select({ committeeId: rosterRecords.committeeId, status: rosterRecords.status, n: count() })
    .from(rosterRecords)
    .where(and(inArray(rosterRecords.committeeId, owned.map((c) => c.id)), inArray(rosterRecords.status, ["awaiting_photo", "photo_submitted", "photo_approved", "returned", "submitted", "confirmed"])))
    .groupBy(rosterRecords.committeeId, rosterRecords.status);
  const perCommittee = new Map<string, Partial<Record<RosterStatus, number>>>();
  let photos = 0;
  let returned = 0;
  let ready = 0;
  for (const r of rows) {
    const m = perCommittee.get(r.committeeId) ?? {};
    m[r.status] = r.n;
    perCommittee.set(r.committeeId, m);
    if (r.status === "photo_submitted") photos += r.n;
    if (r.status === "returned") returned += r.n;
    if (r.status === "photo_approved") ready += r.n;
  }
  const unread = actor.orgId ? await countUnreadOrgNotifications(db, actor.orgId) : 0;
  return { committees: owned, perCommittee, photos, returned, ready, unread };
}
