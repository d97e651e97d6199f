/**
 * The 人社部门's statistics page at province scale (issue #18 item 4), run by `npm run bench:evaluation`
 * (evaluation.bench.ts calls `runStatisticsBench`), or alone: `npx tsx tests/bench/statistics.bench.ts`.
 * Against PostgreSQL (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres), in a throw-away database.
 *
 * Data, generated set-based (INSERT … SELECT generate_series): the province (省人社厅 and its 专技处), 9 市州 with
 * 3 区县 each, 10 units under each of those 37 人社部门, 40 committees (省人社厅 10, each 市州 2, 12 自主评审单位 of
 * several regions) with one 申报批次 per year; 1,000,000 declarations in this year's batches (+100,000 in last
 * year's), spread over every state from 提交 to 结果确认 (drafts are not counted); 500,000 certificates
 * first issued this year (+20,000 corrections, which are not new certificates, +50,000 issued last year).
 * 27,500 people declare to up to 40 committees each: the aggregates do not care who declares.
 *
 * Target: `getStatistics` (everything the page shows: scope, both aggregates over the counter tables that statement
 * triggers keep, db/sql/statistics-counts.sql) ≤ 300 ms, the median of BENCH_RUNS runs after a warm-up, as the
 * province (all 市州), with a series and a level filter, as the 专技处, a 市州 and a 区县, and for last year. It
 * prints EXPLAIN (ANALYZE, BUFFERS) of the province's two aggregates, checks that the counters equal counting the
 * tables (after bulk loads through the triggers) and prints what that direct count costs. BENCH_STRICT=1 exits 1
 * when a target is missed or the counters disagree; BENCH_KEEP=1 keeps the database.
 */
import { pathToFileURL } from "node:url";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, uuidArray } from "@/db/raw";
import { SERIES_NAMES } from "@/lib/roster/title-codes";

const DECLARATIONS = Number(process.env.BENCH_STAT_DECLARATIONS ?? 1_000_000);
const DECLARATIONS_LAST_YEAR = DECLARATIONS / 10;
const CERTIFICATES = Number(process.env.BENCH_STAT_CERTIFICATES ?? 500_000);
const CORRECTIONS = CERTIFICATES / 25;
const CERTIFICATES_LAST_YEAR = CERTIFICATES / 10;
const COMMITTEES = 40;
const UNITS_PER_OFFICE = 10;
const TARGET_MS = 300;

const CITIES = ["贵阳市", "六盘水市", "遵义市", "安顺市", "毕节市", "铜仁市", "黔西南布依族苗族自治州", "黔东南苗族侗族自治州", "黔南布依族苗族自治州"];
const HR = "人力资源和社会保障局";

/** Status spread (weights out of 100) of a year whose reviews are partly done. */
const SPREAD: [status: string, weight: number][] = [
  ["draft", 1], ["submitted", 8], ["unit_verified", 5], ["in_publicity", 5], ["unit_recommended", 6], ["dept_approved", 6],
  ["hrss_checked", 6], ["accepted", 14], ["returned", 4], ["withdrawn", 3], ["rejected", 2], ["abandoned", 1], ["in_review", 10],
  ["passed", 3], ["failed", 6], ["result_publicity", 3], ["confirmed", 14], ["on_hold", 1], ["disqualified", 1], ["withheld", 1],
];

function statusCase(n: string): string {
  let acc = 0;
  return `(case ${SPREAD.map(([s, w]) => `when ${n} % 100 < ${(acc += w)} then '${s}'`).join(" ")} end)::declaration_status`;
}


type Filled = { province: string; certDivision: string; city: string; county: string; year: number };

async function fill(db: Db, year: number): Promise<Filled> {
  const one = async <T>(q: SQL) => (await executeRows<T>(db, q))[0];
  const province = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code) values ('贵州省人力资源和社会保障厅', 'hrss', 'province', '520000') returning id`);
  const zjc = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code, parent_id, is_cert_division)
    values ('贵州省人力资源和社会保障厅专业技术人员管理处', 'hrss', 'province', '520000', ${province.id}, true) returning id`);
  const cities: string[] = [];
  const counties: string[] = [];
  for (const [i, name] of CITIES.entries()) {
    const code = `52${String(i + 1).padStart(2, "0")}`;
    const city = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code, parent_id) values (${name + HR}, 'hrss', 'city', ${code + "00"}, ${province.id}) returning id`);
    cities.push(city.id);
    for (let k = 1; k <= 3; k++) {
      const county = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code, parent_id)
        values (${`${name}第${k}区县${HR}`}, 'hrss', 'county', ${code + String(k).padStart(2, "0")}, ${city.id}) returning id`);
      counties.push(county.id);
    }
  }
  const offices = [province.id, ...cities, ...counties];
  await db.execute(sql`insert into orgs (name, kind, region_code, parent_id, self_evaluating)
    select '单位' || o.n || '-' || g, 'unit', '520000', o.id, g = 1
    from unnest(${uuidArray(offices)}) with ordinality as o(id, n), generate_series(1, ${UNITS_PER_OFFICE}::int) g`);
  const units = await executeRows<{ id: string; parent_id: string }>(db, sql`select id, parent_id from orgs where kind = 'unit' order by name`);

  // 40 committees: 省人社厅 10, each 市州 2, and 12 自主评审单位 spread over the regions (some under a 区县).
  const selfUnits = units.filter((_, i) => i % UNITS_PER_OFFICE === 0).slice(0, 12);
  const forming = [...Array(10).fill(province.id), ...cities.flatMap((c) => [c, c]), ...selfUnits.map((u) => u.id)];
  const levels = [["senior_deputy", "senior_full"], ["intermediate", "intermediate"], ["junior", "assistant"]] as const;
  for (const [i, org] of forming.entries()) {
    const [from, to] = levels[i % levels.length];
    const series = SERIES_NAMES[i % SERIES_NAMES.length];
    const committee = await one<{ id: string }>(sql`insert into committees (code, name, series, level_from, level_to, forming_org_id)
      values (${"S" + String(i).padStart(2, "0")}, ${`${series}职称评审委员会${i + 1}`}, ${series}, ${from}, ${to}, ${org}) returning id`);
    for (const y of [year - 1, year]) {
      await db.execute(sql`insert into declaration_batches (committee_id, year, name, series, level_from, level_to, opens_on, closes_on, status)
        values (${committee.id}, ${y}, ${`${y}年度职称申报`}, ${series}, ${from}, ${to}, ${`${y}-03-01`}, ${`${y}-10-31`}, ${y === year ? "open" : "closed"})`);
    }
  }
  const batchRows = await executeRows<{ id: string; committee_id: string; forming_org_id: string; series: string; level_from: string; level_to: string; year: number }>(
    db,
    sql`select b.id, b.committee_id, c.forming_org_id, b.series, b.level_from, b.level_to, b.year
        from declaration_batches b join committees c on c.id = b.committee_id order by c.code`,
  );
  const people = (DECLARATIONS + DECLARATIONS_LAST_YEAR) / COMMITTEES;
  await db.execute(sql`insert into users (role, name, password_hash, username)
    select 'person', '申报人' || g, 'x', 'bench_p_' || g from generate_series(0, ${people - 1}::int) g`);

  const insertDeclarations = async (y: number, offset: number, count: number) => {
    const b = batchRows.filter((r) => r.year === y);
    const col = (k: keyof (typeof b)[number]) => sql.raw(`(array[${b.map((r) => `'${r[k]}'`).join(",")}])[1 + g % ${COMMITTEES}]`);
    await db.execute(sql`
      with src as (
        select g, ${sql.raw(statusCase("(g / 7 + g)"))} as st, u.id as user_id,
          (${uuidArray(units.map((x) => x.id))})[1 + (g * 7) % ${units.length}] as unit_id,
          (${uuidArray(units.map((x) => x.parent_id))})[1 + (g * 7) % ${units.length}] as hrss_id,
          ${`${y}-03-02 09:00+08`}::timestamptz + (g % 200000) * interval '61 seconds' as t0
        from generate_series(${offset}::int, ${offset + count - 1}::int) g
        join users u on u.username = 'bench_p_' || (g / ${COMMITTEES})
      )
      insert into declarations (user_id, batch_id, committee_id, forming_org_id, unit_org_id, hrss_org_id, route_hrss, person_name,
        series, target_level, status, submitted_at, first_submitted_at, unit_recommended_at, forming_queue_at, accepted_at, closed_at)
      select user_id, ${col("id")}::uuid, ${col("committee_id")}::uuid, ${col("forming_org_id")}::uuid, unit_id, hrss_id, true, '申报人' || g,
        ${col("series")}, (case when g % 3 = 0 then ${col("level_from")} else ${col("level_to")} end)::title_level, st,
        case when st <> 'draft' then t0 end, case when st <> 'draft' then t0 end,
        case when st not in ('draft','submitted','unit_verified','in_publicity','withdrawn') then t0 + interval '10 days' end,
        case when st not in ('draft','submitted','unit_verified','in_publicity','unit_recommended','dept_approved','withdrawn') then t0 + interval '14 days' end,
        case when st::text in ${sql.raw(`('accepted','in_review','passed','failed','result_publicity','confirmed','on_hold','disqualified','withheld')`)} then t0 + interval '16 days' end,
        case when st in ('withdrawn','rejected','abandoned') then t0 + interval '5 days' end
      from src`);
  };
  await insertDeclarations(year, 0, DECLARATIONS);
  await insertDeclarations(year - 1, DECLARATIONS, DECLARATIONS_LAST_YEAR);

  // Certificates: the committee's series and level range; issued evenly over the year (China time).
  const committeesRows = batchRows.filter((r) => r.year === year);
  const cCol = (k: "committee_id" | "series" | "level_from" | "level_to") =>
    sql.raw(`(array[${committeesRows.map((r) => `'${r[k]}'`).join(",")}])[1 + g % ${COMMITTEES}]`);
  const insertCertificates = async (y: number, offset: number, count: number, version: number) =>
    db.execute(sql`
      insert into certificates (cert_no, version, status, committee_id, committee_name, name, gender, birth_date, id_type, id_number,
        work_unit, series, specialty, qualification_name, level, obtain_method, pass_date, pass_year, approval_no, issuing_authority, issue_date,
        verify_token, signature, issued_at)
      select 'B' || lpad(g::text, 12, '0'), ${version}, (case when g % 50 = 0 then 'revoked' else 'valid' end)::certificate_status,
        ${cCol("committee_id")}::uuid, '评审委员会', '持证人' || g, case when g % 2 = 0 then '男' else '女' end, date '1970-01-01' + (g % 9000),
        'resident', '52' || lpad(g::text, 16, '0'), '单位' || (g % 370), ${cCol("series")}, '专业', '职称',
        (case when g % 3 = 0 then ${cCol("level_from")} else ${cCol("level_to")} end)::title_level, 'review',
        make_date(${y - 1}, 12, 1), ${y - 1}, '黔人社职称〔' || ${y} || '〕1号', '贵州省人力资源和社会保障厅', make_date(${y}, 1, 15),
        'bench' || ${version} || md5(g::text), 'bench-unsigned',
        ${`${y}-01-01 00:00+08`}::timestamptz + ((g - ${offset}) * (365.0 * 86400 / ${count})) * interval '1 second'
      from generate_series(${offset}::int, ${offset + count - 1}::int) g`);
  await insertCertificates(year, 0, CERTIFICATES, 1);
  await insertCertificates(year, 0, CORRECTIONS, 2);
  await insertCertificates(year - 1, CERTIFICATES, CERTIFICATES_LAST_YEAR, 1);
  await db.execute(sql`vacuum analyze orgs, committees, declaration_batches, declarations, certificates`);
  return { province: province.id, certDivision: zjc.id, city: cities[0], county: counties[3], year };
}

async function time(run: () => Promise<unknown>, runs: number): Promise<{ median: number; max: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/** Builds the data, measures, prints the table and the plans; returns false when a target was missed. */
export async function runStatisticsBench(): Promise<boolean> {
  const { openPostgres } = await import("@/db/client");
  const { getStatistics, statisticsStatements } = await import("@/lib/statistics/queries");
  const { resolveStatisticsScope } = await import("@/lib/statistics/scope");
  const { todayInChina } = await import("@/lib/filings/constants");
  const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `gz_bench_statistics_${process.pid}`;
  await createDatabase(serverUrl, dbName);
  let ok = true;
  try {
    const handle = await openPostgres(withDatabase(serverUrl, dbName), { migrate: true, max: 4 });
    const db = handle.db;
    const t0 = performance.now();
    const ids = await fill(db, Number(todayInChina().slice(0, 4)));
    console.log(
      `\nbench:statistics: ${DECLARATIONS.toLocaleString("en")} declarations in ${ids.year} (+${DECLARATIONS_LAST_YEAR.toLocaleString("en")} in ${ids.year - 1}), ` +
        `${CERTIFICATES.toLocaleString("en")} certificates first issued in ${ids.year} (+${CORRECTIONS.toLocaleString("en")} corrections, +${CERTIFICATES_LAST_YEAR.toLocaleString("en")} in ${ids.year - 1}); ` +
        `${COMMITTEES} committees, 37 人社部门; filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const viewer = (orgId: string) => ({ role: "hrss" as const, orgId });
    const y = ids.year;
    const province = await getStatistics(db, viewer(ids.province), { year: y });
    console.log(
      `  province ${y}: ${province.totals.declarations.toLocaleString("en")} submitted, ${province.totals.accepted.toLocaleString("en")} accepted, ` +
        `${province.totals.passed.toLocaleString("en")} passed of ${province.totals.decided.toLocaleString("en")} decided, ${province.totals.certificates.toLocaleString("en")} certificates; ` +
        `${province.byRegion.length} rows by 市州`,
    );
    const cases: [string, () => Promise<unknown>][] = [
      [`省人社厅 ${y}, all series and levels`, () => getStatistics(db, viewer(ids.province), { year: y })],
      [`省人社厅 ${y}, 工程技术`, () => getStatistics(db, viewer(ids.province), { year: y, series: "工程技术" })],
      [`省人社厅 ${y}, 副高级`, () => getStatistics(db, viewer(ids.province), { year: y, level: "senior_deputy" })],
      [`专技处 ${y} (the whole province)`, () => getStatistics(db, viewer(ids.certDivision), { year: y })],
      [`贵阳市 ${y} (its 3 区县)`, () => getStatistics(db, viewer(ids.city), { year: y })],
      [`a 区县 ${y}`, () => getStatistics(db, viewer(ids.county), { year: y })],
      [`省人社厅 ${y - 1}`, () => getStatistics(db, viewer(ids.province), { year: y - 1 })],
    ];
    console.log(`${"case".padEnd(44)} ${"median".padStart(10)} ${"max".padStart(10)}  result`);
    for (const [label, run] of cases) {
      const r = await time(run, runs);
      const pass = r.median <= TARGET_MS;
      ok &&= pass;
      console.log(`${label.padEnd(44)} ${r.median.toFixed(1).padStart(7)} ms ${r.max.toFixed(1).padStart(7)} ms  ${pass ? "PASS" : "FAIL"} (≤ ${TARGET_MS} ms)`);
    }
    // The plans of the province's two aggregates: the counter tables, a few thousand rows.
    const scope = await resolveStatisticsScope(db, viewer(ids.province));
    const statements = statisticsStatements(scope, { year: y });
    for (const [name, statement] of [["declarations", statements.declarations], ["certificates", statements.certificates]] as const) {
      const plan = await executeRows<{ "QUERY PLAN": string }>(db, sql`explain (analyze, buffers) ${statement}`);
      console.log(`\nEXPLAIN ANALYZE (${name}, province ${y}):\n${plan.map((p) => `  ${p["QUERY PLAN"]}`).join("\n")}`);
    }
    // The triggers kept the counters exact through the bulk loads: compare with counting the tables themselves,
    // which is also what the page would cost without them (one run each, printed for reference).
    const t1 = performance.now();
    const direct = await executeRows<{ declarations: number }>(db, sql`select count(*)::int as declarations from declarations d
      join declaration_batches b on b.id = d.batch_id where b.year = ${y} and d.first_submitted_at is not null`);
    const t2 = performance.now();
    const directCertificates = await executeRows<{ month: number; n: number }>(db, sql`select extract(month from issued_at at time zone interval '+08:00')::int as month, count(*)::int as n
      from certificates where version = 1 and issued_at >= ${`${y}-01-01 00:00+08`}::timestamptz and issued_at < ${`${y + 1}-01-01 00:00+08`}::timestamptz group by 1 order by 1`);
    const t3 = performance.now();
    const counted = await executeRows<{ kind: string; rows: number; n: number }>(db, sql`select 'declaration_counts' as kind, count(*)::int as rows, sum(n)::int as n from declaration_counts
      union all select 'certificate_counts', count(*)::int, sum(n)::int from certificate_counts`);
    const same =
      direct[0].declarations === province.totals.declarations &&
      directCertificates.every((m) => province.certificatesByMonth[m.month - 1] === m.n) &&
      directCertificates.reduce((a, m) => a + m.n, 0) === province.totals.certificates;
    ok &&= same;
    console.log(
      `\ncounters: ${counted.map((c) => `${c.kind} ${c.rows.toLocaleString("en")} rows (Σ n = ${c.n.toLocaleString("en")})`).join(", ")}; ` +
        `equal to counting the tables: ${same ? "yes" : "NO"} (counting them directly took ${(t2 - t1).toFixed(0)} ms + ${(t3 - t2).toFixed(0)} ms)`,
    );
    await handle.close();
  } finally {
    if (process.env.BENCH_KEEP === "1") console.log(`kept database ${dbName}`);
    else await dropDatabase(serverUrl, dbName);
  }
  if (!ok && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  return ok;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await runStatisticsBench();
