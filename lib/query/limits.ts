import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { hitRateLimitCounters } from "@/lib/rate-limit";
import { keyedHash } from "./hash";

/**
 * Rate limits of the certificate query (docs/domain.md §9), kept in the database (the rate_limits table of
 * lib/rate-limit.ts, counted by its hitRateLimitCounters) so every server process counts together.
 *
 * Per client (address, or account in the personal area): slows one source down. Per queried key
 * (each given 证件号码, 证书编号 and 姓名, hashed) the count is kept per REQUESTER — the pair (key,
 * address) — so a stranger who queries someone's ID number ten times locks only himself out, not the
 * holder or an employer checking the certificate. A much higher ceiling per key over all public
 * requesters still stops a distributed enumeration of one person. The personal area counts per (key,
 * account) only and never shares a bucket with the public channel; /verify/<token> has its own
 * per-address bucket. A name is shared by many people, so its limits are looser.
 */
export const QUERY_LIMITS = {
  publicPerIp: { limit: 30, windowSec: 10 * 60 },
  holderPerUser: { limit: 30, windowSec: 10 * 60 },
  idNumberPerRequester: { limit: 10, windowSec: 60 * 60 },
  certNoPerRequester: { limit: 10, windowSec: 60 * 60 },
  namePerRequester: { limit: 30, windowSec: 60 * 60 },
  idNumberAllPublic: { limit: 200, windowSec: 60 * 60 },
  certNoAllPublic: { limit: 200, windowSec: 60 * 60 },
  nameAllPublic: { limit: 1000, windowSec: 60 * 60 },
  verifyLinkPerIp: { limit: 60, windowSec: 10 * 60 },
  captchaPerIp: { limit: 60, windowSec: 10 * 60 },
} as const;

export type LimitName = keyof typeof QUERY_LIMITS;

export function tooFrequentMessage(retryAfterSec: number): string {
  return `查询过于频繁，请${Math.max(1, Math.ceil(retryAfterSec / 60))}分钟后再试`;
}

/** The rate_limits key of one counter: the subject only as a keyed hash. */
export function rateLimitKey(name: LimitName, subject: string): string {
  return `cq:${name}:${keyedHash("rate-key", subject)}`;
}

/**
 * Counts one attempt against each (limit, subject) pair — a subject is an address, an account or a
 * queried value, stored only as a keyed hash. Returns the longest wait among the exceeded limits, or
 * null when all are within. Keys are locked in a fixed order (by window, then as given), so
 * concurrent transactions cannot deadlock on them.
 */
export async function hitQueryLimits(db: Db, hits: [LimitName, string][]): Promise<number | null> {
  const byWindow = new Map<number, { key: string; limit: number }[]>();
  for (const [name, subject] of hits) {
    const { limit, windowSec } = QUERY_LIMITS[name];
    const list = byWindow.get(windowSec) ?? [];
    list.push({ key: rateLimitKey(name, subject), limit });
    byWindow.set(windowSec, list);
  }
  let wait: number | null = null;
  for (const [windowSec, entries] of [...byWindow].sort(([a], [b]) => a - b)) {
    // One upsert (one round trip) for the counters sharing this window.
    const counts = await hitRateLimitCounters(db, entries.map((e) => e.key), windowSec);
    for (const e of entries) {
      const c = counts.get(e.key);
      if (c && c.count > e.limit) wait = Math.max(wait ?? 0, c.retryAfterSec);
    }
  }
  return wait;
}

/**
 * Runs counters and lookup logging in one transaction that does not wait for its commit to reach
 * disk: a database crash may lose the last fraction of a second of them, which is acceptable for
 * counters and lookup records; a flush per request (several ms each) is not. Business data never
 * goes through here.
 */
export function withRelaxedDurability<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    return fn(tx);
  });
}
