/**
 * Authorization of evaluation part 1 (专家库, committee terms, 评审权备案, the expert's profile and 回避声明,
 * the /committee view) as ONE table: every action and page-level query × the seven roles (the 人社部门
 * twice: at a 市州 and at the province) × the organisation the target record belongs to, seen from the
 * actor's organisation.
 *
 * Each cell prepares a fresh target in the state in which its rightful actor would succeed, then calls
 * the REAL server action, route handler, or the page's guard + query as the actor (the session comes
 * from a mocked Auth.js `auth()`, everything after it — loadSessionUser, requireRolePage, protectedAction,
 * protectedRoute — is the real code). An allowed write must succeed and change the data; a refused one
 * must fail, change nothing (a fingerprint of every table these actions write) and leave one 'denied'
 * audit row. A page query is allowed when the target shows, refused when the guard redirects, the page
 * answers 404, or the target is absent.
 */
import { and, count, eq, sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditLog,
  committeeFilings,
  committees,
  committeeTermMembers,
  committeeTerms,
  expertConflicts,
  expertPoolMembers,
  orgs,
  roleGrants,
  users,
} from "@/db/schema";
import type { FilingStatus } from "@/db/schema/enums";
import { executeRows } from "@/db/raw";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Role } from "@/lib/roles";
import { personName, residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

const claims = vi.hoisted(() => ({ current: null as null | { id: string; sessionVersion: number; grantId?: string } }));
vi.mock("@/auth", () => ({ auth: async () => (claims.current ? { user: claims.current } : null), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-forwarded-for": "203.0.113.9" }) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));

const poolActions = await import("@/app/_expert-pool/actions");
const expertActions = await import("@/app/(expert)/expert/actions");
const termActions = await import("@/app/_terms/actions");
const filingActions = await import("@/app/_filings/actions");
const importRoute = await import("@/app/api/expert-pool/import/route");
const rulesRoute = await import("@/app/api/filings/[filingId]/rules/route");
const { POOL_AREAS_BY_KEY } = await import("@/app/_expert-pool/pool-areas");
const { EXAMINER_AREAS_BY_KEY, FILING_AREAS_BY_KEY } = await import("@/app/_terms/term-areas");
const { requireRolePage } = await import("@/lib/auth/session");
const { loadSessionUser } = await import("@/lib/auth/session-user");
const { assertPoolOrg } = await import("@/lib/experts/access");
const { listInvitationsForUser, listPoolMembers } = await import("@/lib/experts/pool-queries");
const { getExpertProfile, listConflicts } = await import("@/lib/experts/profile");
const { loadExaminedFiling, loadOwnFiling } = await import("@/lib/filings/filings");
const { countFilingWork, listExaminerQueue, listOwnFilings } = await import("@/lib/filings/queries");
const { routeFiling } = await import("@/lib/filings/routing");
const { getCommitteeMemberView, listOwnCommitteeTerms } = await import("@/lib/terms/queries");
const { loadOwnedTerm } = await import("@/lib/terms/terms");

// ─── The organisations ──────────────────────────────────────────────────────────────────────────────
//
//   P  省人社厅 (province)
//   ├── hA 市州人社局 A ── dA 主管部门 ── sA 自主评审单位 (supervised by dA)
//   │                   │             └─ sA2 自主评审单位 (supervised by dA: sA's sibling)
//   │                   └─ dA2 主管部门 (dA's sibling)
//   └── hB 市州人社局 B ── dB 主管部门 ── sB 自主评审单位      (region B)
//
// Every organisation forms one committee (中级, so its 人社部门 examiner is its region's) and
// keeps a pool of seven experts of its own.
type OrgKey = "P" | "hA" | "hB" | "dA" | "dA2" | "dB" | "sA" | "sA2" | "sB";
type Relation = "own" | "child" | "sibling" | "other_region";
const RELATIONS: readonly Relation[] = ["own", "child", "sibling", "other_region"];
const ROLES: readonly Role[] = ["person", "unit", "dept", "self_unit", "hrss", "expert", "committee_member"];
/** The seven roles, and the 人社部门 once more at the province (whose child is a 市州). */
const ACTORS = [...ROLES, "hrss_province"] as const;
type ActorKey = (typeof ACTORS)[number];
const roleOf = (a: ActorKey): Role => (a === "hrss_province" ? "hrss" : a);

/**
 * Whose record a cell targets: the organisation at that relation to the actor's organisation.
 * - dept (at dA): child = sA, the unit it supervises; sibling = dA2; another region = dB.
 * - hrss (at 市州 hA): child = dA, a 主管部门 under it; sibling = hB; another region = dB.
 * - hrss_province (an hrss account at P): child = hA, a 市州 under the province; the province has no
 *   sibling and no other region.
 * - self_unit, unit, expert, committee_member all act at sA (the unit and expert accounts on purpose
 *   at the very organisation whose records they try: only the role differs); a unit has no child
 *   organisation, so these roles have no `child` column. The person holds no organisation: its columns
 *   name the same organisations (the pools whose invitations it answers).
 */
const TARGET: Record<ActorKey, Partial<Record<Relation, OrgKey>>> = {
  person: { own: "sA", sibling: "sA2", other_region: "sB" },
  unit: { own: "sA", sibling: "sA2", other_region: "sB" },
  dept: { own: "dA", child: "sA", sibling: "dA2", other_region: "dB" },
  self_unit: { own: "sA", sibling: "sA2", other_region: "sB" },
  hrss: { own: "hA", child: "dA", sibling: "hB", other_region: "dB" },
  hrss_province: { own: "P", child: "hA" },
  expert: { own: "sA", sibling: "sA2", other_region: "sB" },
  committee_member: { own: "sA", sibling: "sA2", other_region: "sB" },
};

// ─── The table ──────────────────────────────────────────────────────────────────────────────────────
//
// One string per action and actor, one letter per relation in the order own · child · sibling · other
// region: a = allowed, d = refused, - = no such cell (no child organisation, the province's sibling or
// other region, or an action whose target is implicitly the actor's own: inviting into one's own pool,
// one's own profile).
type Cells = Record<ActorKey, string>;
const FORMING_OWN: Cells = { person: "d-dd", unit: "d-dd", dept: "addd", self_unit: "a-dd", hrss: "addd", hrss_province: "ad--", expert: "d-dd", committee_member: "d-dd" };
const ONLY_OWN = (allowed: readonly Role[]): Cells =>
  Object.fromEntries(ACTORS.map((a) => [a, allowed.includes(roleOf(a)) ? "a---" : "d---"])) as Cells;
/** The province's own committees have no examiner but the 专技处: an ordinary 省人社厅 account cannot approve them. */
const EXAMINER: Cells = { person: "d-dd", unit: "d-dd", dept: "dadd", self_unit: "d-dd", hrss: "dadd", hrss_province: "da--", expert: "d-dd", committee_member: "d-dd" };
/** Invitations name the actor: the person or expert answers one from any pool; the other roles cannot. */
const INVITEE: Cells = { person: "a-aa", unit: "d-dd", dept: "dddd", self_unit: "d-dd", hrss: "dddd", hrss_province: "dd--", expert: "a-aa", committee_member: "d-dd" };

const MATRIX = {
  // 专家库 (pool of the acting organisation)
  "pool.invite": ONLY_OWN(["dept", "self_unit", "hrss"]),
  "pool.import": ONLY_OWN(["dept", "self_unit", "hrss"]),
  "pool.suspend": FORMING_OWN,
  "pool.remove": FORMING_OWN,
  "pool.reinstate": FORMING_OWN,
  "pool.list (page)": FORMING_OWN,
  // 专家库邀请 (addressed to the actor by the target organisation)
  "invitation.accept": INVITEE,
  "invitation.decline": INVITEE,
  "invitations (home card)": INVITEE,
  // The expert's own data; 回避声明 removal and view target an entry of an expert of the target pool
  // (own: the actor's own entry).
  "expert.profile.save": ONLY_OWN(["expert"]),
  "expert.profile (page)": ONLY_OWN(["expert"]),
  "expert.conflict.add": ONLY_OWN(["expert"]),
  "expert.conflict.remove": { person: "d-dd", unit: "d-dd", dept: "dddd", self_unit: "d-dd", hrss: "dddd", hrss_province: "dd--", expert: "a-dd", committee_member: "d-dd" },
  "expert.conflicts (page)": { person: "d-dd", unit: "d-dd", dept: "dddd", self_unit: "d-dd", hrss: "dddd", hrss_province: "dd--", expert: "a-dd", committee_member: "d-dd" },
  // Committee terms and 评审权备案 of the target organisation's committee
  "term.save": FORMING_OWN,
  "term (page)": FORMING_OWN,
  "filings home (page)": FORMING_OWN,
  "filing.save": FORMING_OWN,
  "filing.upload_rules (route)": FORMING_OWN,
  "filing.submit": FORMING_OWN,
  "filing (filer page)": FORMING_OWN,
  // Examination: the 主管部门 of a unit, then the region's 人社部门 (dept and hrss: their `child`).
  "filing.approve": EXAMINER,
  "filing.return": EXAMINER,
  "filing queue (examiner page)": EXAMINER,
  "filing (examiner page)": EXAMINER,
  // 评审办法 download: the filer and the filing's examiners.
  "filing.rules_pdf (route)": { person: "d-dd", unit: "d-dd", dept: "aadd", self_unit: "a-dd", hrss: "aadd", hrss_province: "aa--", expert: "d-dd", committee_member: "d-dd" },
  // /committee: the committee of the 评委会成员 grant (the actor is 主任 of sA's committee).
  "committee view (page)": { person: "d-dd", unit: "d-dd", dept: "dddd", self_unit: "d-dd", hrss: "dddd", hrss_province: "dd--", expert: "d-dd", committee_member: "a-dd" },
} as const satisfies Record<string, Cells>;
type Action = keyof typeof MATRIX;

// ─── Fixtures ───────────────────────────────────────────────────────────────────────────────────────

const SERIES = "高校教师";
const PDF = Buffer.from("%PDF-1.7\n%%EOF\n");
const SAME = { origin: "http://localhost:3000", "sec-fetch-site": "same-origin" };

let t: TestDb;
const org = {} as Record<OrgKey, { id: string; kind: "hrss" | "dept" | "unit"; parentId: string | null; supervisorId: string | null }>;
const committeeOf = {} as Record<OrgKey, string>;
/** Seven active experts of each organisation's pool (pool row id, user id). */
const poolOf = {} as Record<OrgKey, { id: string; userId: string }[]>;
const actor = {} as Record<ActorKey, { id: string; name: string; idNumber: string; grantId?: string }>;
let seq = 0;

async function insertOrgs() {
  const mk = async (key: OrgKey, v: typeof orgs.$inferInsert) => {
    const [row] = await t.db.insert(orgs).values(v).returning();
    org[key] = { id: row.id, kind: row.kind, parentId: row.parentId, supervisorId: row.supervisorId };
  };
  await mk("P", { name: "矩阵省人社厅", kind: "hrss", level: "province", regionCode: "520000" });
  await mk("hA", { name: "矩阵A市人社局", kind: "hrss", level: "city", regionCode: "520100", parentId: org.P.id });
  await mk("hB", { name: "矩阵B市人社局", kind: "hrss", level: "city", regionCode: "520300", parentId: org.P.id });
  await mk("dA", { name: "矩阵A教育局", kind: "dept", regionCode: "520100", parentId: org.hA.id });
  await mk("dA2", { name: "矩阵A卫健局", kind: "dept", regionCode: "520100", parentId: org.hA.id });
  await mk("dB", { name: "矩阵B教育局", kind: "dept", regionCode: "520300", parentId: org.hB.id });
  await mk("sA", { name: "矩阵A学院", kind: "unit", selfEvaluating: true, regionCode: "520100", parentId: org.hA.id, supervisorId: org.dA.id });
  await mk("sA2", { name: "矩阵A职院", kind: "unit", selfEvaluating: true, regionCode: "520100", parentId: org.hA.id, supervisorId: org.dA.id });
  await mk("sB", { name: "矩阵B学院", kind: "unit", selfEvaluating: true, regionCode: "520300", parentId: org.hB.id, supervisorId: org.dB.id });
}

async function newUser(role: Role, orgId: string | null) {
  const n = 70_000 + seq++;
  const [u] = await t.db
    .insert(users)
    .values({ role, orgId, name: personName(n), idType: "resident", idNumber: residentId(n), phone: "13900000000", passwordHash: "x" })
    .returning({ id: users.id, name: users.name, idNumber: users.idNumber });
  return { id: u.id, name: u.name, idNumber: u.idNumber! };
}

async function insertPoolsAndCommittees() {
  let code = 900;
  for (const key of ["P", "hA", "hB", "dA", "dA2", "dB", "sA", "sA2", "sB"] as const) {
    const [c] = await t.db
      .insert(committees)
      .values({ name: `${key}中级评委会`, code: String(code++), series: SERIES, levelFrom: "intermediate", levelTo: "intermediate", formingOrgId: org[key].id })
      .returning({ id: committees.id });
    committeeOf[key] = c.id;
    poolOf[key] = [];
    for (let i = 0; i < 7; i++) {
      const u = await newUser("expert", org[key].id);
      const [m] = await t.db
        .insert(expertPoolMembers)
        .values({ orgId: org[key].id, userId: u.id, invitedName: u.name, idType: "resident", idNumber: u.idNumber, invitedPhone: "13900000000", title: "教授", series: SERIES, specialty: "化学", level: "senior_full", workUnit: "矩阵大学", status: "active" })
        .returning({ id: expertPoolMembers.id });
      poolOf[key].push({ id: m.id, userId: u.id });
    }
  }
}

const termMembers = (key: OrgKey) =>
  poolOf[key].map((p, i) => ({ poolMemberId: p.id, position: i === 0 ? ("chair" as const) : i < 3 ? ("vice_chair" as const) : ("member" as const), panelLeader: false }));

/** A draft (or given-state) term of `key`'s committee with its seven experts. */
async function makeTerm(key: OrgKey, status: "draft" | "filed" | "active" = "draft") {
  const [term] = await t.db
    .insert(committeeTerms)
    .values({ committeeId: committeeOf[key], startDate: "2030-01-01", endDate: "2032-12-31", status })
    .returning({ id: committeeTerms.id });
  await t.db.insert(committeeTermMembers).values(termMembers(key).map((m, i) => ({ termId: term.id, poolMemberId: m.poolMemberId, userId: poolOf[key][i].userId, position: m.position })));
  return term.id;
}

/**
 * A filing of `key`'s committee in `status`; submitted ones carry the examiners lib/filings/routing.ts
 * gives them and the 评审办法.
 */
async function makeFiling(key: OrgKey, status: FilingStatus, opts: { pdf?: boolean } = {}) {
  const termId = await makeTerm(key, status === "draft" ? "draft" : status === "approved" ? "active" : "filed");
  const submitted = status !== "draft";
  const route = submitted ? routeFiling(org[key], "intermediate", "intermediate", org.P.id) : { deptOrgId: null, hrssOrgId: null };
  const [f] = await t.db
    .insert(committeeFilings)
    .values({
      committeeId: committeeOf[key], termId, formingOrgId: org[key].id, series: SERIES, specialties: "化学", levelFrom: "intermediate", levelTo: "intermediate",
      scope: "specialty", validFrom: "2030-01-01", validTo: "2032-12-31", status,
      rulesPdf: opts.pdf || submitted ? PDF : null, rulesPdfName: "办法.pdf",
      deptExaminerOrgId: route.deptOrgId, hrssExaminerOrgId: route.hrssOrgId, submittedAt: submitted ? new Date() : null,
      deptApprovedAt: status === "dept_approved" ? new Date() : null,
    })
    .returning({ id: committeeFilings.id, version: committeeFilings.version, termId: committeeFilings.termId });
  return f;
}

/** The state a filing waits in for an examiner of `role`: a unit's filing reaches the 人社部门 once its 主管部门 approved. */
function examinerStageFor(a: ActorKey, key: OrgKey): FilingStatus {
  return org[key].kind === "unit" && roleOf(a) !== "dept" ? "dept_approved" : "submitted";
}

/** An invitation from `key`'s pool naming the actor (an earlier one of the same pool is set aside first). */
async function makeInvitation(key: OrgKey, role: ActorKey) {
  const a = actor[role];
  await t.db
    .update(expertPoolMembers)
    .set({ status: "removed" })
    .where(and(eq(expertPoolMembers.orgId, org[key].id), eq(expertPoolMembers.idNumber, a.idNumber)));
  const [m] = await t.db
    .insert(expertPoolMembers)
    .values({ orgId: org[key].id, invitedName: a.name, idType: "resident", idNumber: a.idNumber, invitedPhone: "13900000000", title: "教授", series: SERIES, specialty: "化学", level: "senior_full", workUnit: "矩阵大学" })
    .returning({ id: expertPoolMembers.id });
  return m.id;
}

/** A pool member of `key` in `status`, bound to a fresh expert account (so suspending revokes a grant). */
async function makeMember(key: OrgKey, status: "active" | "suspended") {
  const u = await newUser("person", null);
  const [m] = await t.db
    .insert(expertPoolMembers)
    .values({ orgId: org[key].id, userId: u.id, invitedName: u.name, idType: "resident", idNumber: u.idNumber, invitedPhone: "13900000000", title: "教授", series: SERIES, specialty: "化学", level: "senior_full", workUnit: "矩阵大学", status })
    .returning({ id: expertPoolMembers.id, version: expertPoolMembers.version, name: expertPoolMembers.invitedName });
  if (status === "active") await t.db.insert(roleGrants).values({ userId: u.id, role: "expert", orgId: org[key].id });
  return m;
}

/** A 回避声明 entry: the actor's own (`own`) or one of an expert of `key`'s pool. */
async function makeConflict(relation: Relation, role: ActorKey, key: OrgKey) {
  const userId = relation === "own" ? actor[role].id : poolOf[key][0].userId;
  const [c] = await t.db
    .insert(expertConflicts)
    .values({ userId, kind: "unit", unitName: `矩阵回避单位${seq++}`, relation: "same_unit" })
    .returning({ id: expertConflicts.id });
  return c.id;
}

async function insertActors() {
  const home: Record<ActorKey, OrgKey | null> = { person: null, unit: "sA", dept: "dA", self_unit: "sA", hrss: "hA", hrss_province: "P", expert: "sA", committee_member: "sA" };
  for (const a of ACTORS) {
    const key = home[a];
    actor[a] = await newUser(roleOf(a), key ? org[key].id : null);
  }
  // The expert is an active member of sA's pool; the 评委会成员 is 主任委员 of sA's active term.
  await t.db.insert(expertPoolMembers).values({
    orgId: org.sA.id, userId: actor.expert.id, invitedName: actor.expert.name, idType: "resident", idNumber: actor.expert.idNumber, invitedPhone: "13900000000",
    title: "教授", series: SERIES, specialty: "化学", level: "senior_full", workUnit: "矩阵大学", status: "active",
  });
  const termId = await makeTerm("sA", "active");
  await t.db
    .update(roleGrants)
    .set({ committeeId: committeeOf.sA, termId, position: "主任委员" })
    .where(and(eq(roleGrants.userId, actor.committee_member.id), eq(roleGrants.role, "committee_member")));
}

// ─── Acting, and what a refusal must leave behind ───────────────────────────────────────────────────

async function signIn(role: ActorKey): Promise<SessionUser> {
  const [u] = await t.db.select({ sv: users.sessionVersion }).from(users).where(eq(users.id, actor[role].id));
  claims.current = { id: actor[role].id, sessionVersion: u.sv };
  const user = await loadSessionUser(t.db, claims.current);
  if (!user || user.role !== roleOf(role)) throw new Error(`actor ${role} has no usable ${role} grant`);
  return user;
}

/** Everything these actions write, in one line: a refused call must leave it as it was. */
async function fingerprint(): Promise<string> {
  const [row] = await executeRows<Record<string, string>>(
    t.db,
    sql`select
      (select count(*) || '/' || coalesce(sum(version), 0) from expert_pool_members) as pool,
      (select count(*) || '/' || count(*) filter (where status = 'active') from role_grants) as grants,
      (select count(*) || '/' || coalesce(sum(version), 0) from committee_terms) as terms,
      (select count(*) from committee_term_members) as members,
      (select count(*) || '/' || coalesce(sum(version), 0) || '/' || count(rules_pdf) from committee_filings) as filings,
      (select count(*) || '/' || coalesce(max(updated_at)::text, '') from expert_profiles) as profiles,
      (select count(*) || '/' || count(removed_at) from expert_conflicts) as conflicts`,
  );
  return JSON.stringify(row);
}

async function deniedAudits(role: ActorKey, action: string): Promise<number> {
  const [{ n }] = await t.db
    .select({ n: count() })
    .from(auditLog)
    .where(and(eq(auditLog.actorId, actor[role].id), eq(auditLog.action, action), eq(auditLog.outcome, "denied")));
  return n;
}

/** next/navigation's redirect() and notFound() throw errors carrying a digest. */
function isNavigation(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return typeof digest === "string" && (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK"));
}

type Outcome = "allow" | "deny";
type Check = (role: ActorKey, relation: Relation, key: OrgKey) => Promise<Outcome>;

/**
 * A write: `prepare` builds the fresh target, `call` runs the real action or route. Allowed = it answered
 * ok and changed data; refused = it answered not-ok, changed nothing and wrote one 'denied' audit row.
 * Anything in between is reported as such, never silently passed.
 */
function write<P>(auditAction: string, prepare: (role: ActorKey, relation: Relation, key: OrgKey) => Promise<P>, call: (p: P, role: ActorKey, key: OrgKey) => Promise<boolean>): Check {
  return async (role, relation, key) => {
    const p = await prepare(role, relation, key);
    await signIn(role);
    const [before, deniedBefore] = [await fingerprint(), await deniedAudits(role, auditAction)];
    const ok = await call(p, role, key);
    const [after, deniedAfter] = [await fingerprint(), await deniedAudits(role, auditAction)];
    if (ok && after !== before) return "allow";
    if (!ok && after === before && deniedAfter === deniedBefore + 1) return "deny";
    throw new Error(`inconsistent: ok=${ok} changed=${after !== before} deniedRows=${deniedAfter - deniedBefore}`);
  };
}

/** A page: its guard and query as the page composes them; `visible` says whether the target shows. */
function page(visible: (user: SessionUser, role: ActorKey, relation: Relation, key: OrgKey) => Promise<boolean>): Check {
  return async (role, relation, key) => {
    const user = await signIn(role);
    try {
      return (await visible(user, role, relation, key)) ? "allow" : "deny";
    } catch (err) {
      if (isNavigation(err)) return "deny";
      throw err;
    }
  };
}

/** The roles of the area page the actor opens: its own area's when there is one, else the first (it is redirected). */
function areaRoles(areas: Record<string, { role: Role }>, actorKey: ActorKey): Role[] {
  const list = Object.values(areas);
  return [(list.find((a) => a.role === roleOf(actorKey)) ?? list[0]).role];
}

const ok = (r: { ok: boolean }) => r.ok;
const PROFILE = { title: "教授", series: SERIES, specialty: "分析化学", level: "senior_full", workUnit: "矩阵大学", department: "", phone: "13900000001", email: "" };

async function poolWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("专家库");
  ws.addRow(["姓名", "证件类型", "证件号码", "手机号码", "系列", "专业", "资格名称", "级别", "工作单位"]);
  const n = 80_000 + seq++;
  ws.addRow([personName(n), "居民身份证", residentId(n), "13800000001", SERIES, "化学", "副教授", "副高级", "矩阵大学"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const none = async () => undefined;

const CHECKS: Record<Action, Check> = {
  "pool.invite": write("expert_pool.invite", none, async () => {
    const n = 90_000 + seq++;
    return ok(await poolActions.inviteExpertAction({ ...PROFILE, name: personName(n), idType: "resident", idNumber: residentId(n), phone: "13900000002" }));
  }),
  "pool.import": write("expert_pool.import", poolWorkbook, async (file) => {
    const res = await importRoute.POST(new Request("http://localhost:3000/api/expert-pool/import", { method: "POST", body: new Uint8Array(file), headers: SAME }), { params: Promise.resolve({}) });
    return res.status === 200;
  }),
  "pool.suspend": write("expert_pool.suspend", (_r, _l, key) => makeMember(key, "active"), async (m) => ok(await poolActions.suspendMemberAction({ memberId: m.id, version: m.version, reason: "矩阵测试" }))),
  "pool.remove": write("expert_pool.remove", (_r, _l, key) => makeMember(key, "active"), async (m) => ok(await poolActions.removeMemberAction({ memberId: m.id, version: m.version, reason: "矩阵测试" }))),
  "pool.reinstate": write("expert_pool.reinstate", (_r, _l, key) => makeMember(key, "suspended"), async (m) => ok(await poolActions.reinstateMemberAction({ memberId: m.id, version: m.version }))),
  "pool.list (page)": page(async (_u, role, _l, key) => {
    const m = await makeMember(key, "active");
    const user = await requireRolePage(areaRoles(POOL_AREAS_BY_KEY, role));
    const { rows } = await listPoolMembers(t.db, assertPoolOrg(user), { q: m.name }, 1);
    return rows.some((r) => r.id === m.id);
  }),

  "invitation.accept": write("expert_pool.respond", (role, _l, key) => makeInvitation(key, role), async (memberId) => ok(await poolActions.respondInvitationAction({ memberId, accept: true }))),
  "invitation.decline": write("expert_pool.respond", (role, _l, key) => makeInvitation(key, role), async (memberId) => ok(await poolActions.respondInvitationAction({ memberId, accept: false }))),
  "invitations (home card)": page(async (user, role, _l, key) => {
    const memberId = await makeInvitation(key, role);
    // The person's and the expert's homes show the card.
    await requireRolePage(["person", "expert"]);
    return (await listInvitationsForUser(t.db, user.id)).some((i) => i.id === memberId);
  }),

  "expert.profile.save": write("expert.profile.save", none, async () => ok(await expertActions.saveExpertProfileAction({ ...PROFILE, specialty: `分析化学${seq++}` }))),
  "expert.profile (page)": page(async (user) => {
    await requireRolePage(["expert"]);
    return (await getExpertProfile(t.db, user.id)) !== null;
  }),
  "expert.conflict.add": write("expert.conflict.add", none, async () =>
    ok(await expertActions.addConflictAction({ kind: "unit", unitName: `矩阵新增回避${seq++}`, unitCreditCode: "", personName: "", personIdType: "resident", personIdNumber: "", relation: "same_unit", endDate: "" })),
  ),
  "expert.conflict.remove": write("expert.conflict.remove", (role, relation, key) => makeConflict(relation, role, key), async (conflictId) => ok(await expertActions.removeConflictAction({ conflictId }))),
  "expert.conflicts (page)": page(async (user, role, relation, key) => {
    const conflictId = await makeConflict(relation, role, key);
    await requireRolePage(["expert"]);
    return (await listConflicts(t.db, user.id)).some((c) => c.id === conflictId);
  }),

  "term.save": write("committee_term.save", none, async (_p, _role, key) =>
    ok(await termActions.saveTermAction({ committeeId: committeeOf[key], startDate: "2030-01-01", endDate: "2032-12-31", scope: "specialty", members: termMembers(key) })),
  ),
  "term (page)": page(async (_u, role, _l, key) => {
    const termId = await makeTerm(key);
    const user = await requireRolePage(areaRoles(FILING_AREAS_BY_KEY, role));
    return (await loadOwnedTerm(t.db, user, termId).catch(() => null)) !== null;
  }),
  "filings home (page)": page(async (_u, role, _l, key) => {
    const f = await makeFiling(key, "draft");
    const user = await requireRolePage(areaRoles(FILING_AREAS_BY_KEY, role));
    const terms = (await listOwnCommitteeTerms(t.db, user)).flatMap((x) => x.terms);
    const { rows: filings } = await listOwnFilings(t.db, user, {}, 1);
    const termShown = terms.some((x) => x.id === f.termId && x.hasFiling);
    const filingShown = filings.some((x) => x.id === f.id);
    if (termShown !== filingShown) throw new Error("the term and its filing disagree");
    return filingShown;
  }),
  "filing.save": write("filing.save", (_r, _l, key) => makeFiling(key, "draft"), async (f) =>
    ok(await filingActions.saveFilingAction({ termId: f.termId, filingId: f.id, version: f.version, specialties: "化学、物理", scope: "specialty", validFrom: "2030-01-01", validTo: "2032-12-31" })),
  ),
  "filing.upload_rules (route)": write("filing.attach_rules", (_r, _l, key) => makeFiling(key, "draft"), async (f) => {
    const res = await rulesRoute.POST(
      new Request(`http://localhost:3000/api/filings/${f.id}/rules?name=办法.pdf`, { method: "POST", body: new Uint8Array(PDF), headers: { ...SAME, "content-type": "application/pdf" } }),
      { params: Promise.resolve({ filingId: f.id }) },
    );
    return res.status === 200;
  }),
  "filing.submit": write("filing.submit", (_r, _l, key) => makeFiling(key, "draft", { pdf: true }), async (f) => ok(await filingActions.submitFilingAction({ filingId: f.id, version: f.version }))),
  "filing (filer page)": page(async (_u, role, _l, key) => {
    const f = await makeFiling(key, "submitted");
    const user = await requireRolePage(areaRoles(FILING_AREAS_BY_KEY, role));
    return (await loadOwnFiling(t.db, user, f.id).catch(() => null)) !== null;
  }),

  "filing.approve": write("filing.approve", (role, _l, key) => makeFiling(key, examinerStageFor(role, key)), async (f) => ok(await filingActions.approveFilingAction({ filingId: f.id, version: f.version }))),
  "filing.return": write("filing.return", (role, _l, key) => makeFiling(key, examinerStageFor(role, key)), async (f) =>
    ok(await filingActions.returnFilingAction({ filingId: f.id, version: f.version, reason: "材料不全" })),
  ),
  "filing queue (examiner page)": page(async (_u, role, _l, key) => {
    const f = await makeFiling(key, examinerStageFor(role, key));
    const user = await requireRolePage(areaRoles(EXAMINER_AREAS_BY_KEY, role));
    const [{ name }] = await t.db.select({ name: committees.name }).from(committees).where(eq(committees.id, committeeOf[key]));
    const { rows } = await listExaminerQueue(t.db, user, { q: name }, 1);
    return rows.some((r) => r.id === f.id);
  }),
  "filing (examiner page)": page(async (_u, role, _l, key) => {
    const f = await makeFiling(key, examinerStageFor(role, key));
    const user = await requireRolePage(areaRoles(EXAMINER_AREAS_BY_KEY, role));
    return (await loadExaminedFiling(t.db, user, f.id).catch(() => null)) !== null;
  }),
  "filing.rules_pdf (route)": async (role, _relation, key) => {
    const f = await makeFiling(key, examinerStageFor(role, key));
    await signIn(role);
    const deniedBefore = await deniedAudits(role, "filing.download_rules");
    const res = await rulesRoute.GET(new Request(`http://localhost:3000/api/filings/${f.id}/rules`, { headers: SAME }), { params: Promise.resolve({ filingId: f.id }) });
    const deniedRows = (await deniedAudits(role, "filing.download_rules")) - deniedBefore;
    if (res.status === 200 && deniedRows === 0 && Buffer.from(await res.arrayBuffer()).equals(PDF)) return "allow";
    if ((res.status === 403 || res.status === 404) && deniedRows === 1) return "deny";
    throw new Error(`inconsistent: status ${res.status}, deniedRows ${deniedRows}`);
  },

  "committee view (page)": page(async (_u, _r, _l, key) => {
    const user = await requireRolePage(["committee_member"]);
    const view = await getCommitteeMemberView(t.db, user);
    return view !== null && view.committee.id === committeeOf[key];
  }),
};

beforeAll(async () => {
  t = await useTestDb();
  await insertOrgs();
  await insertPoolsAndCommittees();
  await insertActors();
}, 120_000);
afterAll(() => t?.close());

describe("evaluation part 1: the authorization matrix", () => {
  it("the table covers every role and relation of every action", () => {
    for (const [action, cells] of Object.entries(MATRIX)) {
      expect(Object.keys(cells).sort(), action).toEqual([...ACTORS].sort());
      for (const role of ACTORS) {
        expect(cells[role], `${action} × ${role}`).toMatch(/^[ad-]{4}$/);
        RELATIONS.forEach((rel, i) => {
          if (cells[role][i] !== "-" && !TARGET[role][rel]) throw new Error(`${action} × ${role}: no ${rel} organisation`);
        });
      }
    }
  });

  for (const action of Object.keys(MATRIX) as Action[]) {
    it(action, async () => {
      const mismatches: string[] = [];
      for (const role of ACTORS) {
        for (const [i, relation] of RELATIONS.entries()) {
          const cell = MATRIX[action][role][i];
          if (cell === "-") continue;
          const key = TARGET[role][relation]!;
          const expected: Outcome = cell === "a" ? "allow" : "deny";
          let got: string;
          try {
            got = await CHECKS[action](role, relation, key);
          } catch (err) {
            got = `error: ${err instanceof Error ? err.message : String(err)}`;
          }
          if (got !== expected) mismatches.push(`${role} × ${relation} (${key}): expected ${expected}, got ${got}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }

  // The unit, expert and 评委会成员 grants above name sA itself: the filer's queries must not rely on the
  // page guard alone to keep sA's filings from them.
  it("the filer's queries answer nothing to a grant on the forming organisation that does not form committees", async () => {
    const f = await makeFiling("sA", "approved");
    const soon = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await t.db.update(committeeFilings).set({ validFrom: "2026-01-01", validTo: soon }).where(eq(committeeFilings.id, f.id));
    for (const role of ["unit", "expert", "committee_member"] as const) {
      const user = await signIn(role);
      expect(user.orgId).toBe(org.sA.id);
      expect(await listOwnFilings(t.db, user, {}, 1), role).toEqual({ rows: [], total: 0 });
      expect(await listOwnCommitteeTerms(t.db, user), role).toEqual([]);
      expect((await countFilingWork(t.db, user)).ownExpiring, role).toBe(0);
    }
    const filer = await signIn("self_unit");
    expect((await listOwnFilings(t.db, filer, { q: "sA中级" }, 1)).rows.map((r) => r.id)).toContain(f.id);
    expect((await countFilingWork(t.db, filer)).ownExpiring).toBeGreaterThanOrEqual(1);
  });
});
