/**
 * npm run bench:evaluation — the 专家库 list query (lib/experts/pool-queries.ts `listPoolMembers`) on a
 * pool of 10,000 experts, called directly against PostgreSQL (DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) in a throw-away database. Another organisation holds a
 * second 10,000 so the org condition matters. Target: page 1, a deep page and a filtered search each
 * ≤ 150 ms server time (the median of BENCH_RUNS runs after a warm-up; the max is printed beside it).
 * BENCH_STRICT=1 exits 1 when a target is missed.
 */
import { sql } from "drizzle-orm";

const { openPostgres } = await import("@/db/client");
const { expertPoolMembers, orgs } = await import("@/db/schema");
const { listPoolMembers } = await import("@/lib/experts/pool-queries");
const { POOL_PAGE_SIZE } = await import("@/lib/experts/constants");
const { SERIES_NAMES } = await import("@/lib/roster/title-codes");
const { createDatabase, dropDatabase, withDatabase } = await import("../setup/pg-admin");
const { personName, residentId } = await import("../helpers/roster-workbook");

const POOL = 10_000;
const TARGET_MS = 150;
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const SPECIALTIES = ["计算机科学与技术", "化学", "材料科学与工程", "机械工程", "土木工程", "农学", "数学", "物理学", "经济学", "法学", "临床医学", "建筑学"];
const UNITS = ["贵州大学", "贵州师范大学", "贵州医科大学", "遵义医科大学", "贵州财经大学", "贵州民族大学", "贵州理工学院", "贵阳学院"];
const STATUSES = ["active", "active", "active", "invited", "suspended", "removed"] as const;

async function fill(db: Awaited<ReturnType<typeof openPostgres>>["db"], orgId: string, offset: number) {
  for (let i = 0; i < POOL; i += 1000) {
    await db.insert(expertPoolMembers).values(
      Array.from({ length: Math.min(1000, POOL - i) }, (_, j) => {
        const n = offset + i + j;
        const full = n % 3 === 0;
        return {
          orgId,
          invitedName: personName(n),
          idType: "resident" as const,
          idNumber: residentId(n),
          invitedPhone: `139${String(n).padStart(8, "0")}`,
          series: SERIES_NAMES[n % SERIES_NAMES.length],
          specialty: SPECIALTIES[n % SPECIALTIES.length],
          title: full ? "教授" : "副教授",
          level: full ? ("senior_full" as const) : ("senior_deputy" as const),
          workUnit: UNITS[n % UNITS.length],
          status: STATUSES[n % STATUSES.length],
          invitedAt: new Date(Date.UTC(2024, 0, 1) + n * 60_000),
        };
      }),
    );
  }
}

async function main() {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `gz_bench_evaluation_${process.pid}`;
  await createDatabase(serverUrl, dbName);
  let failed = false;
  try {
    const handle = await openPostgres(withDatabase(serverUrl, dbName), { migrate: true, max: 4 });
    const db = handle.db;
    const [a, b] = await db
      .insert(orgs)
      .values([
        { name: "贵州大学", kind: "unit", regionCode: "520000", selfEvaluating: true },
        { name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000" },
      ])
      .returning({ id: orgs.id });
    await fill(db, a.id, 0);
    await fill(db, b.id, POOL);
    await db.execute(sql`analyze expert_pool_members`);
    console.log(`bench:evaluation: ${POOL} experts in the measured pool (+${POOL} in another), page size ${POOL_PAGE_SIZE}, median of ${RUNS} runs, target ≤ ${TARGET_MS} ms`);

    const { total } = await listPoolMembers(db, a.id, {}, 1);
    const deepPage = Math.max(1, Math.floor(total / POOL_PAGE_SIZE) - 1);
    const cases: [string, () => Promise<unknown>][] = [
      ["page 1 (no filter)", () => listPoolMembers(db, a.id, {}, 1)],
      [`deep page ${deepPage} of ${Math.ceil(total / POOL_PAGE_SIZE)}`, () => listPoolMembers(db, a.id, {}, deepPage)],
      ["search 高校教师 + 专业“化学” + 副高级 + 单位“贵州”", () => listPoolMembers(db, a.id, { series: "高校教师", specialty: "化学", level: "senior_deputy", workUnit: "贵州" }, 1)],
      ["search 资格名称“教授”, status active, page 3", () => listPoolMembers(db, a.id, { title: "教授", status: "active" }, 3)],
      ["search by name", () => listPoolMembers(db, a.id, { q: personName(4242) }, 1)],
    ];
    for (const [label, run] of cases) {
      await run();
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await run();
        times.push(performance.now() - t0);
      }
      times.sort((x, y) => x - y);
      const median = times[Math.floor(times.length / 2)];
      const pass = median <= TARGET_MS;
      failed ||= !pass;
      console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(6)} ms   max ${times[times.length - 1].toFixed(1).padStart(6)} ms   ${pass ? "PASS" : "FAIL"} (≤ ${TARGET_MS} ms)`);
    }
    await handle.close();
  } finally {
    await dropDatabase(serverUrl, dbName);
  }
  if (failed && process.env.BENCH_STRICT === "1") process.exit(1);
}

await main();
await (await import("./declarations.bench")).runDeclarationsBench();
