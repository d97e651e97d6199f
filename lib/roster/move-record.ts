import { randomBytes } from "node:crypto";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, uuidArray } from "@/db/raw";
import type { RosterStatus } from "@/db/schema";
import { StaleStateError } from "@/lib/errors";

type MovedRef = { id: string; name: string; qualificationName: string };

export type RecordMove = {
  recordIds: string[];
  /** Allowed current states: rows in any other state do not move. */
  from: readonly RosterStatus[];
  to: RosterStatus;
  /** Null only for a change made by the system itself (a data fix run by the migration). */
  actorId: string | null;
  reason?: string | null;
  /** Only for a single record: the version the user saw (optimistic check). */
  expectedVersion?: number;
  /** Restrict to one committee (the caller has asserted ownership of it). */
  committeeId?: string;
  /** In-app message to each record's holder (matched later by ID, see lib/notifications/notify.ts). */
  notify?: { kind: string; message: (r: MovedRef) => string };
};

export type MovedRecord = MovedRef & { idType: string; idNumber: string };

/**
 * The message as an SQL expression over the moved row: the message function is rendered once with
 * random markers in place of the record's fields, and the server substitutes each row's values. The
 * markers are random per call, so no reason text typed by a user can contain them.
 */
function messageSql(message: (r: MovedRef) => string): SQL {
  const mark = randomBytes(6).toString("hex");
  const nameMark = `\u0001n${mark}\u0001`;
  const qualMark = `\u0001q${mark}\u0001`;
  const template = message({ id: "", name: nameMark, qualificationName: qualMark });
  return sql`replace(replace(${template}::text, ${qualMark}::text, moved.qualification_name), ${nameMark}::text, moved.name)`;
}

/**
 * The one guarded state change of roster records (docs/domain.md §3): UPDATE … WHERE status IN (from)
 * [AND version = expected], bumping the version, with one event row per moved record and, when asked,
 * one notification each. When not every requested record moved, nothing moves: the caller gets
 * 「状态已变化，请刷新」 instead of a partial or double effect. Runs in the caller's transaction.
 *
 * All of it is ONE statement (data-modifying CTEs): the event and notification rows are made on the
 * server from the updated rows, so a 10,000-record batch neither travels back as JSON nor takes more
 * round trips than one. With several allowed states the rows are locked first, so each event records
 * the record's exact previous state.
 */
export async function moveRecords(tx: Db, m: RecordMove): Promise<MovedRecord[]> {
  const ids = [...new Set(m.recordIds)];
  if (ids.length === 0) return [];
  const from = sql`array[${sql.join(m.from.map((s) => sql`${s}`), sql`, `)}]::roster_status[]`;
  const locked = m.from.length > 1;
  const conds: SQL[] = [sql`r.id = any(${uuidArray(ids)})`, sql`r.status = any(${from})`];
  if (m.committeeId) conds.push(sql`r.committee_id = ${m.committeeId}::uuid`);
  if (m.expectedVersion !== undefined) conds.push(sql`r.version = ${m.expectedVersion}::int`);
  if (locked) conds.push(sql`b.id = r.id`);
  const now = new Date().toISOString();
  const reason = m.reason?.trim() || null;
  const to = sql`${m.to}::roster_status`;

  const rows = await executeRows<MovedRecord>(tx, sql`
    with
      ${locked ? sql`before as (select id, status from roster_records where id = any(${uuidArray(ids)}) for update),` : sql``}
      moved as (
        update roster_records r
        set status = ${to}, version = r.version + 1, updated_at = ${now}::timestamptz, updated_by = ${m.actorId}::uuid
        ${locked ? sql`from before b` : sql``}
        where ${sql.join(conds, sql` and `)}
        returning r.id, r.name, r.qualification_name, r.id_type, r.id_number,
          ${locked ? sql`b.status` : sql`${m.from[0]}::roster_status`} as from_status
      ),
      events as (
        insert into roster_record_events (record_id, from_status, to_status, actor_id, reason, at)
        select moved.id, moved.from_status, ${to}, ${m.actorId}::uuid, ${reason}::text, ${now}::timestamptz from moved
      )
      ${m.notify
        ? sql`, notes as (
        insert into notifications (record_id, kind, message, created_at)
        select moved.id, ${m.notify.kind}::text, ${messageSql(m.notify.message)}, ${now}::timestamptz from moved
      )`
        : sql``}
    select id, name, qualification_name as "qualificationName", id_type::text as "idType", id_number as "idNumber" from moved`);
  if (rows.length !== ids.length) throw new StaleStateError();
  return rows;
}
