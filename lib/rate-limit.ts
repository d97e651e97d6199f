import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSec: number };

/** Seconds until the window of the counter just read or written ends. */
function retryAfterSql(windowSec: number) {
  return sql<number>`greatest(0, ceil(extract(epoch from (${rateLimits.windowStart} + make_interval(secs => ${windowSec}) - now()))))::int`;
}

/**
 * The one primitive of the fixed-window counters kept in the database, so every server process shares
 * them: counts one hit on each key in a single atomic `INSERT … ON CONFLICT … DO UPDATE … RETURNING`.
 * A key whose window has ended restarts at 1 with a new window; otherwise its count goes up by one.
 * Rows are locked in the order given (callers that hit several keys pass them in a fixed order, so
 * concurrent transactions cannot deadlock). A key given twice counts once.
 */
export async function hitRateLimitCounters(db: Db, keys: readonly string[], windowSec: number): Promise<Map<string, { count: number; retryAfterSec: number }>> {
  const unique = [...new Set(keys)];
  if (unique.length === 0) return new Map();
  const expired = sql`${rateLimits.windowStart} < now() - make_interval(secs => ${windowSec})`;
  const rows = await db
    .insert(rateLimits)
    .values(unique.map((key) => ({ key, windowStart: sql`now()`, count: 1 })))
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${expired} then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ key: rateLimits.key, count: rateLimits.count, retryAfter: retryAfterSql(windowSec) });
  return new Map(rows.map((r) => [r.key, { count: r.count, retryAfterSec: r.retryAfter }]));
}

/** One counter: counts the hit and says whether it is still within `limit` per window. */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSec: number): Promise<RateLimitResult> {
  const row = (await hitRateLimitCounters(db, [key], windowSec)).get(key)!;
  return { allowed: row.count <= limit, count: row.count, retryAfterSec: row.retryAfterSec };
}

/** Read without counting (for checks before expensive work). */
export async function peekRateLimit(db: Db, key: string, limit: number, windowSec: number): Promise<RateLimitResult> {
  const rows = await db
    .select({
      count: sql<number>`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSec}) then 0 else ${rateLimits.count} end`,
      retryAfter: retryAfterSql(windowSec),
    })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
  const count = rows[0]?.count ?? 0;
  return { allowed: count < limit, count, retryAfterSec: rows[0]?.retryAfter ?? 0 };
}
