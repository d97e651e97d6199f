import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, users, workingDayOverrides } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

// The actions are public POST endpoints: call them directly with a chosen session.
const session = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number } }));
vi.mock("@/auth", () => ({ auth: async () => (session.current ? { user: session.current } : null) }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const { addWorkingDayOverrideAction, removeWorkingDayOverrideAction } = await import("@/app/(hrss)/hrss/calendar/actions");
const { listOverrides, loadOverrides, isYearKnownInDb } = await import("@/lib/calendar/overrides");
const { publicityEndDate } = await import("@/lib/calendar/working-days");
const { ForbiddenError } = await import("@/lib/errors");

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

let t: TestDb;
beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
});
afterAll(() => t?.close());

async function loginAs(username: string) {
  const [u] = await t.db.select({ id: users.id, sv: users.sessionVersion }).from(users).where(eq(users.username, username));
  session.current = { id: u.id, sessionVersion: u.sv };
  return u.id;
}

const auditOf = (actorId: string) =>
  t.db
    .select({ action: auditLog.action, outcome: auditLog.outcome, targetId: auditLog.targetId })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actorId), inArray(auditLog.action, ["calendar.add_override", "calendar.remove_override"])))
    .orderBy(auditLog.id);

const rowsOf = (dates: string[]) => t.db.select().from(workingDayOverrides).where(inArray(workingDayOverrides.date, dates));

const add2030 = { date: "2030-10-01", kind: "holiday", note: "国办发明电〔2029〕X号" } as const;

describe("who may change the calendar", () => {
  it("refuses a personal user by role and a city or provincial HR user who is not the 专技处, each audited as denied", async () => {
    for (const username of ["demo_person", "demo_hrss", "demo_province"]) {
      const uid = await loginAs(username);
      const r = await addWorkingDayOverrideAction(add2030);
      expect(r.ok).toBe(false);
      expect(r).toMatchObject({ message: username === "demo_person" ? "您无权执行此操作" : "仅省人社厅专技处可以维护节假日安排" });
      expect(await auditOf(uid)).toEqual([{ action: "calendar.add_override", outcome: "denied", targetId: null }]);
    }
    expect(await rowsOf([add2030.date])).toEqual([]);
  });

  it("refuses the list to a non-专技处 HR user", async () => {
    const uid = await loginAs("demo_hrss");
    await expect(listOverrides(t.db, await sessionUserOf(t.db, uid), { year: 2030, page: 1 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("refuses an anonymous caller", async () => {
    session.current = null;
    expect(await removeWorkingDayOverrideAction({ date: "2025-10-09" })).toMatchObject({ ok: false, message: "登录已过期，请重新登录" });
  });
});

describe("the 专技处 keeps the override table", () => {
  it("validates with the shared schema", async () => {
    await loginAs("demo_zjc");
    const r = await addWorkingDayOverrideAction({ date: "2030-02-30", kind: "vacation", note: "" });
    expect(r).toMatchObject({ ok: false, fieldErrors: { date: "请选择有效的日期", kind: "请选择该日安排" } });
  });

  it("adds a day once: 20 identical requests at once give one row and one success audit", async () => {
    const uid = await loginAs("demo_zjc");
    const results = await Promise.all(Array.from({ length: 20 }, () => addWorkingDayOverrideAction(add2030)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.message === "该日期已有调整记录，如需修改请先删除")).toBe(true);
    const rows = await rowsOf([add2030.date]);
    expect(rows).toMatchObject([{ date: "2030-10-01", kind: "holiday", note: add2030.note, createdBy: uid }]);
    const audit = await auditOf(uid);
    expect(audit.filter((a) => a.outcome === "success")).toEqual([{ action: "calendar.add_override", outcome: "success", targetId: "2030-10-01" }]);
  });

  it("the loaded table changes the computed publicity and makes the year known", async () => {
    await loginAs("demo_zjc");
    expect(await isYearKnownInDb(t.db, 2031)).toBe(false);
    // 国庆 2025: make Thu Oct 9 a holiday (a local arrangement) — the end date moves from Oct 14 to Oct 15.
    expect((await addWorkingDayOverrideAction({ date: "2025-10-09", kind: "holiday", note: "地方调整" })).ok).toBe(true);
    const o = await loadOverrides(t.db, 2025, 2030);
    expect(o).toEqual(new Map([["2025-10-09", "holiday"], ["2030-10-01", "holiday"]]));
    expect(publicityEndDate("2025-09-30").endDate).toBe("2025-10-14");
    expect(publicityEndDate("2025-09-30", 5, o).endDate).toBe("2025-10-15");
    expect(publicityEndDate("2030-09-30", 5, o)).toMatchObject({ endDate: "2030-10-08", calendarKnown: true });
    expect(await loadOverrides(t.db, 2026, 2029)).toEqual(new Map());
  });

  it("lists one year by date with pagination and the year's status", async () => {
    const uid = await loginAs("demo_zjc");
    for (const date of ["2030-10-02", "2030-10-03", "2030-09-29"]) {
      const r = await addWorkingDayOverrideAction({ date, kind: date === "2030-09-29" ? "workday" : "holiday", note: "国庆节" });
      expect(r.ok).toBe(true);
    }
    const actor = await sessionUserOf(t.db, uid);
    const p1 = await listOverrides(t.db, actor, { year: 2030, page: 1, pageSize: 3 });
    expect(p1).toMatchObject({ total: 4, yearStatus: "table" });
    expect(p1.rows.map((r) => r.date)).toEqual(["2030-09-29", "2030-10-01", "2030-10-02"]);
    expect(p1.rows[0]).toMatchObject({ kind: "workday", libraryWorking: false, libraryKnown: false, createdByName: "周敏" });
    const p2 = await listOverrides(t.db, actor, { year: 2030, page: 2, pageSize: 3 });
    expect(p2.rows.map((r) => r.date)).toEqual(["2030-10-03"]);
    const y2025 = await listOverrides(t.db, actor, { year: 2025, page: 1 });
    expect(y2025).toMatchObject({ total: 1, yearStatus: "library" });
    expect(y2025.rows[0]).toMatchObject({ date: "2025-10-09", kind: "holiday", libraryWorking: true, libraryKnown: true, holidayName: null });
    expect(await listOverrides(t.db, actor, { year: 2031, page: 1 })).toMatchObject({ total: 0, yearStatus: "unknown" });
  });

  it("removes a day once, audited; the day follows the library again", async () => {
    const uid = await loginAs("demo_zjc");
    const r = await removeWorkingDayOverrideAction({ date: "2025-10-09" });
    expect(r).toMatchObject({ ok: true });
    expect(await rowsOf(["2025-10-09"])).toEqual([]);
    expect(publicityEndDate("2025-09-30", 5, await loadOverrides(t.db, 2025, 2025)).endDate).toBe("2025-10-14");
    expect(await removeWorkingDayOverrideAction({ date: "2025-10-09" })).toMatchObject({ ok: false, message: "该调整记录已不存在，请刷新后查看" });
    const audit = (await auditOf(uid)).filter((a) => a.action === "calendar.remove_override");
    expect(audit).toEqual([
      { action: "calendar.remove_override", outcome: "success", targetId: "2025-10-09" },
      { action: "calendar.remove_override", outcome: "failure", targetId: null },
    ]);
  });
});
