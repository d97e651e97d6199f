/**
 * 专家库 (docs/domain.md §13): invitations, acceptance by the named person only, the pool's
 * own organisation only, guarded suspend/remove, the all-or-nothing import, the expert's profile and
 * 回避声明. Actions and routes are called directly, as an attacker could, with a chosen session.
 */
import { and, count, desc, eq, isNull } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, expertConflicts, expertPoolMembers, expertProfiles, roleGrants, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { SessionUser } from "@/lib/auth/session-user";
import { idCheckChar } from "@/lib/validation/id-number";
import { useTestDb, type TestDb } from "../setup/test-db";

const session = vi.hoisted(() => ({ current: null as null | SessionUser }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(async () => session.current),
  currentRequestIp: vi.fn(async () => "198.51.100.7"),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const pool = await import("@/app/_expert-pool/actions");
const expert = await import("@/app/(expert)/expert/actions");
const importRoute = await import("@/app/api/expert-pool/import/route");
const templateRoute = await import("@/app/api/expert-pool/template/route");
const { loadSessionUser } = await import("@/lib/auth/session-user");
const { listPoolMembers, listInvitationsForUser } = await import("@/lib/experts/pool-queries");

let t: TestDb;
const u: Record<string, string> = {};
let gzuOrg: string;
let zjtOrg: string;

const rid = (first17: string) => first17 + idCheckChar(first17);
const ZHAO_ID = rid("52010219800101001");
const QIAN_ID = rid("52010219810202002");

/** Act as `username` under its default grant, or under its grant of `role`. */
async function actAs(userId: string, role?: SessionUser["role"], orgId?: string) {
  const [row] = await t.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  let user = await loadSessionUser(t.db, { id: userId, sessionVersion: row.sv });
  if (role && user && user.role !== role) {
    const grant = user.grants.find((g) => g.role === role && (orgId === undefined || g.orgId === orgId));
    if (!grant) throw new Error(`no ${role} grant`);
    user = await loadSessionUser(t.db, { id: userId, sessionVersion: row.sv, grantId: grant.id });
  }
  session.current = user;
  return user!;
}

async function newPerson(name: string, idNumber: string) {
  const [row] = await t.db
    .insert(users)
    .values({ role: "person", name, idType: "resident", idNumber, phone: "13900000000", passwordHash: "x" })
    .returning({ id: users.id });
  return row.id;
}

const invite = (name: string, idNumber: string, extra: Partial<Record<string, string>> = {}) =>
  pool.inviteExpertAction({
    name,
    idType: "resident",
    idNumber,
    phone: "13912345678",
    series: "高校教师",
    specialty: "材料科学与工程",
    title: "教授",
    level: "senior_full",
    workUnit: "贵州大学",
    ...extra,
  });

async function member(id: string) {
  const [m] = await t.db.select().from(expertPoolMembers).where(eq(expertPoolMembers.id, id));
  return m;
}

async function activeExpertGrants(userId: string, orgId: string) {
  return (await t.db.select({ n: count() }).from(roleGrants).where(and(eq(roleGrants.userId, userId), eq(roleGrants.role, "expert"), eq(roleGrants.orgId, orgId), eq(roleGrants.status, "active"))))[0].n;
}

async function lastAudit(action: string, outcome?: "success") {
  const where = outcome ? and(eq(auditLog.action, action), eq(auditLog.outcome, outcome)) : eq(auditLog.action, action);
  const [row] = await t.db.select().from(auditLog).where(where).orderBy(desc(auditLog.chainSeq)).limit(1);
  return row;
}

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_selfunit", "demo_dept", "demo_hrss", "demo_unit", "demo_person", "demo_expert"]) {
    const [row] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, name));
    u[name] = row.id;
    if (name === "demo_selfunit") gzuOrg = row.orgId!;
    if (name === "demo_dept") zjtOrg = row.orgId!;
  }
  u.zhao = await newPerson("赵六", ZHAO_ID);
  u.qian = await newPerson("钱七", QIAN_ID);
}, 120_000);
afterAll(() => t?.close());

describe("invitation and acceptance", () => {
  let memberId: string;

  it("a committee-forming organisation invites by name, ID and phone; the invitation waits for the person", async () => {
    await actAs(u.demo_selfunit);
    const r = await invite("赵六", ZHAO_ID.toLowerCase());
    expect(r).toMatchObject({ ok: true, message: "已向赵六发出专家库邀请，本人登录后接受即入库" });
    memberId = (r as { data: { memberId: string } }).data.memberId;
    const m = await member(memberId);
    expect(m).toMatchObject({ orgId: gzuOrg, status: "invited", userId: null, idNumber: ZHAO_ID, invitedBy: u.demo_selfunit });
    const audit = await lastAudit("expert_pool.invite");
    expect(audit.outcome).toBe("success");
    expect(JSON.stringify(audit.detail)).not.toContain(ZHAO_ID);
  });

  it("the same person cannot be invited twice into one pool while not removed", async () => {
    await actAs(u.demo_selfunit);
    const r = await invite("赵六", ZHAO_ID);
    expect(r).toMatchObject({ ok: false, message: "该证件号码已在本专家库中（含待接受的邀请）", fieldErrors: { idNumber: "该证件号码已在本专家库中（含待接受的邀请）" } });
  });

  it("an invitation whose name is not the account's is neither shown nor accepted (ID number alone is not enough)", async () => {
    await actAs(u.demo_selfunit);
    const r = await invite("钱八", QIAN_ID);
    const wrongName = (r as { data: { memberId: string } }).data.memberId;
    expect(await listInvitationsForUser(t.db, u.qian)).toEqual([]);
    await actAs(u.qian);
    expect(await pool.respondInvitationAction({ memberId: wrongName, accept: true })).toEqual({ ok: false, message: "邀请不存在或已处理" });
    // Nor can anyone else answer 赵六's invitation.
    expect(await pool.respondInvitationAction({ memberId, accept: true })).toEqual({ ok: false, message: "邀请不存在或已处理" });
    expect((await member(wrongName)).status).toBe("invited");
    expect((await member(memberId)).status).toBe("invited");
    expect(await activeExpertGrants(u.qian, gzuOrg)).toBe(0);
    expect((await lastAudit("expert_pool.respond")).outcome).toBe("denied");
  });

  it("the matching person sees 专家库邀请 and accepting makes them an active member with an expert grant of that pool and a profile", async () => {
    expect((await listInvitationsForUser(t.db, u.zhao)).map((i) => i.orgName)).toEqual(["贵州大学"]);
    await actAs(u.zhao);
    const r = await pool.respondInvitationAction({ memberId, accept: true });
    expect(r).toMatchObject({ ok: true, data: { status: "active" } });
    expect(await member(memberId)).toMatchObject({ status: "active", userId: u.zhao, version: 2 });
    expect(await activeExpertGrants(u.zhao, gzuOrg)).toBe(1);
    const [profile] = await t.db.select().from(expertProfiles).where(eq(expertProfiles.userId, u.zhao));
    expect(profile).toMatchObject({ title: "教授", series: "高校教师", specialty: "材料科学与工程", level: "senior_full", workUnit: "贵州大学" });
    // The session now offers the expert grant of 贵州大学.
    const user = await actAs(u.zhao, "expert", gzuOrg);
    expect(user).toMatchObject({ role: "expert", orgId: gzuOrg });
    // Answered once: a second accept finds nothing.
    await actAs(u.zhao);
    expect(await pool.respondInvitationAction({ memberId, accept: true })).toEqual({ ok: false, message: "邀请不存在或已处理" });
  });

  it("declining removes the invitation with its reason and grants nothing", async () => {
    await actAs(u.demo_dept);
    const r = await invite("钱七", QIAN_ID, { workUnit: "贵州省教育厅" });
    const id = (r as { data: { memberId: string } }).data.memberId;
    await actAs(u.qian);
    expect(await pool.respondInvitationAction({ memberId: id, accept: false })).toMatchObject({ ok: true, message: "已谢绝邀请" });
    expect(await member(id)).toMatchObject({ status: "removed", reason: "本人谢绝邀请", userId: null });
    expect(await activeExpertGrants(u.qian, zjtOrg)).toBe(0);
  });
});

describe("who may do what to a pool member", () => {
  let memberId: string;
  beforeAll(async () => {
    await actAs(u.demo_selfunit);
    const [m] = await t.db.select().from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, gzuOrg), eq(expertPoolMembers.userId, u.zhao)));
    memberId = m.id;
  });

  it("another organisation's manager can neither list nor suspend my member: it does not exist for them", async () => {
    const other = await listPoolMembers(t.db, zjtOrg, { q: "赵六" }, 1);
    expect(other.total).toBe(0);
    for (const name of ["demo_dept", "demo_hrss"]) {
      await actAs(u[name]);
      const before = await member(memberId);
      expect(await pool.suspendMemberAction({ memberId, version: before.version, reason: "越权测试" })).toEqual({ ok: false, message: "专家不存在" });
      expect(await pool.removeMemberAction({ memberId, version: before.version, reason: "越权测试" })).toEqual({ ok: false, message: "专家不存在" });
      expect((await member(memberId)).status).toBe("active");
    }
    expect((await lastAudit("expert_pool.remove")).outcome).toBe("denied");
  });

  it("persons, units and experts may not manage any pool; only the forming roles invite", async () => {
    const m = await member(memberId);
    for (const [name, role] of [["demo_person", undefined], ["demo_unit", undefined], ["demo_expert", undefined], ["zhao", "expert"]] as const) {
      await actAs(u[name], role, role ? gzuOrg : undefined);
      expect(await invite("孙八", rid("52010219820303003"))).toEqual({ ok: false, message: "您无权执行此操作" });
      expect(await pool.suspendMemberAction({ memberId, version: m.version, reason: "越权测试" })).toEqual({ ok: false, message: "您无权执行此操作" });
      expect(await pool.removeMemberAction({ memberId, version: m.version, reason: "越权测试" })).toEqual({ ok: false, message: "您无权执行此操作" });
      expect(await pool.reinstateMemberAction({ memberId, version: m.version })).toEqual({ ok: false, message: "您无权执行此操作" });
    }
    for (const name of ["demo_unit", "demo_dept", "demo_selfunit"]) {
      await actAs(u[name]);
      expect(await pool.respondInvitationAction({ memberId, accept: true })).toEqual({ ok: false, message: "您无权执行此操作" });
    }
    for (const name of ["demo_dept", "demo_hrss"]) {
      await actAs(u[name]);
      expect((await invite("孙八", rid("52010219820303003"))).ok).toBe(true);
    }
    expect((await member(memberId)).status).toBe("active");
  });

  it("only the active expert grant edits a profile and 回避声明: the same person acting as a person may not", async () => {
    const profile = { title: "教授", series: "高校教师", specialty: "材料物理", level: "senior_full", workUnit: "贵州大学", department: "材料与冶金学院", phone: "13912345678", email: "" };
    for (const name of ["zhao", "demo_selfunit", "demo_unit", "demo_dept"]) {
      await actAs(u[name]);
      expect(await expert.saveExpertProfileAction(profile)).toEqual({ ok: false, message: "您无权执行此操作" });
      expect(await expert.addConflictAction({ kind: "unit", unitName: "某单位", unitCreditCode: "", personName: "", personIdType: "resident", personIdNumber: "", relation: "same_unit", endDate: "" })).toEqual({ ok: false, message: "您无权执行此操作" });
    }
    await actAs(u.zhao, "expert", gzuOrg);
    expect(await expert.saveExpertProfileAction(profile)).toMatchObject({ ok: true, data: { pools: 1 } });
    // The pool's copy follows the profile, so the pool search finds the new specialty.
    expect((await member(memberId)).specialty).toBe("材料物理");
  });

  it("the import and the template are for the forming roles only", async () => {
    for (const name of ["demo_person", "demo_unit", "demo_expert"]) {
      await actAs(u[name]);
      expect((await importRoute.POST(post(Buffer.from("x")), { params: Promise.resolve({}) })).status).toBe(403);
      expect((await templateRoute.GET(new Request("http://localhost:3000/api/expert-pool/template", { headers: SAME }), { params: Promise.resolve({}) })).status).toBe(403);
    }
    await actAs(u.demo_selfunit);
    const res = await templateRoute.GET(new Request("http://localhost:3000/api/expert-pool/template", { headers: SAME }), { params: Promise.resolve({}) });
    expect(res.status).toBe(200);
  });
});

describe("suspend, reinstate and remove", () => {
  it("of two concurrent suspensions at one version exactly one wins; suspending revokes the pool's expert grant", async () => {
    await actAs(u.demo_selfunit);
    const [m] = await t.db.select().from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, gzuOrg), eq(expertPoolMembers.userId, u.zhao)));
    const results = await Promise.all([
      pool.suspendMemberAction({ memberId: m.id, version: m.version, reason: "本年度暂停评审" }),
      pool.suspendMemberAction({ memberId: m.id, version: m.version, reason: "本年度暂停评审" }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, message: "该专家的状态已变化，请刷新后重试" });
    const after = await member(m.id);
    expect(after).toMatchObject({ status: "suspended", reason: "本年度暂停评审", version: m.version + 1, statusChangedBy: u.demo_selfunit });
    expect(await activeExpertGrants(u.zhao, gzuOrg)).toBe(0);
    expect((await lastAudit("expert_pool.suspend", "success")).detail).toMatchObject({ reason: "本年度暂停评审", status: "suspended", grantsRevoked: 1 });

    expect(await pool.reinstateMemberAction({ memberId: m.id, version: after.version })).toMatchObject({ ok: true });
    expect(await activeExpertGrants(u.zhao, gzuOrg)).toBe(1);

    const reinstated = await member(m.id);
    expect(await pool.removeMemberAction({ memberId: m.id, version: reinstated.version, reason: "调离本省" })).toMatchObject({ ok: true, message: "已移出赵六" });
    expect(await member(m.id)).toMatchObject({ status: "removed", reason: "调离本省" });
    expect(await activeExpertGrants(u.zhao, gzuOrg)).toBe(0);
    // A reason is required; a stale version is refused.
    expect(await pool.removeMemberAction({ memberId: m.id, version: reinstated.version + 1, reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: "请填写原因（至少2个字）" } });
    expect(await pool.suspendMemberAction({ memberId: m.id, version: reinstated.version + 1, reason: "再次暂停" })).toEqual({ ok: false, message: "该专家的状态已变化，请刷新后重试" });
  });
});

const SAME = { "sec-fetch-site": "same-origin" };
const post = (body: Buffer) =>
  new Request("http://localhost:3000/api/expert-pool/import", { method: "POST", body: new Uint8Array(body), headers: { ...SAME, "content-type": "application/octet-stream" } });

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("专家库");
  ws.addRow(["姓名", "证件类型", "证件号码", "手机号码", "系列", "专业", "资格名称", "级别", "工作单位"]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("import", () => {
  const good = (name: string, id: string) => [name, "居民身份证", id, "13800000001", "高校教师", "化学", "副教授", "副高级", "贵州师范大学"];

  it("is all or nothing: one bad ID number refuses the file, the report names row, column and reason", async () => {
    await actAs(u.demo_selfunit);
    const before = (await t.db.select({ n: count() }).from(expertPoolMembers).where(eq(expertPoolMembers.orgId, gzuOrg)))[0].n;
    const bad = rid("52010219850505005").slice(0, 17) + (rid("52010219850505005").endsWith("1") ? "2" : "1");
    const res = await importRoute.POST(post(await workbook([good("周一", rid("52010219850404004")), good("吴二", bad), good("郑三", rid("52010219850606006"))])), { params: Promise.resolve({}) });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { ok: false; message: string; issues: { row: number; column: string; reason: string }[] };
    expect(body.message).toBe("1行有错误，未导入任何数据。请按报告修改后重新上传");
    expect(body.issues).toEqual([{ row: 3, column: "证件号码（C列）", reason: expect.stringContaining("居民身份证号码校验位错误") }]);
    const after = (await t.db.select({ n: count() }).from(expertPoolMembers).where(eq(expertPoolMembers.orgId, gzuOrg)))[0].n;
    expect(after).toBe(before);
    expect((await lastAudit("expert_pool.import")).outcome).toBe("failure");
  });

  it("a person already in the pool is reported too; a clean file becomes invitations", async () => {
    await actAs(u.demo_selfunit);
    const [existing] = await t.db.select().from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, gzuOrg), eq(expertPoolMembers.status, "active"))).limit(1);
    const dup = await importRoute.POST(post(await workbook([good("周一", rid("52010219850404004")), good(existing.invitedName, existing.idNumber)])), { params: Promise.resolve({}) });
    expect(dup.status).toBe(422);
    expect(((await dup.json()) as { issues: unknown[] }).issues).toEqual([{ row: 3, column: "证件号码（C列）", reason: "该证件号码已在本专家库中（含待接受的邀请）" }]);

    const ok = await importRoute.POST(post(await workbook([good("周一", rid("52010219850404004")), good("郑三", rid("52010219850606006"))])), { params: Promise.resolve({}) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, invited: 2 });
    const rows = await listPoolMembers(t.db, gzuOrg, { workUnit: "贵州师范大学", status: "invited" }, 1);
    expect(rows.rows.map((r) => r.name).sort()).toEqual(["周一", "郑三"]);
    expect(rows.rows[0].maskedIdNumber).toMatch(/^5201\*{10}\d{3}[\dX]$/);
  });
});

describe("回避声明", () => {
  it("the expert adds and removes units and people; each change is audited without the full ID number", async () => {
    await actAs(u.demo_expert);
    const personId = rid("52010219900909009");
    const add = await expert.addConflictAction({ kind: "person", unitName: "", unitCreditCode: "", personName: "刘九", personIdType: "resident", personIdNumber: personId, relation: "relative", endDate: "2030-12-31" });
    expect(add).toMatchObject({ ok: true, message: "已添加回避声明" });
    const conflictId = (add as { data: { conflictId: string } }).data.conflictId;
    const [row] = await t.db.select().from(expertConflicts).where(eq(expertConflicts.id, conflictId));
    expect(row).toMatchObject({ userId: u.demo_expert, kind: "person", personIdNumber: personId, relation: "relative", endDate: "2030-12-31", removedAt: null });
    const audit = await lastAudit("expert.conflict.add");
    expect(audit).toMatchObject({ outcome: "success", targetId: conflictId, actorId: u.demo_expert });
    expect(JSON.stringify(audit.detail)).not.toContain(personId);

    expect(await expert.addConflictAction({ kind: "person", unitName: "", unitCreditCode: "", personName: "刘九", personIdType: "resident", personIdNumber: personId, relation: "mentor", endDate: "" })).toMatchObject({ ok: false, message: "该回避对象已在声明中" });
    expect(await expert.addConflictAction({ kind: "person", unitName: "", unitCreditCode: "", personName: "刘九", personIdType: "resident", personIdNumber: "520102199009090001", relation: "mentor", endDate: "" })).toMatchObject({ ok: false, fieldErrors: { personIdNumber: expect.stringContaining("校验位错误") } });

    // Another expert cannot remove it.
    await actAs(u.demo_person, "expert", gzuOrg);
    expect(await expert.removeConflictAction({ conflictId })).toEqual({ ok: false, message: "回避声明不存在或已删除" });
    await actAs(u.demo_expert);
    expect(await expert.removeConflictAction({ conflictId })).toMatchObject({ ok: true });
    const [removed] = await t.db.select().from(expertConflicts).where(eq(expertConflicts.id, conflictId));
    expect(removed.removedAt).toBeInstanceOf(Date);
    expect((await lastAudit("expert.conflict.remove")).targetId).toBe(conflictId);
    const open = await t.db.select({ n: count() }).from(expertConflicts).where(and(eq(expertConflicts.userId, u.demo_expert), isNull(expertConflicts.removedAt)));
    expect(open[0].n).toBeGreaterThanOrEqual(1); // the seed's declaration stays
  });
});

describe("pool list search", () => {
  it("filters by series, specialty, title, level, unit and status, and pages", async () => {
    const all = await listPoolMembers(t.db, gzuOrg, {}, 1, 10);
    expect(all.rows).toHaveLength(10);
    expect(all.total).toBeGreaterThanOrEqual(30);
    const page2 = await listPoolMembers(t.db, gzuOrg, {}, 2, 10);
    expect(page2.rows.map((r) => r.id)).not.toContain(all.rows[0].id);

    const deputies = await listPoolMembers(t.db, gzuOrg, { series: "高校教师", title: "副教授", level: "senior_deputy" }, 1, 100);
    expect(deputies.total).toBeGreaterThan(0);
    expect(deputies.rows.every((r) => r.title === "副教授" && r.level === "senior_deputy" && r.series === "高校教师")).toBe(true);

    const chem = await listPoolMembers(t.db, gzuOrg, { specialty: "化学" }, 1, 100);
    expect(chem.rows.every((r) => r.specialty?.includes("化学"))).toBe(true);

    const none = await listPoolMembers(t.db, gzuOrg, { workUnit: "不存在的单位" }, 1);
    expect(none).toEqual({ total: 0, rows: [] });

    const removed = await listPoolMembers(t.db, gzuOrg, { status: "removed" }, 1);
    expect(removed.rows.map((r) => r.name)).toContain("赵六");
    expect(all.rows.some((r) => r.status === "removed")).toBe(false);
    // Wildcards typed by the user are literal.
    expect((await listPoolMembers(t.db, gzuOrg, { specialty: "%" }, 1)).total).toBe(0);
  });
});
