import { and, asc, count, desc, eq, gt, ilike, like, or, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecords, type RosterRecord, type RosterStatus } from "@/db/schema";
import { maskIdNumber, normalizeIdNumber } from "@/lib/validation/id-number";
import { assertCommitteeOwner, isUuid, type RosterActor } from "./access";
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
      alternatives.push(like(rosterRecords.certNo, `${escapeLike(code)}%`));
    }
    conds.push(or(...alternatives)!);
  }
  return conds;
}

const ORDER = {
  created: [desc(rosterRecords.createdAt), asc(rosterRecords.certNo)],
  name: [asc(rosterRecords.name), asc(rosterRecords.certNo)],
  certNo: [asc(rosterRecords.certNo)],
} as const;

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

/** One page of a committee's roster (IDs masked), the filtered total and counts per status. */
export async function listRosterRecords(db: Db, actor: RosterActor, committeeId: string, filter: RosterListFilter, page: number, pageSize = 20) {
  const committee = await assertCommitteeOwner(db, actor, committeeId);
  const where = and(...rosterFilterConditions(committeeId, filter));
  const [rows, [{ total }], byStatus, years] = await Promise.all([
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
      })
      .from(rosterRecords)
      .where(where)
      .orderBy(...ORDER[filter.sort ?? "created"])
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(rosterRecords).where(where),
    db
      .select({ status: rosterRecords.status, n: count() })
      .from(rosterRecords)
      .where(eq(rosterRecords.committeeId, committeeId))
      .groupBy(rosterRecords.status),
    db
      .selectDistinct({ year: rosterRecords.passYear })
      .from(rosterRecords)
      .where(eq(rosterRecords.committeeId, committeeId))
      .orderBy(desc(rosterRecords.passYear)),
  ]);
  const counts = Object.fromEntries(byStatus.map((r) => [r.status, r.n])) as Partial<Record<RosterStatus, number>>;
  const list: RosterListRow[] = rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) }));
  return { committee, rows: list, total, counts, years: years.map((y) => y.year), pageSize };
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
