/**
 * npm run bench:lists — the three long back-office lists at province scale (issue #19 item 4).
 *
 * In a throw-away database (scripts/pg-admin create/drop on DATABASE_URL's server, default
 * postgres://postgres@127.0.0.1:5432/postgres) it bulk-generates, each with one INSERT … SELECT over
 * generate_series: 1,000,000 roster records (a quarter of them in committee 001, the rest over 60 other
 * committees), 1,000,000 certificates and 5,000,000 audit rows, then VACUUM ANALYZE (what autovacuum
 * does to a table that size). The audit rows are written with session_replication_role = replica, so
 * the hash-chain trigger (db/sql/audit-chain.sql) does not run for them: the bench measures reading
 * the log, not its chain, and never verifies it (their chain columns are filler).
 *
 * It then times, in this process, the very lib functions the pages call, as the pages call them:
 *   - 证书补录名册 of committee 001 (lib/roster/queries.ts listRosterRecords, as demo_province),
 *   - 证书管理 of the 专技处 (lib/certificates/admin-queries.ts listCertificatesForAdmin, as demo_zjc),
 *   - 审计日志 (lib/audit listAuditRows with the province's scope, as the /hrss/audit page does),
 * each on page 1, a deep page (the keyset cursor of the 100,000th row, i.e. page 5,001 at 20 a page)
 * and a filtered search; median of BENCH_REPEAT (5) runs after one warm-up, target ≤ 150 ms.
 * Finally it re-runs bench:query's comparison (tests/bench/query.bench.ts, imported) against this
 * database: the public query must keep ≥ 0.6× a bare route's throughput (needs `next build`).
 *
 * Flags: --explain prints EXPLAIN (ANALYZE, BUFFERS) of every statement of each measured call
 * (auto_explain, one connection); --keep leaves the database in place; --db=<name> reuses a database
 * a --keep run left (migrations still apply: new indexes get built); --no-query skips the throughput
 * comparison. BENCH_STRICT=1 exits 1 when a target is missed.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";

process.env.CERT_SIGNING_SECRET ||= randomBytes(32).toString("base64url");
const { QUERY_TARGET_RATIO, runQueryComparison, seedQueryCertificates } = await import("./query.bench");
const { openPostgres } = await import("@/db/client");
const { executeRows } = await import("@/db/raw");
const { seedDemoData } = await import("@/db/seed");
const { listAuditRows } = await import("@/lib/audit");
const { getAuditScopeOrgIds } = await import("@/lib/audit/scope");
const { AUDIT_ACTION_LABELS } = await import("@/lib/audit/labels");
const { listCertificatesForAdmin } = await import("@/lib/certificates/admin-queries");
const { encodeCursor } = await import("@/lib/keyset");
const { listRosterRecords } = await import("@/lib/roster/queries");
const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
type Db = Awaited<ReturnType<typeof openPostgres>>["db"];

const ROSTER_ROWS = Number(process.env.BENCH_ROSTER_ROWS ?? 1_000_000);
const CERT_ROWS = Number(process.env.BENCH_CERT_ROWS ?? 1_000_000);
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 5_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const TARGET_MS = 150;
const DEEP_ROW = 100_000;

const args = process.argv.slice(2);
const explain = args.includes("--explain");
const keep = args.includes("--keep");
const skipQuery = args.includes("--no-query");
const reuse = args.find((a) => a.startsWith("--db="))?.slice(5);

const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const dbName = reuse ?? `gz_bench_lists_${process.pid}`;
const dbUrl = withDatabase(serverUrl, dbName);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const r = await fn();
  return [r, performance.now() - t0];
}

// ── data ────────────────────────────────────────────────────────────────────────────────────────
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志海波鹏辉晓燕";
const chars = (s: string) => `array[${[...s].map((c) => `'${c}'`).join(",")}]`;
const S = [...SURNAMES].length;
const G = [...GIVEN].length;
/** A Chinese name from three independent hashes of g: S × G × G three-character names, and a tenth two-character. */
const NAME_SQL = `(${chars(SURNAMES)})[1 + abs(hashint4(g)) % ${S}] || (${chars(GIVEN)})[1 + abs(hashint4(g + 7777777)) % ${G}]
  || case when abs(hashint4(g + 3333333)) % 10 = 0 then '' else (${chars(GIVEN)})[1 + abs(hashint4(g + 5555555)) % ${G}] end`;

async function generate(db: Db): Promise<void> {
  const [c001] = await executeRows<{ id: string; name: string }>(db, sql`select id::text, name from committees where code = '001'`);
  const orgIds = (await executeRows<{ id: string }>(db, sql`select id::text from orgs order by id`)).map((r) => r.id);
  const actions = Object.keys(AUDIT_ACTION_LABELS);

  const [, rosterMs] = await timed(() =>
    db.execute(
      sql.raw(`insert into roster_records (committee_id, status, cert_no, name, gender, birth_date, id_type, id_number, work_unit, series,
        specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no, issuing_authority, issue_date, source, created_at, updated_at)
      select case when g % 4 = 0 then '${c001.id}'::uuid else md5('committee' || (g % 60))::uuid end,
        (case abs(hashint4(g + 11)) % 20 when 0 then 'draft' when 1 then 'draft' when 2 then 'awaiting_photo' when 3 then 'photo_submitted'
          when 4 then 'photo_approved' when 5 then 'submitted' when 6 then 'returned' when 7 then 'revoked' else 'confirmed' end)::roster_status,
        '52' || (2015 + g % 10) || '061' || lpad((g % 60)::text, 3, '0') || lpad(g::text, 8, '0'),
        ${NAME_SQL},
        case when g % 2 = 0 then '男' else '女' end, date '1970-01-01' + (g % 9000), 'resident',
        '52' || lpad(g::text, 16, '0'), '贵州省第' || (g % 500) || '建筑工程有限公司', '工程技术', '建筑工程', '高级工程师', 'senior_deputy', 'review',
        make_date(2015 + g % 10, 12, 1), 2015 + g % 10, '黔人社职称〔' || (2016 + g % 10) || '〕' || (g % 90) || '号', '贵州省人力资源和社会保障厅',
        make_date(2016 + g % 10, 1, 15), 'import',
        timestamptz '2026-11-01 08:00+08' - (g / 500) * interval '1 hour', timestamptz '2026-11-01 08:00+08' - (g / 500) * interval '1 hour'
      from generate_series(1, ${ROSTER_ROWS}) g`),
    ),
  );
  console.log(`  roster_records  +${ROSTER_ROWS.toLocaleString("en")} in ${seconds(rosterMs)} (committee 001: ${(ROSTER_ROWS / 4).toLocaleString("en")}; import batches of 500 share created_at)`);

  const [, certMs] = await timed(() =>
    db.execute(
      sql.raw(`insert into certificates (cert_no, version, status, committee_id, committee_name, name, gender, birth_date, id_type, id_number,
        work_unit, series, specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no, issuing_authority, issue_date,
        verify_token, signature, issued_at)
      select '52' || (2015 + g % 10) || '062' || lpad((g % 60)::text, 3, '0') || lpad(g::text, 8, '0'), 1,
        (case when abs(hashint4(g + 13)) % 50 = 0 then 'revoked' else 'valid' end)::certificate_status,
        case when g % 4 = 0 then '${c001.id}'::uuid else md5('committee' || (g % 60))::uuid end, '${c001.name}',
        ${NAME_SQL},
        case when g % 2 = 0 then '男' else '女' end, date '1970-01-01' + (g % 9000), 'resident',
        '53' || lpad(g::text, 16, '0'), '贵州省第' || (g % 500) || '建筑工程有限公司', '工程技术', '建筑工程', '高级工程师', 'senior_deputy', 'review',
        make_date(2015 + g % 10, 12, 1), 2015 + g % 10, '黔人社职称〔' || (2016 + g % 10) || '〕' || (g % 90) || '号', '贵州省人力资源和社会保障厅',
        make_date(2016 + g % 10, 1, 15), 'bench' || md5(g::text), 'bench-unsigned',
        timestamptz '2026-11-01 08:00+08' - (g / 1000) * interval '1 hour'
      from generate_series(1, ${CERT_ROWS}) g`),
    ),
  );
  console.log(`  certificates    +${CERT_ROWS.toLocaleString("en")} in ${seconds(certMs)} (confirmation batches of 1,000 share issued_at; unsigned filler)`);

  // One connection of its own: session_replication_role is a session setting.
  const { default: postgres } = await import("postgres");
  const raw = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const [, auditMs] = await timed(async () => {
      await raw.unsafe(`set session_replication_role = replica`);
      await raw.unsafe(`insert into audit_log (at, actor_id, actor_role, actor_org_id, action, target_type, target_id, outcome, detail, ip, chain_seq, prev_hash, row_hash)
        select timestamptz '2026-11-28 20:00+08' - (${AUDIT_ROWS} - g) * interval '6 seconds',
          md5('actor' || (g % 5000))::uuid, 'hrss', (array[${orgIds.map((o) => `'${o}'::uuid`).join(",")}])[1 + abs(hashint4(g)) % ${orgIds.length}],
          (array[${actions.map((a) => `'${a}'`).join(",")}])[1 + abs(hashint4(g + 17)) % ${actions.length}],
          'roster_record', md5(g::text),
          (case when abs(hashint4(g + 19)) % 100 < 90 then 'success' when abs(hashint4(g + 19)) % 100 < 97 then 'failure' else 'denied' end)::audit_outcome,
          jsonb_build_object('n', g), '10.' || (g % 250) || '.' || (g % 199) || '.' || (g % 97),
          1000000000 + g, md5('p' || g) || md5('q' || g), md5('r' || g) || md5('s' || g)
        from generate_series(1, ${AUDIT_ROWS}) g`);
    });
    console.log(`  audit_log       +${AUDIT_ROWS.toLocaleString("en")} in ${seconds(auditMs)} (chain trigger off for this load only; ${actions.length} actions over ${orgIds.length} organisations)`);
  } finally {
    await raw.end({ timeout: 5 });
  }
  const [, vacuumMs] = await timed(() => db.execute(sql`vacuum analyze roster_records, certificates, audit_log`));
  console.log(`  vacuum analyze  ${seconds(vacuumMs)}`);
}

// ── measuring ───────────────────────────────────────────────────────────────────────────────────
type Case = { list: string; label: string; run: (db: Db) => Promise<{ rows: unknown[] }> };
type Result = Case & { medianMs: number; maxMs: number; rows: number };

async function measure(db: Db, c: Case): Promise<Result> {
  await c.run(db);
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < REPEAT; i++) {
    const [r, ms] = await timed(() => c.run(db));
    rows = r.rows.length;
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { ...c, medianMs: times[Math.floor(times.length / 2)], maxMs: times[times.length - 1], rows };
}

/** Every statement of one call with its plan: auto_explain on one connection, its LOG lines sent to us. */
async function explainCall(c: Case): Promise<void> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const schema = await import("@/db/schema");
  const plans: string[] = [];
  const client = postgres(dbUrl, { max: 1, onnotice: (n) => plans.push(String(n.message)) });
  try {
    await client.unsafe(`load 'auto_explain'`);
    await client.unsafe(`set auto_explain.log_min_duration = 0; set auto_explain.log_analyze = on; set auto_explain.log_buffers = on;
      set auto_explain.log_timing = on; set client_min_messages = log`);
    const db = drizzle(client, { schema }) as unknown as Db;
    await c.run(db);
    console.log(`\n── EXPLAIN (ANALYZE, BUFFERS): ${c.list} · ${c.label} ──`);
    for (const p of plans) console.log(p.replace(/^duration: [\d.]+ ms\s+plan:\n?/, "").trimEnd() + "\n");
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function cursorAt(db: Db, query: ReturnType<typeof sql>): Promise<string> {
  const [r] = await executeRows<{ a: string; b: string }>(db, query);
  return encodeCursor([r.a, r.b]);
}

async function main() {
  if (!reuse) await createDatabase(serverUrl, dbName);
  const handle = await openPostgres(dbUrl, { migrate: true, max: 4 });
  const db = handle.db;
  let failed = false;
  try {
    let people: { name: string; idNumber: string }[] = [];
    if (!reuse) {
      console.log(`bench:lists: database ${dbName} on ${new URL(serverUrl).host}`);
      await seedDemoData(db);
      people = await seedQueryCertificates(db);
      const [, genMs] = await timed(() => generate(db));
      console.log(`  generated in ${seconds(genMs)}`);
    } else {
      console.log(`bench:lists: reusing database ${dbName}`);
      // What autovacuum does after the migrations' new indexes and data fixes: statistics, the visibility
      // map, and the GIN indexes' pending lists (otherwise every trigram search scans them).
      await db.execute(sql`vacuum analyze roster_records, certificates, audit_log`);
      people = (await executeRows<{ name: string; idNumber: string }>(db, sql`select name, id_number as "idNumber" from certificates where signature <> 'bench-unsigned' limit 4000`));
    }
    const sizes = await executeRows<{ t: string; n: string; size: string }>(
      db,
      sql`select t, (select reltuples::bigint from pg_class where oid = t::regclass)::text as n, pg_size_pretty(pg_total_relation_size(t::regclass)) as size
          from unnest(array['roster_records', 'certificates', 'audit_log']) t`,
    );
    for (const s of sizes) console.log(`  ${s.t.padEnd(16)} ≈${Number(s.n).toLocaleString("en")} rows, ${s.size} with indexes`);

    const user = async (username: string) => {
      const [u] = await executeRows<{ id: string; role: "hrss"; orgId: string }>(db, sql`select id::text, role::text, org_id::text as "orgId" from users where username = ${username}`);
      return u;
    };
    const province = await user("demo_province");
    const zjcUser = await user("demo_zjc");
    const zjc = { ...zjcUser, orgIsCertDivision: true };
    const [c001] = await executeRows<{ id: string }>(db, sql`select id::text from committees where code = '001'`);
    const auditScope = await getAuditScopeOrgIds(db, { role: "hrss", orgId: province.orgId });

    // The deep pages' cursors: the key of the 100,000th row in each list's order (what 下一页 pressed
    // 5,000 times would carry), read outside the timing.
    const rosterDeep = await cursorAt(
      db,
      sql`select (extract(epoch from created_at) * 1000000)::bigint::text as a, cert_no as b from roster_records
          where committee_id = ${c001.id} order by created_at desc, cert_no asc offset ${DEEP_ROW - 1} limit 1`,
    );
    const certDeep = await cursorAt(
      db,
      sql`select (extract(epoch from issued_at) * 1000000)::bigint::text as a, cert_no as b from certificates
          where superseded_by_id is null order by issued_at desc, cert_no asc offset ${DEEP_ROW - 1} limit 1`,
    );
    const auditDeep = await cursorAt(db, sql`select (extract(epoch from at) * 1000000)::bigint::text as a, id::text as b from audit_log order by at desc, id desc offset ${DEEP_ROW - 1} limit 1`);
    // Searches for a real person of each table (a three-character name / an ID number fragment).
    const [rosterPerson] = await executeRows<{ name: string }>(db, sql`select name from roster_records where committee_id = ${c001.id} and char_length(name) = 3 offset 4321 limit 1`);
    const [certPerson] = await executeRows<{ id: string }>(db, sql`select id_number as id from certificates where signature = 'bench-unsigned' offset 654321 limit 1`);
    const from = new Date("2026-06-01T00:00:00+08:00");
    const to = new Date("2026-06-30T23:59:59.999+08:00");

    const cases: Case[] = [
      { list: "证书补录名册 (committee 001)", label: "page 1", run: (d) => listRosterRecords(d, province, c001.id, {}, {}) },
      { list: "证书补录名册 (committee 001)", label: `deep: row ${DEEP_ROW.toLocaleString("en")} (page 5,001)`, run: (d) => listRosterRecords(d, province, c001.id, {}, { after: rosterDeep }) },
      { list: "证书补录名册 (committee 001)", label: "filter: status 已退回", run: (d) => listRosterRecords(d, province, c001.id, { status: "returned" }, {}) },
      { list: "证书补录名册 (committee 001)", label: `search: name ${rosterPerson.name}`, run: (d) => listRosterRecords(d, province, c001.id, { q: rosterPerson.name }, {}) },
      { list: "证书管理 (专技处)", label: "page 1", run: (d) => listCertificatesForAdmin(d, zjc, {}) },
      { list: "证书管理 (专技处)", label: `deep: row ${DEEP_ROW.toLocaleString("en")} (page 5,001)`, run: (d) => listCertificatesForAdmin(d, zjc, { page: { after: certDeep } }) },
      { list: "证书管理 (专技处)", label: "filter: status 已撤销", run: (d) => listCertificatesForAdmin(d, zjc, { status: "revoked" }) },
      { list: "证书管理 (专技处)", label: `search: ID …${certPerson.id.slice(-8)}`, run: (d) => listCertificatesForAdmin(d, zjc, { q: certPerson.id.slice(-8) }) },
      { list: "审计日志 (province)", label: "page 1", run: (d) => listAuditRows(d, { orgIds: auditScope }, {}) },
      { list: "审计日志 (province)", label: `deep: row ${DEEP_ROW.toLocaleString("en")} (page 5,001)`, run: (d) => listAuditRows(d, { orgIds: auditScope }, { after: auditDeep }) },
      { list: "审计日志 (province)", label: "filter: 确认导入名册 + 失败 + June", run: (d) => listAuditRows(d, { orgIds: auditScope, action: "roster.import.commit", outcome: "failure", from, to }, {}) },
    ];

    const results: Result[] = [];
    for (const c of cases) {
      const r = await measure(db, c);
      results.push(r);
      if (explain) await explainCall(c);
    }
    console.log(`\nServer time of each list call (median of ${REPEAT} after a warm-up; target ≤ ${TARGET_MS} ms):`);
    console.log(`  ${"list".padEnd(30)} ${"case".padEnd(36)} ${"median".padStart(9)} ${"max".padStart(9)} ${"rows".padStart(5)}  result`);
    for (const r of results) {
      const ok = r.medianMs <= TARGET_MS && r.rows > 0;
      if (!ok) failed = true;
      console.log(`  ${r.list.padEnd(30)} ${r.label.padEnd(36)} ${`${r.medianMs.toFixed(1)} ms`.padStart(9)} ${`${r.maxMs.toFixed(1)} ms`.padStart(9)} ${String(r.rows).padStart(5)}  ${ok ? "PASS" : "FAIL"}`);
    }

    if (!skipQuery) {
      console.log(`\nPublic query against this database (tests/bench/query.bench.ts):`);
      await handle.close().catch(() => {});
      const q = await runQueryComparison(dbUrl, people);
      const ok = q.ratio >= QUERY_TARGET_RATIO && q.queryErrors === 0;
      if (!ok) failed = true;
      console.log(`  public query ${q.queryRps.toFixed(0)} req/s vs bare ${q.bareRps.toFixed(0)} req/s = ${q.ratio.toFixed(2)}× (target ≥ ${QUERY_TARGET_RATIO}×)  ${ok ? "PASS" : "FAIL"}`);
    }
    console.log(failed ? "\nbench:lists: some targets MISSED" : "\nbench:lists: every target met");
  } finally {
    await handle.close().catch(() => {});
    if (keep) console.log(`--keep: database ${dbName} left in place (rerun with --db=${dbName})`);
    else await dropDatabase(serverUrl, dbName).catch((e: Error) => console.error(`could not drop ${dbName}: ${e.message}`));
  }
  if (failed && process.env.BENCH_STRICT === "1") process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
