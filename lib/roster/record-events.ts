import { asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterRecordEvents, users, type RosterStatus } from "@/db/schema";
import type { Role } from "@/lib/roles";

/** One status change of a record, as the timeline shows it (the actor only by role: no names leave here). */
export type RecordTimelineEvent = {
  fromStatus: RosterStatus;
  toStatus: RosterStatus;
  at: Date;
  reason: string | null;
  actorRole: Role | null;
};

/** The record's transitions, oldest first. The caller has already checked that the viewer may see the record. */
export async function listRecordEvents(db: Db, recordId: string): Promise<RecordTimelineEvent[]> {
  return db
    .select({
      fromStatus: rosterRecordEvents.fromStatus,
      toStatus: rosterRecordEvents.toStatus,
      at: rosterRecordEvents.at,
      reason: rosterRecordEvents.reason,
      actorRole: users.role,
    })
    .from(rosterRecordEvents)
    .leftJoin(users, eq(users.id, rosterRecordEvents.actorId))
    .where(eq(rosterRecordEvents.recordId, recordId))
    .orderBy(asc(rosterRecordEvents.at), asc(rosterRecordEvents.id));
}
