import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rateLimits } from "@/db/schema";

export type RateLimitResult = { allowed: boolean; count: number; retryAfterSec: number };

/**
 * Fixed-window counter kept in the database, so every server process shares it.
 * One atomic upsert: a new window resets the count, otherwise it increments.
 */
export async function hitRateLimit(db: Db, key: string, limit: number, windowSec: number): Promise<RateLimitResult> {
  const [row] = await db
    .insert(rateLimits)
    .values({ key, windowStart: sql`now()`, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSec}) then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSec}) then now() else ${rateLimits.windowStart} end`,
      },
    })
    .returning({
      count: rateLimits.count,
      retryAfter: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimits.windowStart} + make_interval(secs => ${windowSec}) - now()))))::int`,
    });
  return { allowed: row.count <= limit, count: row.count, retryAfterSec: row.retryAfter };
}

/** Read without counting (for checks before expensive work). */
export async function peekRateLimit(db: Db, key: string, limit: number, windowSec: number): Promise<RateLimitResult> {
  const rows = await db
    .select({
      count: sql<number>`case when ${rateLimits.windowStart} < now() - make_interval(secs => ${windowSec}) then 0 else ${rateLimits.count} end`,
      retryAfter: sql<number>`greatest(0, ceil(extract(epoch from (${rateLimits.windowStart} + make_interval(secs => ${windowSec}) - now()))))::int`,
    })
    .from(rateLimits)
    .where(sql`${rateLimits.key} = ${key}`);
  const count = rows[0]?.count ?? 0;
  return { allowed: count < limit, count, retryAfterSec: rows[0]?.retryAfter ?? 0 };
}
