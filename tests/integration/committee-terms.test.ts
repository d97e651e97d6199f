/**
 * Committee terms (届) and 评审权备案 (docs/domain.md §14): the member rules on the server, the
 * 评委会成员 grants of the 主任/副主任, the examination chain 贵州大学 → 贵州省教育厅 → 省人社厅, returns,
 * wrong-organisation examiners, concurrent approvals and canHoldReviewRound at its boundaries.
 * Actions and routes are called directly with a chosen session, as an attacker could.
 */
import { and, asc, desc, eq, ne } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, committeeFilings, committees, committeeTermMembers, committeeTerms, expertPoolMembers, roleGrants, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { SessionUser } from "@/lib/auth/session-user";
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

const terms = await import("@/app/_terms/actions");
const filings = await import("@/app/_filings/actions");
const rulesRoute = await import("@/app/api/filings/[filingId]/rules/route");
const { loadSessionUser } = await import("@/lib/auth/session-user");
const { canHoldReviewRound } = await import("@/lib/filings/can-hold");
const { getCommitteeMemberView } = await import("@/lib/terms/queries");
const { countFilingWork, listExaminerQueue } = await import("@/lib/filings/queries");

const SAME = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" };
let t: TestDb;
const u: Record<string, string> = {};
let gzuOrg: string;
let committee004: string;
let pool: { id: string; userId: string; name: string }[];

async function actAs(userId: string, grantId?: string) {
  const [row] = await t.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, userId));
  session.current = await loadSessionUser(t.db, { id: userId, sessionVersion: row.sv, grantId });
  return session.current!;
}

/** 25 (or n) members of 贵州大学's pool: the first is 主任委员, the next two 副主任委员. */
function memberList(n: number, offset = 0) {
  return pool.slice(offset, offset + n).map((p, i) => ({ poolMemberId: p.id, position: i === 0 ? ("chair" as const) : i < 3 ? ("vice_chair" as const) : ("member" as const), panelLeader: false }));
}

async function lastAudit(action: string) {
  const [row] = await t.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.chainSeq)).limit(1);
  return row;
}

async function committeeGrants(termId: string) {
  return t.db
    .select({ userId: roleGrants.userId, position: roleGrants.position, status: roleGrants.status })
    .from(roleGrants)
    .where(and(eq(roleGrants.role, "committee_member"), eq(roleGrants.termId, termId)));
}

const upload = (filingId: string, body: Buffer) =>
  rulesRoute.POST(
    new Request(`http://localhost:3000/api/filings/${filingId}/rules?name=办法.pdf`, { method: "POST", body: new Uint8Array(body), headers: { ...SAME, "content-type": "application/pdf" } }),
    { params: Promise.resolve({ filingId }) },
  );
const PDF = Buffer.from("%PDF-1.7\n%%EOF\n");

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_selfunit", "demo_dept", "demo_edu", "demo_hrss", "demo_province", "demo_zjc", "demo_expert"]) {
    const [row] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, name));
    u[name] = row.id;
    if (name === "demo_selfunit") gzuOrg = row.orgId!;
  }
  [{ id: committee004 }] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  const rows = await t.db
    .select({ id: expertPoolMembers.id, userId: expertPoolMembers.userId, name: expertPoolMembers.invitedName })
    .from(expertPoolMembers)
    .where(and(eq(expertPoolMembers.orgId, gzuOrg), eq(expertPoolMembers.series, "高校教师"), eq(expertPoolMembers.status, "active"), ne(expertPoolMembers.userId, u.demo_expert)))
    .orderBy(asc(expertPoolMembers.idNumber));
  pool = rows.map((r) => ({ ...r, userId: r.userId! }));
}, 120_000);
afterAll(() => t?.close());

describe("composing a term", () => {
  let termId: string;
  let version: number;

  it("the forming organisation composes a 25-member term from its pool; the 主任 and 副主任 get 评委会成员 grants", async () => {
    await actAs(u.demo_selfunit);
    const res = await terms.saveTermAction({ committeeId: committee004, startDate: "2030-01-01", endDate: "2032-12-31", scope: "series", members: memberList(25) });
    expect(res).toMatchObject({ ok: true, message: "已保存本届成员（25人）" });
    if (!res.ok) return;
    ({ termId, version } = res.data);
    expect(await t.db.$count(committeeTermMembers, eq(committeeTermMembers.termId, termId))).toBe(25);
    const grants = await committeeGrants(termId);
    expect(grants).toHaveLength(3);
    expect(grants.find((g) => g.userId === pool[0].userId)).toMatchObject({ position: "主任委员", status: "active" });
    expect((await lastAudit("committee_term.save")).outcome).toBe("success");
  });

  it("a list of 24 is refused with the broken rules, and the saved term stays as it was", async () => {
    await actAs(u.demo_selfunit);
    const res = await terms.saveTermAction({ committeeId: committee004, termId, version, startDate: "2030-01-01", endDate: "2032-12-31", scope: "series", members: memberList(24) });
    expect(res).toMatchObject({ ok: false, message: "委员人数须为单数，当前为24人；高级评委会按系列组建至少25人，当前为24人" });
    expect(await t.db.$count(committeeTermMembers, eq(committeeTermMembers.termId, termId))).toBe(25);
    const [term] = await t.db.select().from(committeeTerms).where(eq(committeeTerms.id, termId));
    expect(term.version).toBe(version);
  });

  it("two 主任委员 are refused; a term longer than 3 years is refused", async () => {
    await actAs(u.demo_selfunit);
    const two = memberList(25).map((m, i) => (i === 1 ? { ...m, position: "chair" as const } : m));
    expect(await terms.saveTermAction({ committeeId: committee004, termId, version, startDate: "2030-01-01", endDate: "2032-12-31", scope: "series", members: two })).toMatchObject({
      ok: false,
      message: "须有且仅有一名主任委员，当前为2名",
    });
    expect(await terms.saveTermAction({ committeeId: committee004, termId, version, startDate: "2030-01-01", endDate: "2033-01-01", scope: "series", members: memberList(25) })).toMatchObject({
      ok: false,
      fieldErrors: { endDate: "任期不能超过3年（最晚至2032-12-31）" },
    });
  });

  it("another organisation cannot compose a term for 贵州大学's committee", async () => {
    await actAs(u.demo_dept);
    expect(await terms.saveTermAction({ committeeId: committee004, startDate: "2030-01-01", endDate: "2032-12-31", scope: "series", members: memberList(25) })).toMatchObject({
      ok: false,
      message: "该评委会不属于您的单位",
    });
  });

  it("replacing the 主任 revokes the old 主任's grant and grants the new one", async () => {
    await actAs(u.demo_selfunit);
    const list = memberList(25, 1);
    const res = await terms.saveTermAction({ committeeId: committee004, termId, version, startDate: "2030-01-01", endDate: "2032-12-31", scope: "series", members: list });
    expect(res.ok).toBe(true);
    const grants = await committeeGrants(termId);
    expect(grants.find((g) => g.userId === pool[0].userId)).toMatchObject({ status: "revoked" });
    expect(grants.find((g) => g.userId === pool[1].userId && g.status === "active")).toMatchObject({ position: "主任委员" });
    expect(grants.filter((g) => g.status === "active")).toHaveLength(3);
  });

  it("the 主任's /committee view shows the committee, the term and its members without ID numbers", async () => {
    const [grant] = await t.db.select({ id: roleGrants.id }).from(roleGrants).where(and(eq(roleGrants.userId, pool[1].userId), eq(roleGrants.termId, termId), eq(roleGrants.status, "active")));
    const user = await actAs(pool[1].userId, grant.id);
    expect(user.role).toBe("committee_member");
    const view = await getCommitteeMemberView(t.db, user);
    expect(view?.committee.code).toBe("004");
    expect(view?.term?.id).toBe(termId);
    expect(view?.members).toHaveLength(25);
    expect(view?.members[0]).toMatchObject({ name: pool[1].name, positionLabel: "主任委员" });
    expect(JSON.stringify(view)).not.toMatch(/idNumber|520102/);
  });
});

describe("filing and its examination chain", () => {
  let termId: string;
  let filingId: string;

  async function composeAndFile(start: string, end: string) {
    await actAs(u.demo_selfunit);
    const term = await terms.saveTermAction({ committeeId: committee004, startDate: start, endDate: end, scope: "series", members: memberList(25, 2) });
    if (!term.ok) throw new Error(term.message);
    const draft = await filings.saveFilingAction({ termId: term.data.termId, specialties: "高校教师各专业", scope: "series", validFrom: start, validTo: end });
    if (!draft.ok) throw new Error(draft.message);
    return { termId: term.data.termId, filingId: draft.data.filingId, version: draft.data.version };
  }

  it("the 评审办法 must be a PDF by content; a filing without it cannot be submitted", async () => {
    const f = await composeAndFile("2033-01-01", "2035-12-31");
    ({ termId, filingId } = f);
    expect(await filings.submitFilingAction({ filingId, version: f.version })).toMatchObject({ ok: false, message: "请先上传评审办法（PDF）" });
    const bad = await upload(filingId, Buffer.from("PK\x03\x04 not a pdf"));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toBe("评审办法须为 PDF 文件（按文件内容识别），请重新选择");
    expect((await upload(filingId, Buffer.alloc(10 * 1024 * 1024 + 1, 0x25))).status).toBe(413);
    expect((await upload(filingId, PDF)).status).toBe(200);
    expect(await filings.saveFilingAction({ termId, specialties: "再来一份", scope: "series", validFrom: "2033-01-01", validTo: "2035-12-31" })).toMatchObject({
      ok: false,
      message: "该届已有备案，请在原备案上修改后报送",
    });
  });

  it("submitting routes 贵州大学's 高级 filing to 贵州省教育厅, then the 省人社厅, and freezes the member list", async () => {
    await actAs(u.demo_selfunit);
    const [f] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.id, filingId));
    expect(await filings.submitFilingAction({ filingId, version: f.version })).toMatchObject({ ok: true, message: "已报送备案" });
    const [row] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.id, filingId));
    const [edu] = await t.db.select({ orgId: users.orgId }).from(users).where(eq(users.id, u.demo_edu));
    const [prov] = await t.db.select({ orgId: users.orgId }).from(users).where(eq(users.id, u.demo_province));
    expect(row).toMatchObject({ status: "submitted", deptExaminerOrgId: edu.orgId, hrssExaminerOrgId: prov.orgId });
    expect(row.members).toHaveLength(25);
    expect(row.members[0]).toMatchObject({ position: "主任委员", name: pool[2].name });
    const [term] = await t.db.select().from(committeeTerms).where(eq(committeeTerms.id, termId));
    expect(term.status).toBe("filed");
  });

  it("examiners of another organisation are told the filing does not exist; the 省人社厅 waits for the 主管部门", async () => {
    const [f] = await t.db.select({ version: committeeFilings.version }).from(committeeFilings).where(eq(committeeFilings.id, filingId));
    for (const who of [u.demo_dept, u.demo_hrss]) {
      await actAs(who);
      expect(await filings.approveFilingAction({ filingId, version: f.version })).toMatchObject({ ok: false, message: "备案不存在" });
      const dl = await rulesRoute.GET(new Request(`http://localhost:3000/api/filings/${filingId}/rules`, { headers: SAME }), { params: Promise.resolve({ filingId }) });
      expect(dl.status).toBe(404);
    }
    expect((await lastAudit("filing.approve")).outcome).toBe("denied");
    await actAs(u.demo_province);
    expect(await filings.approveFilingAction({ filingId, version: f.version })).toMatchObject({ ok: false, message: "该备案的状态已变化，请刷新后重试" });
  });

  it("the 主管部门 approves; of two concurrent approvals by the 省人社厅 exactly one wins", async () => {
    await actAs(u.demo_edu);
    let [f] = await t.db.select({ version: committeeFilings.version }).from(committeeFilings).where(eq(committeeFilings.id, filingId));
    const queue = await listExaminerQueue(t.db, session.current!, { status: "submitted" }, 1);
    expect(queue.rows.map((r) => r.id)).toContain(filingId);
    expect(await filings.approveFilingAction({ filingId, version: f.version })).toMatchObject({ ok: true, message: "审核通过，已转人社部门审核" });
    [f] = await t.db.select({ version: committeeFilings.version }).from(committeeFilings).where(eq(committeeFilings.id, filingId));
    await actAs(u.demo_province);
    const results = await Promise.all([filings.approveFilingAction({ filingId, version: f.version }), filings.approveFilingAction({ filingId, version: f.version })]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ message: "该备案的状态已变化，请刷新后重试" });
    const [row] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.id, filingId));
    expect(row).toMatchObject({ status: "approved", approvedBy: u.demo_province });
    const [term] = await t.db.select().from(committeeTerms).where(eq(committeeTerms.id, termId));
    expect(term.status).toBe("active");
    expect((await lastAudit("filing.approve")).outcome).toBe("failure");
  });

  it("canHoldReviewRound: true from valid_from through valid_to, false the day before and the day after", async () => {
    expect(await canHoldReviewRound(t.db, committee004, "2032-12-31")).toBe(false);
    expect(await canHoldReviewRound(t.db, committee004, "2033-01-01")).toBe(true);
    expect(await canHoldReviewRound(t.db, committee004, "2035-12-31")).toBe(true);
    expect(await canHoldReviewRound(t.db, committee004, "2036-01-01")).toBe(false);
    expect(await canHoldReviewRound(t.db, committee004, "2040-06-01")).toBe(false);
  });

  it("the filer and the examiners are warned from 90 days before valid_to, not earlier and not after", async () => {
    const at = (day: string) => new Date(`${day}T12:00:00+08:00`);
    const filer = await actAs(u.demo_selfunit);
    expect((await countFilingWork(t.db, filer, at("2035-10-02"))).ownExpiring).toBe(1);
    expect((await countFilingWork(t.db, filer, at("2035-10-01"))).ownExpiring).toBe(0);
    expect((await countFilingWork(t.db, filer, at("2036-01-01"))).ownExpiring).toBe(0);
    const edu = await actAs(u.demo_edu);
    expect((await countFilingWork(t.db, edu, at("2035-12-31"))).examinedExpiring).toBe(1);
    const province = await actAs(u.demo_province);
    expect((await countFilingWork(t.db, province, at("2035-12-31"))).examinedExpiring).toBe(1);
  });

  it("a return needs a reason and sends the filing back to draft with it; the term is a draft again", async () => {
    const f = await composeAndFile("2036-01-01", "2038-12-31");
    expect((await upload(f.filingId, PDF)).status).toBe(200);
    const [d] = await t.db.select({ version: committeeFilings.version }).from(committeeFilings).where(eq(committeeFilings.id, f.filingId));
    expect((await filings.submitFilingAction({ filingId: f.filingId, version: d.version })).ok).toBe(true);
    const [s] = await t.db.select({ version: committeeFilings.version }).from(committeeFilings).where(eq(committeeFilings.id, f.filingId));
    await actAs(u.demo_edu);
    expect(await filings.returnFilingAction({ filingId: f.filingId, version: s.version, reason: "" })).toMatchObject({ ok: false, fieldErrors: { reason: "请填写退回理由（至少2个字）" } });
    expect(await filings.returnFilingAction({ filingId: f.filingId, version: s.version, reason: "评审办法未盖章" })).toMatchObject({ ok: true });
    const [row] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.id, f.filingId));
    expect(row).toMatchObject({ status: "draft", returnReason: "评审办法未盖章" });
    const [term] = await t.db.select().from(committeeTerms).where(eq(committeeTerms.id, f.termId));
    expect(term.status).toBe("draft");
    expect(await lastAudit("filing.return")).toMatchObject({ outcome: "success", detail: { reason: "评审办法未盖章" } });
    expect(await canHoldReviewRound(t.db, committee004, "2037-01-01")).toBe(false);
  });
});
