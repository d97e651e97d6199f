import { and, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings } from "@/db/schema";

/**
 * Whether a committee may hold a review round on `meetingDate` (YYYY-MM-DD): it has an approved filing
 * whose validity (valid_from … valid_to, both inclusive) covers that day (EVALUATION §2). An expired
 * filing is an approved one whose valid_to has passed, so the date test covers it. The one answer later
 * stages (rounds, declarations) rely on.
 */
export async function canHoldReviewRound(db: Db, committeeId: string, meetingDate: string): Promise<boolean> {
  const [row] = await db
    .select({ id: committeeFilings.id })
    .from(committeeFilings)
    .where(
      and(
        eq(committeeFilings.committeeId, committeeId),
        eq(committeeFilings.status, "approved"),
        lte(committeeFilings.validFrom, meetingDate),
        gte(committeeFilings.validTo, meetingDate),
      ),
    )
    .limit(1);
  return !!row;
}
