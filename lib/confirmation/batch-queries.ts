import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, orgs, rosterBatches, rosterBatchItems, rosterRecords, users } from "@/db/schema";
import type { BatchItemResult, BatchStatus } from "@/db/schema/enums";
import { escapeLike, latestPhotoId, LIST_PAGE_SIZE, recordSearchCondition } from "@/lib/roster/record-search";
import { maskIdNumber } from "@/lib/validation/id-number";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";

/** One batch's header (who submitted what, when; how it was decided). */
export async function getBatchHeader(db: Db, batchId: string) {
  const [row] = await db
    .select({
      id: rosterBatches.id,
      batchNo: rosterBatches.batchNo,
      committeeId: rosterBatches.committeeId,
      committeeName: committees.name,
      committeeCode: committees.code,
      formingOrgName: orgs.name,
      status: rosterBatches.status,
      version: rosterBatches.version,
      recordCount: rosterBatches.recordCount,
      submittedAt: rosterBatches.submittedAt,
      submitterName: users.name,
      confirmedAt: rosterBatches.confirmedAt,
      approvalNo: rosterBatches.approvalNo,
      issueDate: rosterBatches.issueDate,
      confirmedCount: rosterBatches.confirmedCount,
      returnedCount: rosterBatches.returnedCount,
    })
    .from(rosterBatches)
    .innerJoin(committees, eq(committees.id, rosterBatches.committeeId))
    .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
    .innerJoin(users, eq(users.id, rosterBatches.submittedBy))
    .where(eq(rosterBatches.id, batchId))
    .limit(1);
  if (!row) return null;
  const results = await db
    .select({ result: rosterBatchItems.result, n: count() })
    .from(rosterBatchItems)
    .where(eq(rosterBatchItems.batchId, batchId))
    .groupBy(rosterBatchItems.result);
  const byResult = Object.fromEntries(results.map((r) => [r.result, r.n])) as Partial<Record<BatchItemResult, number>>;
  return { ...row, byResult };
}
export type BatchHeader = NonNullable<Awaited<ReturnType<typeof getBatchHeader>>>;

/** The records of a batch with their approved photo, searchable, filterable by result. */
export async function listBatchItems(db: Db, batchId: string, opts: { q?: string; result?: BatchItemResult; page: number; pageSize?: number }) {
  const pageSize = opts.pageSize ?? LIST_PAGE_SIZE;
  const conds: SQL[] = [eq(rosterBatchItems.batchId, batchId)];
  if (opts.result) conds.push(eq(rosterBatchItems.result, opts.result));
  const search = recordSearchCondition(opts.q);
  if (search) conds.push(search);
  const where = and(...conds);
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: rosterRecords.id,
        status: rosterRecords.status,
        certNo: rosterRecords.certNo,
        name: rosterRecords.name,
        gender: rosterRecords.gender,
        birthDate: rosterRecords.birthDate,
        idNumber: rosterRecords.idNumber,
        workUnit: rosterRecords.workUnit,
        series: rosterRecords.series,
        specialty: rosterRecords.specialty,
        qualificationName: rosterRecords.qualificationName,
        level: rosterRecords.level,
        obtainMethod: rosterRecords.obtainMethod,
        passDate: rosterRecords.passDate,
        result: rosterBatchItems.result,
        returnReason: rosterBatchItems.returnReason,
        photoId: latestPhotoId(["approved"]),
      })
      .from(rosterBatchItems)
      .innerJoin(rosterRecords, eq(rosterRecords.id, rosterBatchItems.recordId))
      .where(where)
      .orderBy(asc(rosterRecords.certNo))
      .limit(pageSize)
      .offset((opts.page - 1) * pageSize),
    db.select({ total: count() }).from(rosterBatchItems).innerJoin(rosterRecords, eq(rosterRecords.id, rosterBatchItems.recordId)).where(where),
  ]);
  return { rows: rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })), total, pageSize };
}

/** 证书确认 queue of the 专技处: batches of every committee, waiting ones oldest first. */
export async function listBatchQueue(db: Db, actor: ProvinceActor, opts: { status?: BatchStatus; q?: string; page: number }) {
  assertCertDivision(actor);
  const conds: SQL[] = [];
  if (opts.status) conds.push(eq(rosterBatches.status, opts.status));
  const q = opts.q?.trim();
  if (q) conds.push(or(ilike(rosterBatches.batchNo, `%${escapeLike(q)}%`), ilike(committees.name, `%${escapeLike(q)}%`), ilike(orgs.name, `%${escapeLike(q)}%`))!);
  const where = conds.length ? and(...conds) : undefined;
  const base = () =>
    db
      .select({
        id: rosterBatches.id,
        batchNo: rosterBatches.batchNo,
        status: rosterBatches.status,
        committeeName: committees.name,
        formingOrgName: orgs.name,
        recordCount: rosterBatches.recordCount,
        confirmedCount: rosterBatches.confirmedCount,
        returnedCount: rosterBatches.returnedCount,
        submittedAt: rosterBatches.submittedAt,
        confirmedAt: rosterBatches.confirmedAt,
        approvalNo: rosterBatches.approvalNo,
      })
      .from(rosterBatches)
      .innerJoin(committees, eq(committees.id, rosterBatches.committeeId))
      .innerJoin(orgs, eq(orgs.id, committees.formingOrgId));
  const [rows, [{ total }], byStatus] = await Promise.all([
    base()
      .where(where)
      .orderBy(opts.status === "submitted" ? asc(rosterBatches.submittedAt) : desc(rosterBatches.submittedAt))
      .limit(LIST_PAGE_SIZE)
      .offset((opts.page - 1) * LIST_PAGE_SIZE),
    db
      .select({ total: count() })
      .from(rosterBatches)
      .innerJoin(committees, eq(committees.id, rosterBatches.committeeId))
      .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
      .where(where),
    db.select({ status: rosterBatches.status, n: count(), records: sql<number>`coalesce(sum(${rosterBatches.recordCount}), 0)::int` }).from(rosterBatches).groupBy(rosterBatches.status),
  ]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, { batches: r.n, records: r.records }])) as Partial<Record<BatchStatus, { batches: number; records: number }>>;
  return { rows, total, counts, pageSize: LIST_PAGE_SIZE };
}

/** 待确认 for the 专技处's home page: waiting batches and the records in them. */
export async function countWaitingBatches(db: Db): Promise<{ batches: number; records: number }> {
  const [row] = await db
    .select({ batches: count(), records: sql<number>`coalesce(sum(${rosterBatches.recordCount}), 0)::int` })
    .from(rosterBatches)
    .where(eq(rosterBatches.status, "submitted"));
  return row ?? { batches: 0, records: 0 };
}
