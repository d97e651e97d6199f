/**
 * The declarations' periodic job (lib/jobs, docs/deploy.md "Periodic jobs"): a returned declaration past its
 * 一次性告知 deadline is abandoned by one run; while another process holds the job's advisory lock a run skips
 * and changes nothing; `npm run jobs:declarations` does the same from the command line.
 */
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openPostgres, type Db } from "@/db/client";
import { committees, declarationBatches, declarationNotices, declarations, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createCompleteDraft, walkDeclaration } from "@/db/seed-declaration-demo";
import * as tr from "@/lib/declarations/transitions";
import { DECLARATION_JOBS_LOCK_KEY, runDeclarationJobs } from "@/lib/jobs/declaration-jobs";
import { jobsIntervalMs, startDeclarationJobs, stopDeclarationJobs } from "@/lib/jobs/scheduler";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
let seq = 0;

/** A declaration returned by the unit whose notice's deadline has passed. */
async function overdue(): Promise<string> {
  seq += 1;
  const first17 = `52010219890101${String(seq).padStart(3, "0")}`;
  const [p] = await t.db.insert(users).values({ username: `job_${seq}`, role: "person", name: `逾期${seq}`, idType: "resident", idNumber: first17 + idCheckChar(first17), passwordHash: "x" }).returning({ id: users.id });
  const person = await sessionUserOf(t.db, p.id);
  const [unitUser] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, "demo_unit"));
  const unit = await sessionUserOf(t.db, unitUser.id);
  const [c] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  const [batch] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c.id));
  const id = await t.db.transaction(async (tx) => {
    const d = await createCompleteDraft(tx, person, batch.id, {
      specialty: "建筑设计",
      targetLevel: "senior_deputy",
      unitOrgId: unit.orgId!,
      basic: { gender: "女", birthDate: "1989-01-01", phone: "13800000011", email: "", department: "设计所", post: "工程师", employment: "in_service" },
      education: [{ level: "master", school: "贵州大学", major: "建筑学", from: "2008-09-01", to: "2011-07-01", degree: "工学硕士", fullTime: true }],
      work: [{ from: "2011-07-15", to: null, employer: "设计院", post: "工程师" }],
      currentTitle: "工程师",
      currentTitleLevel: "intermediate",
      currentTitleDate: "2015-01-01",
      achievements: [],
    });
    await walkDeclaration(tx, person, new Map([[unit.orgId!, unit]]), d.id, "submitted");
    const [row] = await tx.select({ version: declarations.version }).from(declarations).where(eq(declarations.id, d.id));
    await tr.returnWithNotice(tx, unit, { declarationId: d.id, version: row.version, reason: "材料不全", items: [{ slot: "work", field: "工作经历", text: "补充证明" }] });
    return d.id;
  });
  await t.db.update(declarationNotices).set({ deadline: "2000-01-01" }).where(eq(declarationNotices.declarationId, id));
  return id;
}
const status = async (id: string) => (await t.db.select({ s: declarations.status }).from(declarations).where(eq(declarations.id, id)))[0].s;

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
}, 120_000);
afterAll(() => t?.close());
afterEach(() => stopDeclarationJobs());

describe("the declarations' periodic job", () => {
  it("one run abandons the overdue returned declarations; the next run finds nothing", async () => {
    const id = await overdue();
    const r = await runDeclarationJobs(t.db);
    expect(r.ran && r.abandoned).toContain(id);
    expect(await status(id)).toBe("abandoned");
    expect(await runDeclarationJobs(t.db)).toMatchObject({ ran: true, abandoned: [] });
  });

  it.runIf(!!process.env.DATABASE_URL)("while another process holds the lock, a run skips and changes nothing", async () => {
    const id = await overdue();
    const other = await openPostgres(t.url!, { migrate: false, max: 1 });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let locked!: () => void;
      const isLocked = new Promise<void>((r) => (locked = r));
      const holder = other.db.transaction(async (tx: Db) => {
        await tx.execute(sql`select pg_advisory_xact_lock(${DECLARATION_JOBS_LOCK_KEY})`);
        locked();
        await held;
      });
      await isLocked;
      expect(await runDeclarationJobs(t.db)).toEqual({ ran: false });
      expect(await status(id)).toBe("returned");
      release();
      await holder;
      expect(await runDeclarationJobs(t.db)).toMatchObject({ ran: true, abandoned: [id] });
    } finally {
      await other.close();
    }
  });

  it.runIf(!!process.env.DATABASE_URL)("npm run jobs:declarations runs it once from the command line", async () => {
    const id = await overdue();
    const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/jobs-declarations.ts"], { env: { ...process.env, DATABASE_URL: t.url } });
    expect(stdout).toMatch(/^逾期未补正：1份申报已终止（\d{4}-\d{2}-\d{2}）/);
    expect(await status(id)).toBe("abandoned");
  });

  it("the timer's interval: 60 minutes by default, 0 turns it off, anything else malformed is refused", () => {
    expect(jobsIntervalMs({})).toBe(3_600_000);
    expect(jobsIntervalMs({ DECLARATION_JOBS_INTERVAL_MINUTES: "15" })).toBe(900_000);
    expect(jobsIntervalMs({ DECLARATION_JOBS_INTERVAL_MINUTES: "0" })).toBeNull();
    expect(() => jobsIntervalMs({ DECLARATION_JOBS_INTERVAL_MINUTES: "-5" })).toThrow("DECLARATION_JOBS_INTERVAL_MINUTES must be 0–1440");
    expect(startDeclarationJobs({ DECLARATION_JOBS_INTERVAL_MINUTES: "0" })).toBe(false);
    stopDeclarationJobs();
    expect(startDeclarationJobs({ DECLARATION_JOBS_INTERVAL_MINUTES: "60" })).toBe(true);
    // Once per process: a second start does not add a timer.
    expect(startDeclarationJobs({ DECLARATION_JOBS_INTERVAL_MINUTES: "60" })).toBe(true);
  });
});
