/**
 * Recomputes the hash chains of signed rounds (ballot box, then tallies, then the closing hash) and reports
 * the first broken link: `npm run verify:tallies` (scripts/verify-tallies.ts).
 */
import type { Db } from "@/db/client";

export type ChainReport =
  | { ok: true; rounds: number; votes: number; tallies: number }
  | { ok: false; roundId: string; table: "ballot_votes" | "tallies" | "review_rounds"; seq: number | null; message: string };

export async function verifyRoundChains(db: Db, opts: { roundId?: string } = {}): Promise<ChainReport> {
  void db; void opts;
  throw new Error("not implemented");
}
