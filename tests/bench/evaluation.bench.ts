/**
 * npm run bench:evaluation — the evaluation lists, called directly against PostgreSQL (DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/postgres) in a throw-away database:
 * - 专家库 (lib/experts/pool-queries.ts `listPoolMembers`) on a pool of 10,000 experts; another
 *   organisation holds a second 10,000 so the org condition matters;
 * - committee terms and 评审权备案 (lib/terms/queries.ts `listOwnCommitteeTerms`, lib/filings/queries.ts
 *   `listOwnFilings` and `listExaminerQueue`) on a province of 108 committee-forming organisations with
 *   339 committees, 2,034 terms of 25 members (50,850 member rows) and one filing per term, in every
 *   state: the 省人社厅's own list (60 committees, 360 filings), the queue of a 主管部门 examining 40
 *   universities (466 filings past draft) and the province's queue (every 高级 filing, and the 中级 ones
 *   of the organisations directly under it: 1,453).
 * Then the declaration lists (declarations.bench.ts) and the 人社部门's statistics page over 1,000,000 declarations and
 * 500,000 certificates (statistics.bench.ts, target ≤ 300 ms), and
 * - the review round (tests/bench/review-rounds.bench.ts): 25 members × 1,000 candidates, 25 sheets cast at
 *   once (p95 per vote ≤ 50 ms) and 统票 + signing (≤ 1 s). `--only=pool|declarations|review|statistics|results` runs one part; results: 确认 of 5,000 passed candidates (≤ 2 s).
 * Target: page 1, a deep page and a filtered search of each list ≤ 150 ms server time (the median of
 * BENCH_RUNS runs after a warm-up; the max is printed beside it). BENCH_STRICT=1 exits 1 when a target
 * is missed.
 */
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";

const { openPostgres } = await import("@/db/client");
const { committeeFilings, committees, committeeTermMembers, committeeTerms, expertPoolMembers, orgs, users } = await import("@/db/schema");
const { listPoolMembers } = await import("@/lib/experts/pool-queries");
const { FILING_PAGE_SIZE, listExaminerQueue, listOwnFilings } = await import("@/lib/filings/queries");
const { routeFiling } = await import("@/lib/filings/routing");
const { listOwnCommitteeTerms } = await import("@/lib/terms/queries");
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

type BenchDb = Awaited<ReturnType<typeof openPostgres>>["db"];
type Case = [string, () => Promise<unknown>];

/** Runs each case RUNS times after a warm-up and prints its median and max; false when a median misses the target. */
async function measure(cases: Case[]): Promise<boolean> {
  let allPass = true;
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
    allPass &&= pass;
    console.log(`${label.padEnd(56)} median ${median.toFixed(1).padStart(6)} ms   max ${times[times.length - 1].toFixed(1).padStart(6)} ms   ${pass ? "PASS" : "FAIL"} (≤ ${TARGET_MS} ms)`);
  }
  return allPass;
}

// ─── Committee terms and 评审权备案 ──────────────────────────────────────────────────────────────────

const TERMS_PER_COMMITTEE = 6;
const TERM_SIZE = 25;
/** The latest term's filing cycles through these; the older ones were approved (and have expired). */
const LATEST_STATES = ["submitted", "dept_approved", "approved", "draft", "revoked", "approved"] as const;

type ForgingOrg = { id: string; kind: "hrss" | "dept" | "unit"; parentId: string | null; supervisorId: string | null; name: string; committees: number };

async function insertBatched<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/**
 * The province: 省人社厅 (60 committees), 9 市州人社局 (5 each), 20 provincial and 18 city 主管部门
 * (3 each), 60 自主评审单位 (2 each; 40 of them under 教育厅). Returns the measured organisations.
 */
async function seedFilings(db: BenchDb) {
  const one = async (v: typeof orgs.$inferInsert, committeesCount: number): Promise<ForgingOrg> => {
    const [o] = await db.insert(orgs).values(v).returning();
    return { id: o.id, kind: o.kind, parentId: o.parentId, supervisorId: o.supervisorId, name: o.name, committees: committeesCount };
  };
  const province = await one({ name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000" }, 60);
  const forming: ForgingOrg[] = [province];
  const cities: ForgingOrg[] = [];
  for (let i = 0; i < 9; i++) cities.push(await one({ name: `第${i + 1}市州人力资源和社会保障局`, kind: "hrss", level: "city", regionCode: `52${String(i + 1).padStart(2, "0")}00`, parentId: province.id }, 5));
  forming.push(...cities);
  const depts: ForgingOrg[] = [];
  for (let i = 0; i < 20; i++) depts.push(await one({ name: i === 0 ? "贵州省教育厅" : `省直主管部门${i}`, kind: "dept", regionCode: "520000", parentId: province.id }, 3));
  for (let i = 0; i < 18; i++) depts.push(await one({ name: `市州主管部门${i}`, kind: "dept", regionCode: "520100", parentId: cities[i % 9].id }, 3));
  forming.push(...depts);
  const edu = depts[0];
  for (let i = 0; i < 60; i++) {
    const supervisor = i < 40 ? edu : depts[1 + (i % 37)];
    forming.push(await one({ name: `自主评审高校${i + 1}`, kind: "unit", selfEvaluating: true, regionCode: "520000", parentId: supervisor.parentId, supervisorId: supervisor.id }, 2));
  }

  let code = 100;
  let person = 500_000;
  let filingsCount = 0;
  let membersCount = 0;
  for (const [n, o] of forming.entries()) {
    // The organisation's pool: 25 experts with accounts.
    const people = Array.from({ length: TERM_SIZE }, () => person++);
    const userRows = await db
      .insert(users)
      .values(people.map((p) => ({ role: "expert" as const, orgId: o.id, name: personName(p), idType: "resident" as const, idNumber: residentId(p, "520103"), passwordHash: "x" })))
      .returning({ id: users.id, name: users.name, idNumber: users.idNumber });
    const poolRows = await db
      .insert(expertPoolMembers)
      .values(userRows.map((u) => ({ orgId: o.id, userId: u.id, invitedName: u.name, idType: "resident" as const, idNumber: u.idNumber!, invitedPhone: "13900000000", title: "教授", series: "高校教师", specialty: "化学", level: "senior_full" as const, workUnit: o.name, status: "active" as const })))
      .returning({ id: expertPoolMembers.id, userId: expertPoolMembers.userId });
    const snapshot = userRows.map((u, i) => ({ userId: u.id, name: u.name, position: i === 0 ? "主任委员" : i < 3 ? "副主任委员" : "委员", title: "教授", series: "高校教师", level: "senior_full", workUnit: o.name }));

    for (let c = 0; c < o.committees; c++) {
      const senior = (n + c) % 2 === 0;
      const levelFrom = senior ? ("senior_full" as const) : ("intermediate" as const);
      const levelTo = senior ? ("senior_deputy" as const) : ("intermediate" as const);
      const [committee] = await db
        .insert(committees)
        .values({ name: `${o.name}${senior ? "高级" : "中级"}评审委员会${c + 1}`, code: String(code++), series: "高校教师", levelFrom, levelTo, formingOrgId: o.id })
        .returning({ id: committees.id });
      const route = routeFiling(o, levelFrom, levelTo, province.id);
      const terms = Array.from({ length: TERMS_PER_COMMITTEE }, (_, k) => {
        const start = 2008 + 3 * k;
        const latest = k === TERMS_PER_COMMITTEE - 1;
        const state = latest ? LATEST_STATES[(n + c) % LATEST_STATES.length] : "approved";
        return { id: randomUUID(), start, state };
      });
      await db.insert(committeeTerms).values(
        terms.map((t) => ({ id: t.id, committeeId: committee.id, startDate: `${t.start}-01-01`, endDate: `${t.start + 2}-12-31`, status: t.state === "draft" ? ("draft" as const) : t.state === "approved" ? ("active" as const) : ("filed" as const) })),
      );
      const members = terms.flatMap((t) => poolRows.map((p, i) => ({ termId: t.id, poolMemberId: p.id, userId: p.userId!, position: i === 0 ? ("chair" as const) : i < 3 ? ("vice_chair" as const) : ("member" as const) })));
      await insertBatched(members, 1000, (chunk) => db.insert(committeeTermMembers).values(chunk));
      membersCount += members.length;
      await db.insert(committeeFilings).values(
        terms.map((t) => {
          const submitted = t.state !== "draft";
          const at = new Date(Date.UTC(t.start - 1, 10, 1) + (n * 37 + c) * 3_600_000);
          return {
            committeeId: committee.id, termId: t.id, formingOrgId: o.id, series: "高校教师", specialties: "化学、物理、数学", levelFrom, levelTo,
            scope: "series" as const, members: snapshot, rulesPdf: Buffer.from("%PDF-1.7\n%%EOF\n"), rulesPdfName: "评审办法.pdf",
            validFrom: `${t.start}-01-01`, validTo: `${t.start + 2}-12-31`, status: t.state,
            deptExaminerOrgId: submitted ? route.deptOrgId : null, hrssExaminerOrgId: submitted ? route.hrssOrgId : null,
            submittedAt: submitted ? at : null, deptApprovedAt: t.state !== "submitted" && submitted && route.deptOrgId ? at : null,
            approvedAt: t.state === "approved" || t.state === "revoked" ? at : null, createdAt: at,
          };
        }),
      );
      filingsCount += terms.length;
    }
  }
  await db.execute(sql`analyze`);
  return { province, edu, orgsCount: forming.length, committeesCount: code - 100, filingsCount, membersCount };
}

const pagesOf = (total: number) => Math.max(1, Math.ceil(total / FILING_PAGE_SIZE));

async function benchFilings(db: BenchDb): Promise<boolean> {
  const seeded = await seedFilings(db);
  const actor = (orgId: string, role: "hrss" | "dept") => ({ id: randomUUID(), role, orgId, orgIsCertDivision: false });
  const provinceUser = actor(seeded.province.id, "hrss");
  const eduUser = actor(seeded.edu.id, "dept");
  console.log(
    `\nterms and filings: ${seeded.orgsCount} forming organisations, ${seeded.committeesCount} committees, ${seeded.filingsCount} terms with one filing each, ${seeded.membersCount} term members; page size ${FILING_PAGE_SIZE}`,
  );

  const own = await listOwnFilings(db, provinceUser, {}, 1);
  const dept = await listExaminerQueue(db, eduUser, {}, 1);
  const prov = await listExaminerQueue(db, provinceUser, {}, 1);
  const deep = (total: number) => Math.max(1, pagesOf(total) - 1);
  console.log(`  省人社厅's own filings ${own.total} (${pagesOf(own.total)} pages); 教育厅's queue ${dept.total}; the province's queue ${prov.total}`);
  return measure([
    ["filer: committees and terms (省人社厅, 60 committees)", () => listOwnCommitteeTerms(db, provinceUser)],
    ["filer: filings page 1", () => listOwnFilings(db, provinceUser, {}, 1)],
    [`filer: filings deep page ${deep(own.total)}`, () => listOwnFilings(db, provinceUser, {}, deep(own.total))],
    ["filer: search “评审委员会1” + 已备案", () => listOwnFilings(db, provinceUser, { q: "评审委员会1", status: "approved" }, 1)],
    ["examiner 主管部门 (教育厅): queue page 1", () => listExaminerQueue(db, eduUser, {}, 1)],
    [`examiner 主管部门: deep page ${deep(dept.total)}`, () => listExaminerQueue(db, eduUser, {}, deep(dept.total))],
    ["examiner 主管部门: search “高校3” + 待审核", () => listExaminerQueue(db, eduUser, { q: "高校3", status: "submitted" }, 1)],
    ["examiner 省人社厅: queue page 1", () => listExaminerQueue(db, provinceUser, {}, 1)],
    [`examiner 省人社厅: deep page ${deep(prov.total)}`, () => listExaminerQueue(db, provinceUser, {}, deep(prov.total))],
    ["examiner 省人社厅: search “教育厅” + 主管部门已审核", () => listExaminerQueue(db, provinceUser, { q: "教育厅", status: "dept_approved" }, 1)],
  ]);
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
    const cases: Case[] = [
      ["pool: page 1 (no filter)", () => listPoolMembers(db, a.id, {}, 1)],
      [`pool: deep page ${deepPage} of ${Math.ceil(total / POOL_PAGE_SIZE)}`, () => listPoolMembers(db, a.id, {}, deepPage)],
      ["pool: search 高校教师 + 专业“化学” + 副高级 + 单位“贵州”", () => listPoolMembers(db, a.id, { series: "高校教师", specialty: "化学", level: "senior_deputy", workUnit: "贵州" }, 1)],
      ["pool: search 资格名称“教授”, status active, page 3", () => listPoolMembers(db, a.id, { title: "教授", status: "active" }, 3)],
      ["pool: search by name", () => listPoolMembers(db, a.id, { q: personName(4242) }, 1)],
    ];
    failed ||= !(await measure(cases));
    failed ||= !(await benchFilings(db));
    await handle.close();
  } finally {
    await dropDatabase(serverUrl, dbName);
  }
  if (failed && process.env.BENCH_STRICT === "1") process.exit(1);
}

// `--only=pool|declarations|review|statistics|results` runs one part (pool and filings / declarations / the review round / statistics / 确认 of the results).
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
if (!only || only === "pool") await main();
if (!only || only === "declarations") await (await import("./declarations.bench")).runDeclarationsBench();
if (!only || only === "review") {
  const ok = await (await import("./review-rounds.bench")).runReviewRoundsBench();
  if (!ok && process.env.BENCH_STRICT === "1") process.exit(1);
}
if (!only || only === "statistics") await (await import("./statistics.bench")).runStatisticsBench();
if (!only || only === "results") {
  const ok = await (await import("./review-results.bench")).runReviewResultsBench();
  if (!ok && process.env.BENCH_STRICT === "1") process.exit(1);
}
