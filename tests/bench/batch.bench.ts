/**
 * `npm run bench:batch` — the one-shot submission and the provincial confirmation of a 10,000-record
 * batch (docs/domain.md §5), on real PostgreSQL: a fresh database on DATABASE_URL's server, by default
 * postgres://postgres@127.0.0.1:5432. Each step runs as the server action does: one transaction with its
 * audit row. Confirmation includes the record moves, events, notifications and the signed certificates.
 * Setup (records with approved photos) is outside the timing. Target: ≤ 2 s each.
 * BENCH_RECORDS overrides the size, BENCH_RUNS (default 3) the repetitions; the median run is judged
 * against the target and the fastest is printed beside it (a shared 2-core machine is noisy: the load
 * average is printed too). Each run adds its records to the same tables, as production would.
 */
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import { openPostgres } from "../../db/client";
import { committees, orgs, users } from "../../db/schema";
import { writeAudit } from "../../lib/audit";
import type { SessionUser } from "../../lib/auth/session";
import { submitBatch } from "../../lib/batch-submission/submit-batch";
import { confirmBatch } from "../../lib/confirmation/confirm-batch";
import { insertRecords } from "../helpers/backfill-fixtures";
import { sessionUserOf } from "../helpers/session-user";
import { createDatabase, dropDatabase, withDatabase } from "../setup/pg-admin";

const SERVER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const RECORDS = Number(process.env.BENCH_RECORDS ?? 10_000);
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const TARGET_MS = 2000;
process.env.CERT_SIGNING_SECRET ??= randomBytes(32).toString("base64url");

async function main(): Promise<void> {
  const name = `gz_bench_batch_${process.pid}_${Date.now()}`;
  await createDatabase(SERVER, name);
  const handle = await openPostgres(withDatabase(SERVER, name), { max: 4 });
  try {
    const db = handle.db;
    const [province] = await db.insert(orgs).values({ name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000" }).returning();
    const [zjcOrg] = await db
      .insert(orgs)
      .values({ name: "贵州省人力资源和社会保障厅专业技术人员管理处", kind: "hrss", level: "province", regionCode: "520000", parentId: province.id, isCertDivision: true })
      .returning();
    const [u1] = await db.insert(users).values({ username: "bench_committee", role: "hrss", name: "罗晓明", orgId: province.id, passwordHash: "x" }).returning();
    const [u2] = await db.insert(users).values({ username: "bench_zjc", role: "hrss", name: "周敏", orgId: zjcOrg.id, passwordHash: "x" }).returning();
    const committeeUser: SessionUser = await sessionUserOf(db, u1.id);
    const zjc: SessionUser = await sessionUserOf(db, u2.id);

    const submitMs: number[] = [];
    const confirmMs: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const [c] = await db
        .insert(committees)
        .values({ name: `贵州省工程技术高级职称评审委员会${run + 1}`, code: String(101 + run), series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: province.id })
        .returning();
      await insertRecords(db, { committeeId: c.id, count: RECORDS, start: run * RECORDS, status: "photo_approved", photoBy: u1.id });
      await db.execute(sql`analyze`);

      let t0 = performance.now();
      const batch = await db.transaction(async (tx) => {
        const b = await submitBatch(tx, committeeUser, { committeeId: c.id, expectedCount: RECORDS });
        await writeAudit(tx, { actorId: u1.id, action: "backfill.batch.submit", outcome: "success", targetType: "roster_batch", targetId: b.batchId, detail: { count: b.count } });
        return b;
      });
      submitMs.push(performance.now() - t0);

      t0 = performance.now();
      const outcome = await db.transaction(async (tx) => {
        const r = await confirmBatch(tx, zjc, {
          batchId: batch.batchId,
          batchVersion: 1,
          expectedConfirmCount: RECORDS,
          expectedReturnCount: 0,
          approvalNo: "黔人社专技〔2026〕1号",
          issueDate: "2026-01-05",
        });
        await writeAudit(tx, { actorId: u2.id, action: "backfill.batch.confirm", outcome: "success", targetType: "roster_batch", targetId: batch.batchId, detail: r });
        return r;
      });
      confirmMs.push(performance.now() - t0);
      if (outcome.certificates !== RECORDS) throw new Error(`issued ${outcome.certificates} certificates, expected ${RECORDS}`);
      console.log(`run ${run + 1}: submit ${Math.round(submitMs[run])} ms, confirm ${Math.round(confirmMs[run])} ms (batch ${batch.batchNo}, ${RECORDS} records)`);
    }
    const best = (xs: number[]) => Math.round(Math.min(...xs));
    const median = (xs: number[]) => Math.round([...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]);
    const verdict = (ms: number) => (ms <= TARGET_MS ? "OK" : "OVER TARGET");
    console.log(`load average during the run: ${loadavg().map((l) => l.toFixed(2)).join(" / ")} (2 cores)`);
    for (const [label, ms] of [["submit ", submitMs], ["confirm", confirmMs]] as const) {
      console.log(`${label} ${RECORDS.toLocaleString("en")} records: median ${median(ms)} ms, fastest ${best(ms)} ms (target ≤ ${TARGET_MS} ms) ${verdict(median(ms))}`);
    }
  } finally {
    await handle.close();
    await dropDatabase(SERVER, name);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
