import { and, asc, count, desc, eq, gt, ilike, like, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecordCounts, rosterRecords, type RosterRecord, type RosterStatus } from "@/db/schema";
import { decodeCursor, epochMicros, fromEpochMicros, keysetPage, type CursorValue, type KeysetRequest } from "@/lib/keyset";
import { maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";
import { assertCommitteeOwner, isUuid, type RosterActor } from "./access";
import { codePrefix } from "./record-search";
import type { RosterListFilter } from "./schemas";

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => "\\" + c);
}

/** Search by name (contains), ID number (contains) or certificate number (prefix); filters by status, series, year. */
export function rosterFilterConditions(committeeId: string, filter: RosterListFilter): SQL[] {
  const conds: SQL[] = [eq(rosterRecords.committeeId, committeeId)];
  if (filter.status) conds.push(eq(rosterRecords.status, filter.status));
  if (filter.series) conds.push(eq(rosterRecords.series, filter.series));
  if (filter.year) conds.push(eq(rosterRecords.passYear, filter.year));
  if (filter.q) {
    const q = filter.q.trim();
    const alternatives: SQL[] = [ilike(rosterRecords.name, `%${escapeLike(q)}%`)];
    const code = normalizeIdNumber(q);
    if (/^[0-9A-Z]{4,}$/.test(code)) {
      alternatives.push(like(rosterRecords.idNumber, `%${escapeLike(code)}%`));
      alternatives.push(codePrefix(rosterRecords.certNo, code));
    }
    conds.push(or(...alternatives)!);
  }
  return conds;
}

/** Each sort's order; the keyset cursor is [first key, cert_no] (cert_no is unique: the tie-break). */
const ORDER = {
  created: { forward: [desc(rosterRecords.createdAt), asc(rosterRecords.certNo)], backward: [asc(rosterRecords.createdAt), desc(rosterRecords.certNo)] },
  name: { forward: [asc(rosterRecords.name), asc(rosterRecords.certNo)], backward: [desc(rosterRecords.name), desc(rosterRecords.certNo)] },
  certNo: { forward: [asc(rosterRecords.certNo)], backward: [desc(rosterRecords.certNo)] },
} as const;
const ROSTER_CURSOR = ["string", "string"] as const;

/** The seek condition of a keyset page for one sort, `backward` for 上一页. */
function seekCondition(sort: keyof typeof ORDER, key: CursorValue[], backward: boolean): SQL {
  const [first, no] = [String(key[0]), String(key[1])];
  if (sort === "created") {
    // Mixed directions (created_at desc, cert_no asc): seek on created_at, then drop the cursor's own
    // import batch (one created_at) up to and including it.
    if (!/^-?\d{1,19}$/.test(first)) return sql`false`;
    const at = fromEpochMicros(first);
    return backward
      ? sql`${rosterRecords.createdAt} >= ${at} and (${rosterRecords.createdAt} > ${at} or ${rosterRecords.certNo} < ${no})`
      : sql`${rosterRecords.createdAt} <= ${at} and (${rosterRecords.createdAt} < ${at} or ${rosterRecords.certNo} > ${no})`;
  }
  if (sort === "name") return backward ? sql`(${rosterRecords.name}, ${rosterRecords.certNo}) < (${first}, ${no})` : sql`(${rosterRecords.name}, ${rosterRecords.certNo}) > (${first}, ${no})`;
  return backward ? lt(rosterRecords.certNo, no) : gt(rosterRecords.certNo, no);
}

export type RosterListRow = {
  id: string;
  version: number;
  status: RosterStatus;
  certNo: string;
  name: string;
  idType: string;
  idNumberMasked: string;
  workUnit: string;
  series: string;
  qualificationName: string;
  level: string;
  passDate: string;
};

/**
 * One keyset page of a committee's roster (IDs masked; lib/keyset.ts: no OFFSET), the filtered total
 * and counts per status. The counts, the years and — unless a search or series filter is set — the
 * total come from roster_record_counts (kept by triggers, db/sql/roster-counts.sql); only a search
 * counts its matches (trigram indexes). tests/bench/lists.bench.ts measures it at scale.
 */
export async function listRosterRecords(db: Db, actor: RosterActor, committeeId: string, filter: RosterListFilter, page: KeysetRequest = {}, pageSize = 20) {
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const sort = filter.sort ?? "created";
  const conds = rosterFilterConditions(committeeId, filter);
  const countWhere = and(...conds);
  const backward = decodeCursor(page.before, ROSTER_CURSOR);
  const forward = backward ? undefined : decodeCursor(page.after, ROSTER_CURSOR);
  const cursor = backward ?? forward;
  if (cursor) conds.push(seekCondition(sort, cursor, Boolean(backward)));
  const needsCount = Boolean(filter.q?.trim() || filter.series);
  const [fetched, groups, searchTotal] = await Promise.all([
    db
      .select({
        id: rosterRecords.id,
        version: rosterRecords.version,
        status: rosterRecords.status,
        certNo: rosterRecords.certNo,
        name: rosterRecords.name,
        idType: rosterRecords.idType,
        idNumber: rosterRecords.idNumber,
        workUnit: rosterRecords.workUnit,
        series: rosterRecords.series,
        qualificationName: rosterRecords.qualificationName,
        level: rosterRecords.level,
        passDate: rosterRecords.passDate,
        createdAtMicros: epochMicros(rosterRecords.createdAt),
      })
      .from(rosterRecords)
      .where(and(...conds))
      .orderBy(...ORDER[sort][backward ? "backward" : "forward"])
      .limit(pageSize + 1),
    db
      .select({ status: rosterRecordCounts.status, year: rosterRecordCounts.passYear, n: rosterRecordCounts.n })
      .from(rosterRecordCounts)
      .where(and(eq(rosterRecordCounts.committeeId, committeeId), gt(rosterRecordCounts.n, 0))),
    needsCount ? db.select({ total: count() }).from(rosterRecords).where(countWhere) : Promise.resolve(undefined),
  ]);
  const counts: Partial<Record<RosterStatus, number>> = {};
  const yearSet = new Set<number>();
  let total = 0;
  for (const g of groups) {
    counts[g.status] = (counts[g.status] ?? 0) + g.n;
    yearSet.add(g.year);
    if ((!filter.status || g.status === filter.status) && (!filter.year || g.year === filter.year)) total += g.n;
  }
  if (searchTotal) total = searchTotal[0].total;
  const keyOf = (r: (typeof fetched)[number]): CursorValue[] => [sort === "created" ? r.createdAtMicros : sort === "name" ? r.name : "", r.certNo];
  const result = keysetPage(fetched, pageSize, backward ? "backward" : "forward", Boolean(cursor), keyOf);
  const list: RosterListRow[] = result.rows.map(({ idNumber, createdAtMicros: _c, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }));
  return {
    committee,
    rows: list,
    total,
    counts,
    years: [...yearSet].sort((a, b) => b - a),
    pageSize,
    nextCursor: result.nextCursor,
    prevCursor: result.prevCursor,
  };
}

/** Counts per status for each committee the actor owns (the roster home page). */
export async function countRosterByCommittee(db: Db, committeeIds: string[]) {
  if (committeeIds.length === 0) return new Map<string, Partial<Record<RosterStatus, number>>>();
  const rows = await db
    .select({ committeeId: rosterRecords.committeeId, status: rosterRecords.status, n: count() })
    .from(rosterRecords)
    .where(or(...committeeIds.map((id) => eq(rosterRecords.committeeId, id))))
    .groupBy(rosterRecords.committeeId, rosterRecords.status);
  const out = new Map<string, Partial<Record<RosterStatus, number>>>();
  for (const r of rows) {
    const m = out.get(r.committeeId) ?? {};
    m[r.status] = r.n;
    out.set(r.committeeId, m);
  }
  return out;
}

/**
 * A record for the edit form. The full ID number goes to the form only while the record is a draft of
 * the actor's own committee (the organisation typed it and may correct it); everything else is masked.
 */
export async function getRosterRecordForEdit(db: Db, actor: RosterActor, committeeId: string, recordId: string) {
  if (!isUuid(recordId)) return null;
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const [rec] = await db
    .select()
    .from(rosterRecords)
    .where(and(eq(rosterRecords.id, recordId), eq(rosterRecords.committeeId, committeeId)))
    .limit(1);
  if (!rec) return null;
  const { idNumber, createdBy: _c, updatedBy: _u, importId: _i, ...rest } = rec;
  return {
    committee,
    record: { ...rest, idNumber: rec.status === "draft" ? idNumber : maskIdNumber(idNumber), idNumberMasked: maskIdNumber(idNumber) },
  };
}

/** Walks the filtered roster in certificate-number order, a page at a time (for the export). */
export async function* iterateRosterRecords(db: Db, committeeId: string, filter: RosterListFilter, pageSize = 2000) {
  const base = rosterFilterConditions(committeeId, filter);
  let after: string | null = null;
  for (;;) {
    const conds: SQL[] = after ? [...base, gt(rosterRecords.certNo, after)] : base;
    const page: RosterRecord[] = await db
      .select()
      .from(rosterRecords)
      .where(and(...conds))
      .orderBy(asc(rosterRecords.certNo))
      .limit(pageSize);
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    after = page[page.length - 1].certNo;
  }
}
