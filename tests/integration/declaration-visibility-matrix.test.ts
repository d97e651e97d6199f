/**
 * Who sees which declaration, and who may move it (EVALUATION §6, §7 "Visibility, refined"; docs/domain.md §16),
 * as ONE table of data: every viewer × a declaration in every state → not visible (absent) or visible with the
 * moves it may make. Checked three ways against a real database:
 *   1. `listDeclarations` and `getDeclarationForViewer` agree with the table (and with each other), and the
 *      `todo` view holds exactly the declarations the viewer can move forward;
 *   2. `getDeclarationForViewer(...).moves` equals the table's moves;
 *   3. each move some viewer may make on a declaration, and return and reject, is really called by every
 *      viewer (inside a transaction rolled back afterwards): the table's moves succeed, every other one
 *      throws or is refused and leaves no write.
 *
 * The declarations belong to 贵阳市第一人民医院 (主管部门 贵阳市卫生健康局, region 贵阳市人社局, province 省人社厅)
 * and go to committee 004 of 贵州大学 (full route: unit → 主管部门 → 人社部门 → forming organisation).
 */
import { and, count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { committees, declarationBatches, declarationEvents, declarations, orgs, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createCompleteDraft, rejectDeclaration, returnDeclaration, walkDeclaration, type DeclarationProfile, type WalkStage } from "@/db/seed-declaration-demo";
import type { Actor } from "@/lib/declarations/access";
import { getDeclarationForViewer, listDeclarations } from "@/lib/declarations/queries";
import type { DeclarationMove } from "@/lib/declarations/states";
import * as tr from "@/lib/declarations/transitions";
import { todayInChina } from "@/lib/filings/constants";
import { idCheckChar } from "@/lib/validation/id-number";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

// ---------------------------------------------------------------------------
// The expected table. Rows: the declaration's state (how it got there in brackets). Columns: the viewers.
// A viewer absent from a row does not see that declaration; "" sees it and may do nothing; otherwise the
// moves it may make, space-separated.

const VIEWERS = {
  owner: "申报人本人",
  otherPerson: "另一申报人（张三）",
  unit: "本单位（贵阳市第一人民医院）",
  unitSameDept: "同一主管部门的另一单位（贵阳市妇幼保健院）",
  unitOtherRegion: "另一市州的单位（遵义市第一中学）",
  dept: "本单位的主管部门（贵阳市卫生健康局）",
  deptOther: "另一主管部门（省住建厅）",
  hrss: "本地人社部门（贵阳市人社局）",
  province: "上级人社部门（省人社厅）",
  hrssOther: "另一市州人社部门（遵义市人社局）",
  forming: "本评委会组建单位（贵州大学）",
  formingOther: "另一评委会的组建单位（省卫健委，评委会002）",
  expert: "评审专家（李四，贵州大学）",
  committee: "评委会成员（王五）",
} as const;
type Viewer = keyof typeof VIEWERS;

const FIXTURES = [
  "draft",
  "submitted",
  "unit_verified",
  "in_publicity", // its 公示 finished: the unit may recommend
  "unit_recommended",
  "dept_approved",
  "hrss_checked",
  "accepted",
  "returned_by_unit", // returned by the unit from submitted
  "returned_by_forming", // returned by the forming organisation from hrss_checked
  "withdrawn", // withdrawn by the person from submitted
  "rejected_by_dept", // 不予受理 by the 主管部门 at unit_recommended
] as const;
type Fixture = (typeof FIXTURES)[number];

const PAST_UNIT = { owner: "", unit: "" } as const;
const PAST_RECOMMENDATION = { ...PAST_UNIT, dept: "", hrss: "", province: "" } as const;
/** After the unit's check and up to acceptance the person may only ask to withdraw (the holder decides). */
const ASK = "request_withdrawal";

const EXPECTED: Record<Fixture, Partial<Record<Viewer, string>>> = {
  draft: { owner: "submit withdraw" },
  submitted: { owner: "withdraw", unit: "unit_verify return reject" },
  unit_verified: { owner: ASK, unit: "start_publicity return reject" },
  in_publicity: { owner: ASK, unit: "unit_recommend return reject" },
  unit_recommended: { ...PAST_RECOMMENDATION, owner: ASK, dept: "dept_approve return reject" },
  dept_approved: { ...PAST_RECOMMENDATION, owner: ASK, hrss: "hrss_check return reject" },
  hrss_checked: { ...PAST_RECOMMENDATION, owner: ASK, forming: "accept return reject" },
  accepted: { ...PAST_RECOMMENDATION, owner: ASK, forming: "" },
  returned_by_unit: { owner: "submit withdraw", unit: "" },
  returned_by_forming: { ...PAST_RECOMMENDATION, owner: `submit ${ASK}`, forming: "" },
  withdrawn: { ...PAST_UNIT },
  rejected_by_dept: { ...PAST_RECOMMENDATION },
};

/** The moves really called for each viewer on each declaration (every one a transition function exists for). */
const CALLED: readonly DeclarationMove[] = ["submit", "withdraw", "unit_verify", "start_publicity", "unit_recommend", "dept_approve", "hrss_check", "accept", "return", "reject"];
const FORWARD: readonly DeclarationMove[] = ["unit_verify", "start_publicity", "unit_recommend", "dept_approve", "hrss_check", "accept"];

const expectedMoves = (f: Fixture, v: Viewer): DeclarationMove[] | null => {
  const cell = EXPECTED[f][v];
  return cell === undefined ? null : (cell.split(" ").filter(Boolean) as DeclarationMove[]);
};

// ---------------------------------------------------------------------------

let t: TestDb;
const viewers = {} as Record<Exclude<Viewer, "owner">, Actor>;
const fixtures = {} as Record<Fixture, { id: string; owner: Actor }>;
const actorOf = (f: Fixture, v: Viewer): Actor => (v === "owner" ? fixtures[f].owner : viewers[v]);

async function orgId(name: string): Promise<string> {
  const [o] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name));
  if (!o) throw new Error(`no org ${name}`);
  return o.id;
}

async function account(username: string, role: "unit" | "dept" | "hrss", org: string): Promise<Actor> {
  const [u] = await t.db.insert(users).values({ username, role, name: username, orgId: org, passwordHash: "x" }).returning({ id: users.id });
  return sessionUserOf(t.db, u.id);
}

async function existing(username: string): Promise<Actor> {
  const [u] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return sessionUserOf(t.db, u.id);
}

function profile(unitOrgId: string): DeclarationProfile {
  return {
    specialty: "临床医学",
    targetLevel: "senior_deputy",
    unitOrgId,
    basic: { gender: "女", birthDate: "1986-05-01", phone: "13985112345", email: "", department: "心内科", post: "主治医师" },
    education: [{ level: "master", school: "贵州医科大学", major: "内科学", from: "2006-09-01", to: "2011-06-30", degree: "医学硕士", fullTime: true }],
    work: [{ from: "2011-07-01", to: null, employer: "贵阳市第一人民医院", post: "主治医师" }],
    currentTitle: "主治医师",
    currentTitleLevel: "intermediate",
    currentTitleDate: "2016-12-01",
    achievements: [{ kind: "paper", title: "高原地区冠心病介入治疗的随访研究", detail: "《中华心血管病杂志》第一作者", date: "2020-05-01" }],
  };
}

const WALK: Record<Fixture, WalkStage> = {
  draft: "draft",
  submitted: "submitted",
  unit_verified: "unit_verified",
  in_publicity: "in_publicity",
  unit_recommended: "unit_recommended",
  dept_approved: "dept_approved",
  hrss_checked: "hrss_checked",
  accepted: "accepted",
  returned_by_unit: "submitted",
  returned_by_forming: "hrss_checked",
  withdrawn: "submitted",
  rejected_by_dept: "unit_recommended",
};

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  const gyyy1 = await orgId("贵阳市第一人民医院");
  const gyWjj = await orgId("贵阳市卫生健康局");
  const gy = await orgId("贵阳市人力资源和社会保障局");
  const [sameDept] = await t.db
    .insert(orgs)
    .values({ name: "贵阳市妇幼保健院", kind: "unit", regionCode: "520100", parentId: gy, supervisorId: gyWjj })
    .returning({ id: orgs.id });
  Object.assign(viewers, {
    otherPerson: await existing("demo_person"),
    unit: await account("m_unit", "unit", gyyy1),
    unitSameDept: await account("m_unit_same_dept", "unit", sameDept.id),
    unitOtherRegion: await account("m_unit_zy", "unit", await orgId("遵义市第一中学")),
    dept: await account("m_dept", "dept", gyWjj),
    deptOther: await existing("demo_dept"),
    hrss: await existing("demo_hrss"),
    province: await existing("demo_province"),
    hrssOther: await account("m_hrss_zy", "hrss", await orgId("遵义市人力资源和社会保障局")),
    forming: await existing("demo_selfunit"),
    formingOther: await account("m_wjw", "dept", await orgId("贵州省卫生健康委员会")),
    expert: await existing("demo_expert"),
    committee: await existing("demo_committee"),
  });
  const [c004] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  const [batch] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c004.id));
  const offices = new Map<string, Actor>([
    [gyyy1, viewers.unit],
    [gyWjj, viewers.dept],
    [gy, viewers.hrss],
    [viewers.forming.orgId!, viewers.forming],
  ]);
  for (const [i, f] of FIXTURES.entries()) {
    const first17 = `52010219860501${String(500 + i).padStart(3, "0")}`;
    const [u] = await t.db
      .insert(users)
      .values({ username: `m_person_${i}`, role: "person", name: `申报人${i}`, idType: "resident", idNumber: first17 + idCheckChar(first17), orgId: gyyy1, passwordHash: "x" })
      .returning({ id: users.id });
    const owner = await sessionUserOf(t.db, u.id);
    await t.db.transaction(async (tx) => {
      const d = await createCompleteDraft(tx, owner, batch.id, profile(gyyy1));
      await walkDeclaration(tx, owner, offices, d.id, WALK[f], { publicity: "finished" });
      const items = [{ slot: "education", field: "学历证书", text: "请上传学历证书" }];
      if (f === "returned_by_unit") await returnDeclaration(tx, viewers.unit, d.id, "材料不全", items);
      if (f === "returned_by_forming") await returnDeclaration(tx, viewers.forming, d.id, "材料不全", items);
      if (f === "rejected_by_dept") await rejectDeclaration(tx, viewers.dept, d.id, "业绩材料不实");
      if (f === "withdrawn") {
        const [row] = await tx.select({ version: declarations.version }).from(declarations).where(eq(declarations.id, d.id));
        await tr.withdrawDeclaration(tx, owner, { declarationId: d.id, version: row.version });
      }
      fixtures[f] = { id: d.id, owner };
    });
  }
  // Each fixture is in the state its name says.
  for (const f of FIXTURES) {
    const [row] = await t.db.select({ status: declarations.status }).from(declarations).where(eq(declarations.id, fixtures[f].id));
    expect(row.status, f).toBe(f.replace(/_by_.*$/, ""));
  }
}, 300_000);
afterAll(() => t?.close());

const VIEWER_KEYS = Object.keys(VIEWERS) as Viewer[];

describe("declaration visibility matrix", () => {
  it("listDeclarations and getDeclarationForViewer both show exactly the table's cells, with the table's moves", async () => {
    const problems: string[] = [];
    for (const v of VIEWER_KEYS) {
      // "owner" differs per declaration: list each owner's own; the others list once.
      const listed = new Map<string, Set<string>>();
      const listOf = async (a: Actor) => {
        if (!listed.has(a.id)) listed.set(a.id, new Set((await listDeclarations(t.db, a, { pageSize: 1000 })).rows.map((r) => r.id)));
        return listed.get(a.id)!;
      };
      for (const f of FIXTURES) {
        const actor = actorOf(f, v);
        const want = expectedMoves(f, v);
        const inList = (await listOf(actor)).has(fixtures[f].id);
        const view = await getDeclarationForViewer(t.db, actor, fixtures[f].id);
        if (inList !== (want !== null)) problems.push(`${f} × ${v}: listDeclarations ${inList ? "shows" : "hides"} it`);
        if ((view !== null) !== (want !== null)) problems.push(`${f} × ${v}: getDeclarationForViewer ${view ? "shows" : "hides"} it`);
        if (view && want && view.moves.join(" ") !== want.join(" ")) problems.push(`${f} × ${v}: moves [${view.moves.join(" ")}], expected [${want.join(" ")}]`);
        if (view?.declaration.idNumberMasked.includes("0501")) problems.push(`${f} × ${v}: ID number not masked`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the 待办 view holds exactly the declarations the viewer can move forward", async () => {
    const problems: string[] = [];
    for (const v of VIEWER_KEYS.filter((k) => k !== "owner" && k !== "otherPerson")) {
      const todo = new Set((await listDeclarations(t.db, viewers[v as Exclude<Viewer, "owner">], { view: "todo", pageSize: 1000 })).rows.map((r) => r.id));
      for (const f of FIXTURES) {
        const want = (expectedMoves(f, v) ?? []).some((m) => FORWARD.includes(m));
        if (todo.has(fixtures[f].id) !== want) problems.push(`${f} × ${v}: todo ${todo.has(fixtures[f].id) ? "holds" : "misses"} it`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("every move the table allows succeeds; every other move is refused with no write", async () => {
    const problems: string[] = [];
    let allowed = 0;
    let refused = 0;
    for (const f of FIXTURES) {
      const id = fixtures[f].id;
      for (const v of VIEWER_KEYS) {
        const actor = actorOf(f, v);
        const want = new Set(expectedMoves(f, v) ?? []);
        // Every move some viewer may make on this declaration, and the examiners' return and reject, by everyone.
        const candidates = CALLED.filter((m) => m === "return" || m === "reject" || VIEWER_KEYS.some((w) => expectedMoves(f, w)?.includes(m)));
        for (const move of candidates) {
          const outcome = await tryMove(actor, id, move);
          if (want.has(move)) {
            allowed++;
            if (outcome !== "moved") problems.push(`${f} × ${v} × ${move}: expected to succeed, got ${outcome}`);
          } else {
            refused++;
            if (outcome !== "refused") problems.push(`${f} × ${v} × ${move}: expected a refusal, got ${outcome}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(allowed).toBeGreaterThanOrEqual(15);
    expect(refused).toBeGreaterThan(400);
  }, 600_000);
});

class Rollback extends Error {}

/**
 * Calls `move` as `actor` in a savepoint inside a transaction that is always rolled back. "moved": no error
 * and the declaration changed state with one new event. "refused": it threw (savepoint rolled back) or
 * moved nothing, and the declaration row and its events are unchanged. Anything else is described.
 */
async function tryMove(actor: Actor, id: string, move: DeclarationMove): Promise<string> {
  let outcome = "";
  try {
    await t.db.transaction(async (tx) => {
      const before = await state(tx, id);
      let threw = false;
      let movedIds: string[] = [];
      try {
        movedIds = await tx.transaction((sp) => call(sp, actor, id, move, before.version));
      } catch {
        threw = true;
      }
      const after = await state(tx, id);
      const changed = after.status !== before.status || after.version !== before.version || after.events !== before.events;
      if (!threw && movedIds.includes(id) && after.status !== before.status && after.events === before.events + 1) outcome = "moved";
      else if ((threw || movedIds.length === 0) && !changed) outcome = "refused";
      else outcome = `threw=${threw} moved=${movedIds.length} ${before.status}→${after.status} events ${before.events}→${after.events}`;
      throw new Rollback();
    });
  } catch (e) {
    if (!(e instanceof Rollback)) throw e;
  }
  return outcome;
}

async function state(tx: Db, id: string) {
  const [d] = await tx.select({ status: declarations.status, version: declarations.version }).from(declarations).where(eq(declarations.id, id));
  const [{ n }] = await tx.select({ n: count() }).from(declarationEvents).where(and(eq(declarationEvents.declarationId, id)));
  return { ...d, events: n };
}

async function call(tx: Db, actor: Actor, id: string, move: DeclarationMove, version: number): Promise<string[]> {
  const ids = [id];
  switch (move) {
    case "submit":
      return (await tr.submitDeclaration(tx, actor, { declarationId: id, version })).moved;
    case "withdraw":
      return (await tr.withdrawDeclaration(tx, actor, { declarationId: id, version })).moved;
    case "unit_verify":
      return (await tr.unitVerify(tx, actor, { ids })).moved;
    case "start_publicity":
      return (await tr.startPublicity(tx, actor, { ids, postedOn: todayInChina() })).moved;
    case "unit_recommend":
      return (await tr.unitRecommend(tx, actor, { ids })).moved;
    case "dept_approve":
      return (await tr.deptApprove(tx, actor, { ids })).moved;
    case "hrss_check":
      return (await tr.hrssCheck(tx, actor, { ids })).moved;
    case "accept":
      return (await tr.acceptDeclarations(tx, actor, { ids })).moved;
    case "return":
      return (await tr.returnWithNotice(tx, actor, { declarationId: id, version, reason: "请补充材料", items: [{ slot: "work", field: "工作经历", text: "请补充任职证明" }] })).moved;
    case "reject":
      return (await tr.rejectDeclaration(tx, actor, { declarationId: id, version, reason: "不符合申报条件" })).moved;
    default:
      throw new Error(`no transition for ${move}`);
  }
}
