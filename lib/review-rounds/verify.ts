/**
 * Recomputes the hash chains of signed rounds and reports the first broken link: `npm run verify:tallies`
 * (scripts/verify-tallies.ts). For each signed round, in order: the ballot box (seq 1…n without gaps, each
 * hash recomputed from the previous one, the last equal to the round's ballot_box_hash), then
 * the tally rows (continuing from the box, the last equal to the closing hash), then each tally's counts
 * against a recount of the box — so a superuser who edits a row and rewrites every hash after it is still
 * caught by the recount.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import type { BallotChoice, TallyResult } from "@/db/schema/enums";
import { canonicalTally, canonicalVote, chainHash, genesisHash } from "./hash";

export type ChainReport =
  | { ok: true; rounds: number; votes: number; tallies: number }
  | { ok: false; roundId: string; table: "ballot_votes" | "tallies" | "review_rounds"; seq: number | null; message: string };

type RoundRow = { id: string; ballot_box_hash: string | null; closing_hash: string | null };
type VoteRow = { id: string; candidate_id: string; choice: BallotChoice; seq: number; hash: string };
type TallyDbRow = { candidate_id: string; seq: number; members: number; present: number; eligible_present: number; yes: number; no: number; abstain: number; result: TallyResult; prev_hash: string; hash: string };

export async function verifyRoundChains(db: Db, opts: { roundId?: string } = {}): Promise<ChainReport> {
  const rounds = await executeRows<RoundRow>(
    db,
    sql`select id, ballot_box_hash, closing_hash from review_rounds where signed_at is not null ${opts.roundId ? sql`and id = ${opts.roundId}::uuid` : sql``} order by signed_at, id`,
  );
  let voteCount = 0;
  let tallyCount = 0;
  for (const r of rounds) {
    const fail = (table: "ballot_votes" | "tallies" | "review_rounds", seq: number | null, message: string): ChainReport => ({ ok: false, roundId: r.id, table, seq, message });
    const votes = await executeRows<VoteRow>(db, sql`select id, candidate_id, choice, seq, hash from ballot_votes where round_id = ${r.id}::uuid order by seq`);
    let prev = genesisHash(r.id);
    const recount = new Map<string, { yes: number; no: number; abstain: number }>();
    for (let i = 0; i < votes.length; i++) {
      const v = votes[i];
      const seq = Number(v.seq);
      if (seq !== i + 1) return fail("ballot_votes", seq, `序号不连续：应为${i + 1}`);
      const h = chainHash(prev, canonicalVote({ roundId: r.id, seq, id: v.id, candidateId: v.candidate_id, choice: v.choice }));
      if (h !== v.hash) return fail("ballot_votes", seq, "hash 与内容不符（该条被修改）");
      prev = h;
      const c = recount.get(v.candidate_id) ?? { yes: 0, no: 0, abstain: 0 };
      c[v.choice] += 1;
      recount.set(v.candidate_id, c);
    }
    if (prev !== r.ballot_box_hash) return fail("review_rounds", null, "投票箱末尾哈希与会议记录不符（投票被增删）");
    const rows = await executeRows<TallyDbRow>(
      db,
      sql`select candidate_id, seq, members, present, eligible_present, yes, no, abstain, result, prev_hash, hash from tallies where round_id = ${r.id}::uuid order by seq`,
    );
    for (let i = 0; i < rows.length; i++) {
      const t = rows[i];
      const seq = Number(t.seq);
      if (seq !== i + 1) return fail("tallies", seq, `序号不连续：应为${i + 1}`);
      if (t.prev_hash !== prev) return fail("tallies", seq, "prev_hash 与上一条不符");
      const row = {
        roundId: r.id,
        seq,
        candidateId: t.candidate_id,
        members: Number(t.members),
        present: Number(t.present),
        eligiblePresent: Number(t.eligible_present),
        yes: Number(t.yes),
        no: Number(t.no),
        abstain: Number(t.abstain),
        result: t.result,
      };
      const h = chainHash(prev, canonicalTally(row));
      if (h !== t.hash) return fail("tallies", seq, "hash 与内容不符（该条被修改）");
      prev = h;
      const c = recount.get(t.candidate_id) ?? { yes: 0, no: 0, abstain: 0 };
      if (c.yes !== row.yes || c.no !== row.no || c.abstain !== row.abstain) return fail("tallies", seq, "票数与投票箱重新计票结果不符");
    }
    if (prev !== r.closing_hash) return fail("review_rounds", null, "统票末尾哈希与会议的结束哈希不符");
    voteCount += votes.length;
    tallyCount += rows.length;
  }
  return { ok: true, rounds: rounds.length, votes: voteCount, tallies: tallyCount };
}

export function describeChainReport(r: ChainReport): string {
  if (r.ok) return `OK：${r.rounds}次已签署评审会议，投票${r.votes}条，统票${r.tallies}条，哈希链完整`;
  return `校验失败：评审会议 ${r.roundId}，${r.table}${r.seq !== null ? ` 第${r.seq}条` : ""}：${r.message}`;
}
