/**
 * 确认 / 备案 at scale (docs/domain.md §18), part of `npm run bench:evaluation` (alone:
 * `npm run bench:evaluation -- --only=results`): on PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) in a throw-away database.
 *
 * Setup (not measured), once per run on a fresh round: a signed round of 5,000 passed candidates (the round
 * created through lib/review-rounds, its candidates, the signature and the results inserted directly — a
 * round takes at most 2,000 candidates through the UI), the 结果公示 published through lib/review-results,
 * then its dates moved into the past so that it has ended.
 * Measured, each start of the transaction to commit, median of RUNS fresh rounds, target ≤ 2 s each:
 * - 确认: one `confirmResults` transaction (guarded move, 5,000 declarations moved with their events and
 *   messages, the round_results row, audit row);
 * - 发证: one `issueResultCertificates` transaction of the 专技处 (guarded round_results update, 5,000
 *   certificates numbered, signed and inserted with their provenance, 5,000 messages, audit row).
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";

process.env.CERT_SIGNING_SECRET ??= randomBytes(32).toString("base64url");

export async function runReviewResultsBench(): Promise<boolean> {
  const { openPostgres } = await import("@/db/client");
  const { executeRows, uuidArray } = await import("@/db/raw");
  const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
  const { actorOf, buildRoundFixture } = await import("../helpers/review-round-fixtures");
  const { createRound } = await import("@/lib/review-rounds/rounds");
  const { confirmResults, issueResultCertificates, publishResults } = await import("@/lib/review-results/results");
  const { confirmResultsSchema, issueResultCertificatesSchema } = await import("@/lib/review-results/schemas");
  const { shiftDays } = await import("@/lib/calendar/working-days");
  const { todayInChina } = await import("@/lib/roster/dates");
  const { committeeFilings, orgs, reviewRounds, users } = await import("@/db/schema");
  const { eq } = await import("drizzle-orm");

  const CANDIDATES = Number(process.env.BENCH_RESULTS_CANDIDATES ?? 5000);
  const RUNS = Number(process.env.BENCH_RESULTS_RUNS ?? 3);
  const TARGET_MS = 2000;
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `gz_bench_results_${process.pid}`;
  await createDatabase(serverUrl, dbName);
  const times: number[] = [];
  const confirmTimes: number[] = [];
  try {
    const handle = await openPostgres(withDatabase(serverUrl, dbName), { migrate: true, max: 4 });
    const db = handle.db;
    const today = todayInChina();
    const [hrssOrg] = await db
      .insert(orgs)
      .values({ name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000", status: "active", isCertDivision: true })
      .returning({ id: orgs.id });
    const [hrssUser] = await db.insert(users).values({ username: "bench_results_hrss", role: "hrss", name: "省人社厅工作人员", orgId: hrssOrg.id, passwordHash: "x" }).returning({ id: users.id });
    const hrss = await actorOf(db, hrssUser.id);
    console.log(`\nbench:results: 确认, then 发证 of ${CANDIDATES} passed candidates, one transaction each, ${RUNS} fresh rounds, target ≤ ${TARGET_MS} ms each`);

    for (let run = 1; run <= RUNS; run++) {
      const t0 = performance.now();
      const fx = await buildRoundFixture(db, { seed: run, members: 5, candidates: CANDIDATES });
      const staff = await actorOf(db, fx.staff[0]);
      await db.update(committeeFilings).set({ hrssExaminerOrgId: hrssOrg.id }).where(eq(committeeFilings.termId, fx.termId));
      const round = await db.transaction((tx) => createRound(tx, staff, { termId: fx.termId, name: `基准测试评审会${run}`, meetingDate: today }));
      // Setup shortcut: the candidates, the signature and the results in bulk.
      await db.execute(sql`insert into round_candidates (round_id, declaration_id, position, result)
        select ${round.id}::uuid, d, n::int, 'passed' from unnest(${uuidArray(fx.declarationIds)}) with ordinality as s(d, n)`);
      await db.update(reviewRounds).set({ state: "signed", signedAt: new Date(), closingHash: "ab".repeat(32), ballotBoxHash: "cd".repeat(32), memberCount: 5 }).where(eq(reviewRounds.id, round.id));
      await db.execute(sql`update declarations set status = 'passed' where committee_id = ${fx.committeeId}::uuid`);
      const v1 = (await db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, round.id)))[0].v;
      await db.transaction((tx) => publishResults(tx, staff, { roundId: round.id, version: v1 }));
      await db.execute(sql`update round_result_publicities set posted_on = ${shiftDays(today, -12)}, ends_on = ${shiftDays(today, -2)} where round_id = ${round.id}::uuid`);
      await db.execute(sql`analyze`);
      const v2 = (await db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, round.id)))[0].v;
      const input = confirmResultsSchema.parse({ roundId: round.id, version: v2, approvalNo: `黔人社通〔2026〕${run}号`, issueDate: shiftDays(today, -1), expectedCount: CANDIDATES });
      const setup = performance.now() - t0;

      const c0 = performance.now();
      const confirmed = await db.transaction((tx) => confirmResults(tx, hrss, input));
      confirmTimes.push(performance.now() - c0);
      const s0 = performance.now();
      const out = await db.transaction((tx) => issueResultCertificates(tx, hrss, issueResultCertificatesSchema.parse({ roundId: round.id, expectedCount: CANDIDATES })));
      const ms = performance.now() - s0;
      times.push(ms);
      const [{ certs, msgs }] = await executeRows<{ certs: number; msgs: number }>(
        db,
        sql`select (select count(*)::int from certificates where committee_id = ${fx.committeeId}::uuid) as certs,
                   (select count(*)::int from notifications n join declarations d on d.user_id = n.user_id where d.committee_id = ${fx.committeeId}::uuid and n.kind = 'declaration_confirmed') as msgs`,
      );
      console.log(
        `  run ${run}: set up in ${(setup / 1000).toFixed(1)} s; confirmResults ${confirmTimes[confirmTimes.length - 1].toFixed(0)} ms (${confirmed.confirmed} confirmed); issueResultCertificates ${ms.toFixed(0)} ms — ${out.certificates.length} returned, ${certs} certificates in the table, ${msgs} 证书已签发 messages`,
      );
      if (certs !== CANDIDATES) throw new Error(`bench:results: expected ${CANDIDATES} certificates, found ${certs}`);
    }
    await handle.close();
  } finally {
    await dropDatabase(serverUrl, dbName);
  }
  const stats = (t: number[]) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1] };
  };
  let pass = true;
  for (const [label, t] of [[`确认 ${CANDIDATES} candidates`, confirmTimes], [`发证 ${CANDIDATES} certificates`, times]] as const) {
    const s = stats(t);
    const ok = s.median <= TARGET_MS;
    pass &&= ok;
    console.log(`${label}: median ${s.median.toFixed(0)} ms   min ${s.min.toFixed(0)} ms   max ${s.max.toFixed(0)} ms   ${ok ? "PASS" : "FAIL"} (≤ ${TARGET_MS} ms)`);
  }
  return pass;
}
