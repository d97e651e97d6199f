/**
 * The declaration lists and the batch 单位推荐 at region scale (issue #16), run by `npm run bench:evaluation`
 * (evaluation.bench.ts calls `runDeclarationsBench`) against PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) in a throw-away database.
 *
 * Data, generated set-based (INSERT … SELECT generate_series): one region (贵阳市人社局) with 20 主管部门 and 500
 * units holding 100,000 declarations to one committee, in a realistic spread of states with the stamps the
 * transitions would have set; a second region (遵义市) with 10,000 more as noise; and one unit's 2,000 extra
 * declarations in a finished 公示.
 * Targets: `listDeclarations` as the unit, the 主管部门 and the 人社部门 — page 1, page 500 (or the last page when
 * there are fewer), a state filter and a name search — each ≤ 150 ms (median of BENCH_RUNS runs after a warm-up);
 * `unitRecommend` of the 2,000 in one call ≤ 2 s (median of 3, each rolled back).
 * BENCH_STRICT=1 exits 1 when a target is missed.
 */
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";

const DECLARATIONS = 100_000;
const NOISE = 10_000;
const UNITS = 500;
const DEPTS = 20;
const BATCH_MOVE = 2_000;
const LIST_TARGET_MS = 150;
const BATCH_TARGET_MS = 2_000;

/** State spread of a region mid-season (weights out of 100), with the stamps each state implies. */
const SPREAD: [status: string, weight: number][] = [
  ["draft", 8],
  ["submitted", 14],
  ["unit_verified", 8],
  ["in_publicity", 10],
  ["unit_recommended", 12],
  ["dept_approved", 10],
  ["hrss_checked", 8],
  ["accepted", 20],
  ["returned", 5],
  ["withdrawn", 3],
  ["rejected", 2],
];

/** SQL `case` choosing a status from n (0..99 bucket). */
function statusCase(n: string): string {
  let acc = 0;
  const arms = SPREAD.map(([s, w]) => {
    acc += w;
    return `when ${n} % 100 < ${acc} then '${s}'`;
  });
  return `(case ${arms.join(" ")} end)::declaration_status`;
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏建林斌飞辉宇浩凯健俊帆帅旭宁龙波晨欣怡雪琳倩婷颖佳";

/** Fills the database; returns the ids the cases need. */
async function fill(db: Db) {
  const one = async <T>(q: SQL) => (await executeRows<T>(db, q))[0];
  const province = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code) values ('贵州省人力资源和社会保障厅', 'hrss', 'province', '520000') returning id`);
  const region = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code, parent_id) values ('贵阳市人力资源和社会保障局', 'hrss', 'city', '520100', ${province.id}) returning id`);
  const other = await one<{ id: string }>(sql`insert into orgs (name, kind, level, region_code, parent_id) values ('遵义市人力资源和社会保障局', 'hrss', 'city', '520300', ${province.id}) returning id`);
  const forming = await one<{ id: string }>(sql`insert into orgs (name, kind, region_code, parent_id, self_evaluating) values ('贵州大学', 'unit', '520000', ${province.id}, true) returning id`);
  // 主管部门 1..20 of the region, one of the other region; units 1..500 and 50 noise units.
  await db.execute(sql`insert into orgs (name, kind, level, region_code, parent_id)
    select '贵阳市主管部门' || g, 'dept', 'city', '520100', ${region.id} from generate_series(1, ${DEPTS}::int) g`);
  await db.execute(sql`insert into orgs (name, kind, level, region_code, parent_id) values ('遵义市主管部门', 'dept', 'city', '520300', ${other.id})`);
  await db.execute(sql`insert into orgs (name, kind, region_code, parent_id, supervisor_id)
    select '贵阳市单位' || g, 'unit', '520100', ${region.id}, (select id from orgs where name = '贵阳市主管部门' || (1 + g % ${DEPTS})) from generate_series(1, ${UNITS}::int) g`);
  await db.execute(sql`insert into orgs (name, kind, region_code, parent_id, supervisor_id)
    select '遵义市单位' || g, 'unit', '520300', ${other.id}, (select id from orgs where name = '遵义市主管部门') from generate_series(1, 50) g`);
  const committee = await one<{ id: string }>(sql`insert into committees (code, name, series, level_from, level_to, forming_org_id)
    values ('B01', '贵州大学高校教师职称评审委员会', '高校教师', 'intermediate', 'senior_full', ${forming.id}) returning id`);
  const batch = await one<{ id: string }>(sql`insert into declaration_batches (committee_id, year, name, series, level_from, level_to, opens_on, closes_on, status)
    values (${committee.id}, 2026, '2026年度职称申报', '高校教师', 'intermediate', 'senior_full', '2026-01-01', '2026-12-31', 'open') returning id`);
  const total = DECLARATIONS + NOISE + BATCH_MOVE;
  await db.execute(sql`insert into users (role, name, password_hash, username)
    select 'person', 'bench' || g, 'x', 'bench_p_' || g from generate_series(1, ${total}::int) g`);
  await db.execute(sql`create temporary table bench_units as
    select row_number() over (order by name) - 1 as i, id, supervisor_id, parent_id from orgs where name like '贵阳市单位%'`);
  await db.execute(sql`create temporary table bench_noise_units as
    select row_number() over (order by name) - 1 as i, id, supervisor_id, parent_id from orgs where name like '遵义市单位%'`);
  await db.execute(sql`create temporary table bench_users as select substr(username, 9)::int as n, id from users where username like 'bench_p_%'`);
  await db.execute(sql`create unique index on bench_users (n)`);
  await db.execute(sql`analyze bench_users`);
  const s = (n: string) => sql.raw(statusCase(n));
  const name = sql.raw(`substr('${SURNAMES}', 1 + (g * 7) % ${[...SURNAMES].length}, 1) || substr('${GIVEN}', 1 + (g * 13) % ${[...GIVEN].length}, 1) || case when g % 3 = 0 then '' else substr('${GIVEN}', 1 + (g * 31) % ${[...GIVEN].length}, 1) end`);
  // One INSERT … SELECT per region: the status decides the stamps (as the transitions set them).
  const insert = (from: number, count: number, units: string, nUnits: number, hrss: string) =>
    db.execute(sql`
      with src as (
        select g, ${s(`((g / ${UNITS}) * 7 + g)`)} as st, u.id as unit_id, u.supervisor_id as dept_id, b.id as user_id,
          timestamptz '2026-03-01 09:00+08' + (g % 200000) * interval '61 seconds' as t0
        from generate_series(${from}::int, ${from + count - 1}::int) g
        join ${sql.raw(units)} u on u.i = g % ${nUnits}
        join bench_users b on b.n = g
      )
      insert into declarations (user_id, batch_id, committee_id, forming_org_id, unit_org_id, dept_org_id, hrss_org_id,
        route_dept, route_hrss, self_review, person_name, id_type, id_number, series, specialty, target_level, status,
        returned_from, version, submitted_at, first_submitted_at, unit_verified_at, publicity_started_at, unit_recommended_at,
        dept_approved_at, hrss_checked_at, forming_queue_at, accepted_at, returned_at, closed_at)
      select user_id, ${batch.id}, ${committee.id}, ${forming.id}, unit_id, dept_id, ${hrss},
        true, true, false, ${name}, 'resident', '5201' || lpad(g::text, 13, '0') || 'X', '高校教师', '专业' || (g % 40),
        (case when g % 4 = 0 then 'senior_full' else 'senior_deputy' end)::title_level, st,
        case when st = 'returned' then (case when g % 2 = 0 then 'submitted' else 'dept_approved' end)::declaration_status end,
        3,
        case when st <> 'draft' then t0 end,
        case when st <> 'draft' then t0 end,
        case when st in ('unit_verified','in_publicity','unit_recommended','dept_approved','hrss_checked','accepted','rejected') or (st = 'returned' and g % 2 = 1) then t0 + interval '2 days' end,
        case when st in ('in_publicity','unit_recommended','dept_approved','hrss_checked','accepted','rejected') or (st = 'returned' and g % 2 = 1) then t0 + interval '3 days' end,
        case when st in ('unit_recommended','dept_approved','hrss_checked','accepted','rejected') or (st = 'returned' and g % 2 = 1) then t0 + interval '10 days' end,
        case when st in ('dept_approved','hrss_checked','accepted') or (st = 'returned' and g % 2 = 1) then t0 + interval '12 days' end,
        case when st in ('hrss_checked','accepted') then t0 + interval '14 days' end,
        case when st in ('hrss_checked','accepted') then t0 + interval '14 days' end,
        case when st = 'accepted' then t0 + interval '16 days' end,
        case when st = 'returned' then t0 + interval '13 days' end,
        case when st in ('withdrawn','rejected') then t0 + interval '5 days' end
      from src`);
  await insert(1, DECLARATIONS, "bench_units", UNITS, region.id);
  await insert(DECLARATIONS + 1, NOISE, "bench_noise_units", 50, other.id);
  // The unit measured, and its 2,000 extra declarations in a finished 公示.
  const unit = await one<{ id: string; dept: string }>(sql`select id, supervisor_id as dept from bench_units where i = 7`);
  const admin = await one<{ id: string }>(sql`insert into users (role, name, password_hash, username, org_id) values ('unit', '单位经办人', 'x', 'bench_unit', ${unit.id}) returning id`);
  const from = DECLARATIONS + NOISE + 1;
  await db.execute(sql`
    insert into declarations (user_id, batch_id, committee_id, forming_org_id, unit_org_id, dept_org_id, hrss_org_id, route_dept, route_hrss,
      person_name, id_type, id_number, series, specialty, target_level, status, version, submitted_at, first_submitted_at, unit_verified_at, publicity_started_at)
    select b.id, ${batch.id}, ${committee.id}, ${forming.id}, ${unit.id}, ${unit.dept}, ${region.id}, true, true,
      '公示' || g, 'resident', '5201' || lpad(g::text, 13, '0') || 'X', '高校教师', '专业1', 'senior_deputy', 'in_publicity', 3,
      now() - interval '20 days', now() - interval '20 days', now() - interval '18 days', now() - interval '17 days'
    from generate_series(${from}::int, ${from + BATCH_MOVE - 1}::int) g join bench_users b on b.n = g`);
  const pub = await one<{ id: string }>(sql`insert into publicities (unit_org_id, posted_on, working_days, ends_on, status, created_by, finished_at, finished_by)
    values (${unit.id}, current_date - 17, 5, current_date - 10, 'finished', ${admin.id}, now() - interval '9 days', ${admin.id}) returning id`);
  await db.execute(sql`insert into publicity_items (publicity_id, declaration_id)
    select ${pub.id}, id from declarations where unit_org_id = ${unit.id} and status = 'in_publicity' and person_name like '公示%'`);
  await db.execute(sql`vacuum analyze`);
  const dept = await one<{ id: string }>(sql`select id from orgs where name = '贵阳市主管部门3'`);
  return { unit: unit.id, unitAdmin: admin.id, dept: dept.id, region: region.id };
}

type Row = { label: string; median: number; max: number; target: number };

async function time(run: () => Promise<unknown>, runs: number): Promise<{ median: number; max: number }> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((x, y) => x - y);
  return { median: times[Math.floor(times.length / 2)], max: times[times.length - 1] };
}

/** Builds the data, measures, prints the table; returns false when a target was missed. */
export async function runDeclarationsBench(): Promise<boolean> {
  const { openPostgres } = await import("@/db/client");
  const { listDeclarations, DECLARATION_PAGE_SIZE } = await import("@/lib/declarations/queries");
  const { unitRecommend } = await import("@/lib/declarations/transitions");
  const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `gz_bench_declarations_${process.pid}`;
  await createDatabase(serverUrl, dbName);
  const rows: Row[] = [];
  try {
    const handle = await openPostgres(withDatabase(serverUrl, dbName), { migrate: true, max: 4 });
    const db = handle.db;
    const t0 = performance.now();
    const ids = await fill(db);
    console.log(`\nbench:declarations: ${DECLARATIONS} declarations in one region (${UNITS} units, ${DEPTS} 主管部门) + ${NOISE} in another + ${BATCH_MOVE} in a finished 公示; filled in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const viewers = [
      { who: "单位", actor: { id: ids.unitAdmin, role: "unit" as const, orgId: ids.unit }, state: "submitted" as const },
      { who: "主管部门", actor: { id: ids.unitAdmin, role: "dept" as const, orgId: ids.dept }, state: "unit_recommended" as const },
      { who: "人社部门", actor: { id: ids.unitAdmin, role: "hrss" as const, orgId: ids.region }, state: "dept_approved" as const },
    ];
    for (const v of viewers) {
      const { total } = await listDeclarations(db, v.actor, {});
      const lastPage = Math.max(1, Math.ceil(total / DECLARATION_PAGE_SIZE));
      const deep = Math.min(500, lastPage);
      const surname = "王";
      const cases: [string, () => Promise<unknown>][] = [
        [`${v.who} page 1 (${total} visible)`, () => listDeclarations(db, v.actor, { page: 1 })],
        [`${v.who} page ${deep}${deep < 500 ? " (last)" : ""}`, () => listDeclarations(db, v.actor, { page: deep })],
        [`${v.who} state ${v.state}, page 1`, () => listDeclarations(db, v.actor, { status: v.state })],
        [`${v.who} name search “${surname}”`, () => listDeclarations(db, v.actor, { q: surname })],
        [`${v.who} 待办, page 1`, () => listDeclarations(db, v.actor, { view: "todo" })],
      ];
      for (const [label, run] of cases) rows.push({ label, ...(await time(run, runs)), target: LIST_TARGET_MS });
    }
    // The batch: 2,000 ids in one call, rolled back each time.
    const batchIds = (
      await executeRows<{ id: string }>(db, sql`select id from declarations where unit_org_id = ${ids.unit} and status = 'in_publicity' and person_name like '公示%'`)
    ).map((r) => r.id);
    const actor = { id: ids.unitAdmin, role: "unit" as const, orgId: ids.unit };
    const batchTimes: number[] = [];
    let moved = 0;
    class Rollback extends Error {}
    for (let i = 0; i < 3; i++) {
      try {
        await db.transaction(async (tx) => {
          const t1 = performance.now();
          const res = await unitRecommend(tx, actor, { ids: batchIds });
          batchTimes.push(performance.now() - t1);
          moved = res.moved.length;
          throw new Rollback();
        });
      } catch (e) {
        if (!(e instanceof Rollback)) throw e;
      }
    }
    batchTimes.sort((a, b) => a - b);
    rows.push({ label: `单位推荐 batch of ${batchIds.length} (moved ${moved})`, median: batchTimes[1], max: batchTimes[2], target: BATCH_TARGET_MS });
    if (moved !== BATCH_MOVE) rows[rows.length - 1].median = Number.POSITIVE_INFINITY;
    await handle.close();
  } finally {
    if (process.env.BENCH_KEEP === "1") console.log(`kept database ${dbName}`);
    else await dropDatabase(serverUrl, dbName);
  }
  console.log(`${"case".padEnd(46)} ${"median".padStart(10)} ${"max".padStart(10)}  result`);
  let ok = true;
  for (const r of rows) {
    const pass = r.median <= r.target;
    ok &&= pass;
    console.log(`${r.label.padEnd(46)} ${r.median.toFixed(1).padStart(7)} ms ${r.max.toFixed(1).padStart(7)} ms  ${pass ? "PASS" : "FAIL"} (≤ ${r.target} ms)`);
  }
  if (!ok && process.env.BENCH_STRICT === "1") process.exitCode = 1;
  return ok;
}
