import { and, asc, count, desc, eq, inArray, not, sql, type SQL } from "drizzle-orm";
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

type StatusCounts = Partial<Record<RosterStatus, number>>;
export type BoardGroupKey = keyof typeof BOARD_GROUPS;

/**
 * Every count of the 进度看板 and the 一次性提交 panel, from one query with the submission's own
 * exclusion rule (`notExcluded`, docs/domain.md §5): the group tabs, 未就绪 and the button's 可提交
 * count only count records that are not excluded; excluded records are counted apart (已排除).
 * `byStatus` counts every record, excluded or not (the roster's states and the progress bar).
 */
export async function getBoardCounts(db: Db, committeeId: string, opts: { year?: number } = {}) {
  const scope: SQL[] = [eq(rosterRecords.committeeId, committeeId)];
  if (opts.year) scope.push(eq(rosterRecords.passYear, opts.year));
  const included = sql<boolean>`${notExcluded(db)}`;
  const rows = await db
    .select({ status: rosterRecords.status, included, n: count() })
    .from(rosterRecords)
    .where(and(...scope))
    .groupBy(rosterRecords.status, included);
  const byStatus: StatusCounts = {};
  const open: StatusCounts = {};
  const excludedByStatus: StatusCounts = {};
  for (const r of rows) {
    byStatus[r.status] = (byStatus[r.status] ?? 0) + r.n;
    const into = r.included ? open : excludedByStatus;
    into[r.status] = (into[r.status] ?? 0) + r.n;
  }
  const sum = (m: StatusCounts, statuses: readonly RosterStatus[]) => statuses.reduce((a, s) => a + (m[s] ?? 0), 0);
  const groups = Object.fromEntries(Object.entries(BOARD_GROUPS).map(([g, d]) => [g, sum(open, d.statuses)])) as Record<BoardGroupKey, number>;
  const blockingByStatus = Object.fromEntries(BLOCKING_STATUSES.map((s) => [s, open[s] ?? 0])) as Record<(typeof BLOCKING_STATUSES)[number], number>;
  return {
    byStatus,
    groups,
    excludedByStatus,
    excluded: Object.values(excludedByStatus).reduce((a, b) => a + (b ?? 0), 0),
    ready: groups.ready,
    blocking: sum(open, BLOCKING_STATUSES),
    blockingByStatus,
    drafts: groups.draft,
  };
}
export type BoardCounts = Awaited<ReturnType<typeof getBoardCounts>>;

/** What the one-shot submission would do now (every year of the committee): how many go, what still blocks it. */
export function getSubmissionSummary(db: Db, committeeId: string): Promise<BoardCounts> {
  return getBoardCounts(db, committeeId);
}

/**
 * 进度看板: the counts (committee, and year when chosen) and one group's records — by default who has
 * not uploaded a photo yet, to chase them — with exclusion and last rejection reason. A group lists
 * the records its tab counts: excluded records only under 已排除.
 */
export async function getReviewBoard(db: Db, actor: RosterActor, committeeId: string, opts: { year?: number; group: BoardGroup; q?: string; page: number }) {
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const listConds: SQL[] = [eq(rosterRecords.committeeId, committeeId)];
  if (opts.year) listConds.push(eq(rosterRecords.passYear, opts.year));
  if (opts.group === "excluded") listConds.push(not(notExcluded(db)));
  else listConds.push(inArray(rosterRecords.status, [...BOARD_GROUPS[opts.group].statuses]), notExcluded(db));
  const search = recordSearchCondition(opts.q);
  if (search) listConds.push(search);
  const where = and(...listConds);

  const [counts, years, rows, [{ total }]] = await Promise.all([
    getBoardCounts(db, committeeId, { year: opts.year }),
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
  return { committee, counts, years: years.map((y) => y.year), rows: maskRecordIdNumbers(rows), total, pageSize: LIST_PAGE_SIZE };
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
