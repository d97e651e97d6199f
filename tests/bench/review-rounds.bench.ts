/**
 * The review round at scale (docs/domain.md §17), part of `npm run bench:evaluation` (alone:
 * `npm run bench:evaluation -- --only=review`): 25 members × 1,000 candidates on PostgreSQL (DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres) in a throw-away database.
 *
 * Setup through lib/review-rounds (round, 1,000 candidates, members, 5 panels, distribution, 承诺书,
 * attendance, ballot opening); only the 5,000 opinions and 1,000 summaries are inserted directly.
 * Measured:
 * - the 25 sheets cast at once (each its own transaction, password re-checked with argon2, 1,000 votes a
 *   sheet): per-sheet wall time (start of the transaction to commit) and per vote = sheet time / 1,000.
 *   Target: p95 per vote ≤ 50 ms.
 * - 统票 + signing: computeTally, then signTally (25,000 votes shuffled, hashed and copied, 1,000 chained
 *   tally rows, declarations moved) in one transaction. Target ≤ 1 s.
 */
import { sql } from "drizzle-orm";

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export async function runReviewRoundsBench(): Promise<boolean> {
  const { openPostgres } = await import("@/db/client");
  const { executeRows } = await import("@/db/raw");
  const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
  const { actorOf, buildRoundFixture, FIXTURE_PASSWORD } = await import("../helpers/review-round-fixtures");
  const { createRound, addCandidates, selectMembers } = await import("@/lib/review-rounds/rounds");
  const { formPanel, assignCandidates, distribute, startPanelReview } = await import("@/lib/review-rounds/panels");
  const { signPledge } = await import("@/lib/review-rounds/review");
  const { recordAttendance, openBallot, castSheet, closeBallot } = await import("@/lib/review-rounds/ballot");
  const { getBallotSheet } = await import("@/lib/review-rounds/expert-queries");
  const { computeTally, confirmTally, signTally } = await import("@/lib/review-rounds/tally");
  const { verifyRoundChains } = await import("@/lib/review-rounds/verify");
  const { reviewRounds } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");

  const CANDIDATES = Number(process.env.BENCH_REVIEW_CANDIDATES ?? 1000);
  const MEMBERS = 25;
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `gz_bench_review_${process.pid}`;
  await createDatabase(serverUrl, dbName);
  let pass = true;
  try {
    const handle = await openPostgres(withDatabase(serverUrl, dbName), { migrate: true, max: MEMBERS + 2 });
    const db = handle.db;
    const t0 = performance.now();
    const fx = await buildRoundFixture(db, { seed: 1, members: MEMBERS, candidates: CANDIDATES });
    const staff = await Promise.all(fx.staff.map((id) => actorOf(db, id)));
    const chair = await actorOf(db, fx.chair, { role: "committee_member", position: "主任委员" });
    const experts = await Promise.all(fx.members.map((m) => actorOf(db, m.userId, { role: "expert" })));
    const version = async (id: string) => (await db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, id)))[0].v;

    const round = await db.transaction((tx) => createRound(tx, staff[0], { termId: fx.termId, name: "基准测试评审会", meetingDate: fx.meetingDate }));
    await db.transaction((tx) => addCandidates(tx, staff[0], { roundId: round.id, declarationIds: fx.declarationIds }));
    await db.transaction(async (tx) => selectMembers(tx, staff[0], { roundId: round.id, version: await version(round.id), termMemberIds: fx.members.map((m) => m.termMemberId) }));
    const panelIds: string[] = [];
    for (let p = 0; p < 5; p++) {
      const ids = fx.members.slice(5 * p, 5 * p + 5).map((m) => m.userId);
      panelIds.push((await db.transaction((tx) => formPanel(tx, chair, { roundId: round.id, name: `第${p + 1}评议组`, memberUserIds: ids, leaderUserId: ids[0] }))).id);
    }
    const candIds = (await executeRows<{ id: string }>(db, sql`select id from round_candidates where round_id = ${round.id}::uuid order by position`)).map((r) => r.id);
    for (let p = 0; p < 5; p++) {
      await db.transaction((tx) => assignCandidates(tx, chair, { roundId: round.id, panelId: panelIds[p], candidateIds: candIds.filter((_, k) => k % 5 === p) }));
    }
    await db.transaction(async (tx) => distribute(tx, chair, { roundId: round.id, version: await version(round.id) }));
    for (const e of experts) await db.transaction((tx) => signPledge(tx, e, { roundId: round.id, accepted: true }));
    await db.transaction(async (tx) => startPanelReview(tx, chair, { roundId: round.id, version: await version(round.id) }));
    // Setup shortcut: the opinions and summaries, in bulk.
    await db.execute(sql`insert into opinions (round_id, candidate_id, user_id, text, recommend)
      select rc.round_id, rc.id, pm.user_id, '基准测试意见', true from round_candidates rc join panel_members pm on pm.panel_id = rc.panel_id where rc.round_id = ${round.id}::uuid`);
    await db.execute(sql`insert into panel_summaries (candidate_id, round_id, panel_id, text, recommend, written_by)
      select rc.id, rc.round_id, rc.panel_id, '评议组意见', true, pm.user_id from round_candidates rc join panel_members pm on pm.panel_id = rc.panel_id and pm.is_leader where rc.round_id = ${round.id}::uuid`);
    await db.transaction((tx) => recordAttendance(tx, chair, { roundId: round.id, presentUserIds: fx.members.map((m) => m.userId) }));
    await db.transaction(async (tx) => openBallot(tx, chair, { roundId: round.id, version: await version(round.id) }));
    await db.execute(sql`analyze`);
    console.log(`\nbench:review: ${MEMBERS} members × ${CANDIDATES} candidates, 5 panels; set up in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const sheets = await Promise.all(experts.map((e) => getBallotSheet(db, e, round.id)));
    const choices = sheets.map((s, i) => s.candidates.map((c, k) => ({ candidateId: c.candidateId, choice: (i + k) % 5 === 0 ? ("no" as const) : (i + k) % 7 === 0 ? ("abstain" as const) : ("yes" as const) })));
    const wall0 = performance.now();
    const times = await Promise.all(
      experts.map(async (e, i) => {
        const s0 = performance.now();
        await db.transaction((tx) => castSheet(tx, e, { roundId: round.id, choices: choices[i], password: FIXTURE_PASSWORD }));
        return performance.now() - s0;
      }),
    );
    const wall = performance.now() - wall0;
    const sorted = [...times].sort((a, b) => a - b);
    const perVote = sorted.map((t) => t / CANDIDATES);
    const p95vote = pct(perVote, 95);
    const votePass = p95vote <= 50;
    pass &&= votePass;
    const [{ n }] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from ballot_staging where round_id = ${round.id}::uuid`);
    console.log(`cast ${MEMBERS} sheets at once (${CANDIDATES} votes each, argon2 re-check): all done in ${wall.toFixed(0)} ms, ${n} ballot rows`);
    console.log(`  per sheet: median ${pct(sorted, 50).toFixed(0)} ms   p95 ${pct(sorted, 95).toFixed(0)} ms   max ${sorted[sorted.length - 1].toFixed(0)} ms`);
    console.log(`  per vote (sheet time / ${CANDIDATES}): median ${pct(perVote, 50).toFixed(2)} ms   p95 ${p95vote.toFixed(2)} ms   ${votePass ? "PASS" : "FAIL"} (p95 ≤ 50 ms)`);

    await db.transaction(async (tx) => closeBallot(tx, chair, { roundId: round.id, version: await version(round.id) }));
    const preview = await computeTally(db, staff[0], round.id);
    await db.transaction((tx) => confirmTally(tx, staff[0], { roundId: round.id, digest: preview.digest }));
    await db.transaction((tx) => confirmTally(tx, staff[1], { roundId: round.id, digest: preview.digest }));
    await db.transaction((tx) => confirmTally(tx, experts[1], { roundId: round.id, digest: preview.digest }));
    const s0 = performance.now();
    const tally = await computeTally(db, chair, round.id);
    const t1 = performance.now();
    const signed = await db.transaction(async (tx) => signTally(tx, chair, { roundId: round.id, version: await version(round.id) }));
    const t2 = performance.now();
    const total = t2 - s0;
    const signPass = total <= 1000;
    pass &&= signPass;
    console.log(
      `统票 + 签署 of ${tally.lines.length} candidates (${n} votes): 统票 ${(t1 - s0).toFixed(0)} ms + 签署 ${(t2 - t1).toFixed(0)} ms = ${total.toFixed(0)} ms   ${signPass ? "PASS" : "FAIL"} (≤ 1000 ms)   passed ${signed.passed}, failed ${signed.failed}, deferred ${signed.deferred}`,
    );
    const v0 = performance.now();
    const report = await verifyRoundChains(db, { roundId: round.id });
    console.log(`verify:tallies of the round: ${report.ok ? "OK" : "BROKEN"} in ${(performance.now() - v0).toFixed(0)} ms (not a target)`);
    await handle.close();
  } finally {
    await dropDatabase(serverUrl, dbName);
  }
  return pass;
}
