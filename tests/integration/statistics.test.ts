import ExcelJS from "exceljs";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { executeRows } from "@/db/raw";
import { auditLog, certificates, committees, declarationBatches, declarations, orgs, users, type NewCertificate } from "@/db/schema";
import type { DeclarationStatus, TitleLevel } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session";
import { signInAs } from "../helpers/roster-fixtures";
import { sessionUserOf } from "../helpers/session-user";
import { issueTestCertificate, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

process.env.CERT_SIGNING_SECRET ??= TEST_SIGNING_SECRET;
const { getStatistics } = await import("@/lib/statistics/queries");
const exportRoute = await import("@/app/api/statistics/export/route");

const YEAR = 2030;
const HOSTILE_SERIES = '=HYPERLINK("http://evil.example","点击")';

let t: TestDb;
const o: Record<string, string> = {};
const c: Record<string, string> = {};
const viewer: Record<"province" | "zjc" | "gy" | "nm" | "zy" | "unit" | "dept", SessionUser> = {} as never;

/**
 * The province with 贵阳市 (and its 南明区) and 遵义市; committees of the province (工程技术), of 贵阳市卫生健康局
 * (卫生, so 贵阳市's), of a 自主评审单位 under 南明区 (高校教师) and of 遵义市 (中小学教师).
 */
async function buildRegion() {
  const org = async (key: string, v: typeof orgs.$inferInsert) => {
    const [row] = await t.db.insert(orgs).values(v).returning({ id: orgs.id });
    o[key] = row.id;
  };
  await org("province", { name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000" });
  await org("zjc", { name: "贵州省人力资源和社会保障厅专业技术人员管理处", kind: "hrss", level: "province", regionCode: "520000", parentId: o.province, isCertDivision: true });
  await org("gy", { name: "贵阳市人力资源和社会保障局", kind: "hrss", level: "city", regionCode: "520100", parentId: o.province });
  await org("nm", { name: "贵阳市南明区人力资源和社会保障局", kind: "hrss", level: "county", regionCode: "520102", parentId: o.gy });
  await org("zy", { name: "遵义市人力资源和社会保障局", kind: "hrss", level: "city", regionCode: "520300", parentId: o.province });
  await org("gyWjj", { name: "贵阳市卫生健康局", kind: "dept", level: "city", regionCode: "520100", parentId: o.gy });
  await org("uP", { name: "贵州省建筑设计研究院", kind: "unit", regionCode: "520000", parentId: o.province });
  await org("uGY", { name: "贵阳市第一人民医院", kind: "unit", regionCode: "520100", parentId: o.gy, supervisorId: o.gyWjj });
  await org("uNM", { name: "贵阳学院", kind: "unit", regionCode: "520102", parentId: o.nm, selfEvaluating: true });
  await org("uZY", { name: "遵义市第一中学", kind: "unit", regionCode: "520300", parentId: o.zy });
  const committee = async (key: string, code: string, series: string, levelFrom: TitleLevel, levelTo: TitleLevel, formingOrgId: string) => {
    const [row] = await t.db.insert(committees).values({ name: `${series}评审委员会`, code, series, levelFrom, levelTo, formingOrgId }).returning({ id: committees.id });
    c[key] = row.id;
  };
  await committee("eng", "001", "工程技术", "senior_deputy", "senior_full", o.province);
  await committee("health", "101", "卫生", "intermediate", "intermediate", o.gyWjj);
  await committee("college", "102", "高校教师", "intermediate", "senior_full", o.uNM);
  await committee("school", "103", "中小学教师", "intermediate", "intermediate", o.zy);
  const batch = async (key: string, committeeKey: string, year: number, series: string) => {
    const [row] = await t.db
      .insert(declarationBatches)
      .values({ committeeId: c[committeeKey], year, name: `${year}年度职称申报`, series, levelFrom: "intermediate", levelTo: "senior_full", opensOn: `${year}-03-01`, closesOn: `${year}-10-31`, status: "open" })
      .returning({ id: declarationBatches.id });
    c[key] = row.id;
  };
  await batch("bEng", "eng", YEAR, "工程技术");
  await batch("bHealth", "health", YEAR, "卫生");
  await batch("bCollege", "college", YEAR, "高校教师");
  await batch("bSchool", "school", YEAR, "中小学教师");
  await batch("bEngOld", "eng", YEAR - 1, "工程技术");

  const user = async (username: string, role: SessionUser["role"], orgId: string) => {
    const [u] = await t.db.insert(users).values({ username, role, name: "经办人", orgId, passwordHash: "x" }).returning({ id: users.id });
    return sessionUserOf(t.db, u.id);
  };
  viewer.province = await user("s_province", "hrss", o.province);
  viewer.zjc = await user("s_zjc", "hrss", o.zjc);
  viewer.gy = await user("s_gy", "hrss", o.gy);
  viewer.nm = await user("s_nm", "hrss", o.nm);
  viewer.zy = await user("s_zy", "hrss", o.zy);
  viewer.unit = await user("s_unit", "unit", o.uGY);
  viewer.dept = await user("s_dept", "dept", o.gyWjj);
}

let person = 0;
/** `count` declarations of a unit to a batch, as the transitions leave them (hrss_org_id: the unit's region). */
async function declare(unit: "uP" | "uGY" | "uNM" | "uZY", batchKey: string, status: DeclarationStatus, targetLevel: TitleLevel, count = 1) {
  const [b] = await t.db.select({ committeeId: declarationBatches.committeeId, series: declarationBatches.series }).from(declarationBatches).where(eq(declarationBatches.id, c[batchKey]));
  const [cm] = await t.db.select({ formingOrgId: committees.formingOrgId }).from(committees).where(eq(committees.id, b.committeeId));
  const region = { uP: o.province, uGY: o.gy, uNM: o.nm, uZY: o.zy }[unit];
  for (let i = 0; i < count; i++) {
    const [u] = await t.db.insert(users).values({ username: `s_person_${++person}`, role: "person", name: `申报人${person}`, passwordHash: "x" }).returning({ id: users.id });
    const submitted = status === "draft" ? null : new Date(`${YEAR}-04-01T02:00:00Z`);
    await t.db.insert(declarations).values({
      userId: u.id, batchId: c[batchKey], committeeId: b.committeeId, formingOrgId: cm.formingOrgId, unitOrgId: o[unit],
      hrssOrgId: status === "draft" ? null : region, personName: `申报人${person}`, series: b.series, targetLevel, status,
      submittedAt: submitted, firstSubmittedAt: submitted,
    });
  }
}

let certNo = 0;
async function issue(committeeKey: string, series: string, level: TitleLevel, issuedAt: string, opts: { version?: number; count?: number } = {}) {
  const rows: NewCertificate[] = Array.from({ length: opts.count ?? 1 }, () => {
    const n = ++certNo;
    return {
      certNo: `T${String(n).padStart(10, "0")}`, version: opts.version ?? 1, committeeId: c[committeeKey], committeeName: "评审委员会",
      name: `持证人${n}`, gender: "男", birthDate: "1980-01-01", idType: "resident", idNumber: `5201021980010100${String(n).padStart(2, "0")}`,
      workUnit: "单位", series, specialty: "专业", qualificationName: "职称", level, obtainMethod: "review", passDate: `${YEAR - 1}-12-01`,
      passYear: YEAR - 1, approvalNo: "黔人社职称〔2030〕1号", issuingAuthority: "贵州省人力资源和社会保障厅", issueDate: `${YEAR}-01-15`,
      verifyToken: `token-${n}`, signature: "test", issuedAt: new Date(issuedAt),
    };
  });
  await t.db.insert(certificates).values(rows);
}

beforeAll(async () => {
  t = await useTestDb();
  await buildRegion();
  // 2030: the province's unit 5 (+1 draft), 贵阳市 6, 南明区 2, 遵义市 4 → 17 submitted; 2029: 4 more.
  await declare("uP", "bEng", "submitted", "senior_deputy", 2);
  await declare("uP", "bEng", "accepted", "senior_full");
  await declare("uP", "bEng", "passed", "senior_deputy");
  await declare("uP", "bEng", "failed", "senior_deputy");
  await declare("uP", "bEng", "draft", "senior_deputy");
  await declare("uGY", "bHealth", "unit_recommended", "intermediate", 2);
  await declare("uGY", "bHealth", "confirmed", "intermediate", 2);
  await declare("uGY", "bHealth", "withheld", "intermediate");
  await declare("uGY", "bHealth", "returned", "intermediate");
  await declare("uNM", "bCollege", "hrss_checked", "senior_deputy");
  await declare("uNM", "bCollege", "in_review", "senior_deputy");
  await declare("uZY", "bSchool", "submitted", "intermediate", 3);
  await declare("uZY", "bSchool", "rejected", "intermediate");
  await declare("uGY", "bEngOld", "accepted", "senior_deputy", 4);

  // Certificates (issued_at in UTC; the month is China's): 工程技术 3 in March, 1 on 1 February 00:30 China
  // time, a correction (not a new certificate) and one issued at 23:59:59 on 31 December 2029 (last year).
  await issue("eng", "工程技术", "senior_deputy", `${YEAR}-03-10T02:00:00Z`, { count: 3 });
  await issue("eng", "工程技术", "senior_full", `${YEAR}-01-31T16:30:00Z`);
  await issue("eng", "工程技术", "senior_deputy", `${YEAR}-05-10T02:00:00Z`, { version: 2 });
  await issue("eng", "工程技术", "senior_deputy", `${YEAR - 1}-12-31T15:59:59Z`);
  await issue("health", "卫生", "intermediate", `${YEAR}-07-01T01:00:00Z`, { count: 2 });
  await issue("college", "高校教师", "intermediate", `${YEAR}-11-20T01:00:00Z`);
  await issue("school", "中小学教师", "intermediate", `${YEAR}-12-31T15:00:00Z`, { count: 2 });
  await issue("school", HOSTILE_SERIES, "junior", `${YEAR}-06-15T01:00:00Z`);
});
afterAll(() => t?.close());

const stages = (s: Awaited<ReturnType<typeof getStatistics>>) => Object.fromEntries(s.byStage.filter((r) => r.count > 0).map((r) => [r.status, r.count]));
const regions = (s: Awaited<ReturnType<typeof getStatistics>>) =>
  s.byRegion.map((r) => ({ label: r.label, declarations: r.declarations, accepted: r.accepted, decided: r.decided, passed: r.passed, certificates: r.certificates }));

describe("the province's figures", () => {
  it("count every submitted declaration of the year's batches by stage, once, and no draft", async () => {
    const s = await getStatistics(t.db, viewer.province, { year: YEAR });
    expect(s.scope).toEqual({ name: "全省", breakdownLabel: "市州" });
    expect(stages(s)).toEqual({ submitted: 5, unit_recommended: 2, hrss_checked: 1, accepted: 1, returned: 1, rejected: 1, in_review: 1, passed: 1, failed: 1, confirmed: 2, withheld: 1 });
    expect(s.byStage.some((r) => r.status === "draft")).toBe(false);
    expect(s.totals).toEqual({ declarations: 17, accepted: 7, decided: 5, passed: 3, certificates: 10 });
  });

  it("break the region down by 市州, the province's own offices as 省直, certificates by the committee's region", async () => {
    const s = await getStatistics(t.db, viewer.province, { year: YEAR });
    expect(regions(s)).toEqual([
      { label: "贵阳市", declarations: 8, accepted: 4, decided: 3, passed: 2, certificates: 3 },
      { label: "遵义市", declarations: 4, accepted: 0, decided: 0, passed: 0, certificates: 3 },
      { label: "省直", declarations: 5, accepted: 3, decided: 2, passed: 1, certificates: 4 },
    ]);
  });

  it("give the pass rate over declarations with an outcome, by series and level", async () => {
    const s = await getStatistics(t.db, viewer.province, { year: YEAR });
    expect(s.passRates).toEqual([
      { series: "工程技术", level: "senior_deputy", decided: 2, passed: 1 },
      { series: "卫生", level: "intermediate", decided: 3, passed: 2 },
    ]);
  });

  it("count first issues per month in China time, not corrections nor last year's", async () => {
    const s = await getStatistics(t.db, viewer.province, { year: YEAR });
    expect(s.certificatesByMonth).toEqual([0, 1, 3, 0, 0, 1, 2, 0, 0, 0, 1, 2]);
    expect(s.certificatesBySeriesLevel).toEqual(
      expect.arrayContaining([
        { series: "工程技术", level: "senior_deputy", count: 3 },
        { series: "工程技术", level: "senior_full", count: 1 },
        { series: "卫生", level: "intermediate", count: 2 },
        { series: "高校教师", level: "intermediate", count: 1 },
        { series: "中小学教师", level: "intermediate", count: 2 },
        { series: HOSTILE_SERIES, level: "junior", count: 1 },
      ]),
    );
    expect(s.certificatesBySeriesLevel).toHaveLength(6);
  });

  it("filter by year, series and level", async () => {
    const last = await getStatistics(t.db, viewer.province, { year: YEAR - 1 });
    expect(last.totals).toEqual({ declarations: 4, accepted: 4, decided: 0, passed: 0, certificates: 1 });
    expect(last.passRates).toEqual([]);
    const eng = await getStatistics(t.db, viewer.province, { year: YEAR, series: "工程技术" });
    expect(eng.totals).toEqual({ declarations: 5, accepted: 3, decided: 2, passed: 1, certificates: 4 });
    const deputy = await getStatistics(t.db, viewer.province, { year: YEAR, series: "工程技术", level: "senior_deputy" });
    expect(deputy.totals).toEqual({ declarations: 4, accepted: 2, decided: 2, passed: 1, certificates: 3 });
    expect(stages(deputy)).toEqual({ submitted: 2, passed: 1, failed: 1 });
  });

  it("are the same for the 专技处, a provincial office", async () => {
    expect(await getStatistics(t.db, viewer.zjc, { year: YEAR })).toEqual(await getStatistics(t.db, viewer.province, { year: YEAR }));
  });

  it("show no pass rate where no review has an outcome", async () => {
    const s = await getStatistics(t.db, viewer.zy, { year: YEAR });
    expect(s.passRates).toEqual([]);
    expect(s.totals.decided).toBe(0);
  });
});

describe("scoping", () => {
  it("a 市州 sees only its region, by 区县 (its own offices as 市本级)", async () => {
    const s = await getStatistics(t.db, viewer.gy, { year: YEAR });
    expect(s.scope).toEqual({ name: "贵阳市", breakdownLabel: "区县" });
    expect(s.totals).toEqual({ declarations: 8, accepted: 4, decided: 3, passed: 2, certificates: 3 });
    expect(regions(s)).toEqual([
      { label: "贵阳市南明区", declarations: 2, accepted: 1, decided: 0, passed: 0, certificates: 1 },
      { label: "市本级", declarations: 6, accepted: 3, decided: 3, passed: 2, certificates: 2 },
    ]);
    expect(s.certificatesBySeriesLevel.map((r) => r.series).sort()).toEqual(["卫生", "高校教师"].sort());
  });

  it("another 市州 sees none of 贵阳市's figures", async () => {
    const s = await getStatistics(t.db, viewer.zy, { year: YEAR });
    expect(s.totals).toEqual({ declarations: 4, accepted: 0, decided: 0, passed: 0, certificates: 3 });
    expect(stages(s)).toEqual({ submitted: 3, rejected: 1 });
    expect(regions(s)).toEqual([{ label: "市本级", declarations: 4, accepted: 0, decided: 0, passed: 0, certificates: 3 }]);
  });

  it("a 区县 sees itself only", async () => {
    const s = await getStatistics(t.db, viewer.nm, { year: YEAR });
    expect(s.totals).toEqual({ declarations: 2, accepted: 1, decided: 0, passed: 0, certificates: 1 });
    expect(regions(s)).toEqual([{ label: "本级", declarations: 2, accepted: 1, decided: 0, passed: 0, certificates: 1 }]);
  });

  it("a unit or a 主管部门 is refused", async () => {
    await expect(getStatistics(t.db, viewer.unit, { year: YEAR })).rejects.toThrow("仅人社部门可查看统计分析");
    await expect(getStatistics(t.db, viewer.dept, { year: YEAR })).rejects.toThrow("仅人社部门可查看统计分析");
  });
});

describe("the counters follow every write", () => {
  it("a first submission, a status change and a move to another region move the counts; a draft save does not", async () => {
    const before = await getStatistics(t.db, viewer.province, { year: YEAR });
    await t.db.update(declarations).set({ personName: "改名" }).where(eq(declarations.status, "draft"));
    // The draft is submitted, one 遵义市 submission is accepted, the 南明区 in_review one passes.
    await t.db.update(declarations).set({ status: "submitted", hrssOrgId: o.province, firstSubmittedAt: new Date() }).where(eq(declarations.status, "draft"));
    const [zy] = await t.db.select({ id: declarations.id }).from(declarations).where(and(eq(declarations.unitOrgId, o.uZY), eq(declarations.status, "submitted"))).limit(1);
    await t.db.update(declarations).set({ status: "accepted" }).where(eq(declarations.id, zy.id));
    await t.db.update(declarations).set({ status: "passed" }).where(eq(declarations.status, "in_review"));
    const after = await getStatistics(t.db, viewer.province, { year: YEAR });
    expect(after.totals).toEqual({ ...before.totals, declarations: 18, accepted: 8, decided: 6, passed: 4 });
    expect(regions(after).map((r) => [r.label, r.declarations, r.passed])).toEqual([["贵阳市", 8, 3], ["遵义市", 4, 0], ["省直", 6, 1]]);
    expect(after.passRates).toContainEqual({ series: "高校教师", level: "senior_deputy", decided: 1, passed: 1 });
  });

  it("a certificate issued through the confirmation path counts in this month; a revocation does not change the count", async () => {
    const year = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 4));
    const month = Number(new Date(Date.now() + 8 * 3600_000).toISOString().slice(5, 7));
    const before = await getStatistics(t.db, viewer.province, { year });
    const cert = await issueTestCertificate(t.db, { committeeId: c.eng, actorId: viewer.province.id, name: "王五", idNumber: "520102198001010011" });
    await t.db.update(certificates).set({ status: "revoked", revokedAt: new Date(), revokeReason: "测试" }).where(eq(certificates.id, cert.id));
    const after = await getStatistics(t.db, viewer.province, { year });
    expect(after.totals.certificates).toBe(before.totals.certificates + 1);
    expect(after.certificatesByMonth[month - 1]).toBe(before.certificatesByMonth[month - 1] + 1);
  });

  it("equal counting the tables themselves", async () => {
    const [direct] = await executeRows<{ d: number; c: number }>(
      t.db,
      sql`select (select count(*)::int from declarations where first_submitted_at is not null) as d, (select count(*)::int from certificates where version = 1) as c`,
    );
    const [counted] = await executeRows<{ d: number; c: number }>(
      t.db,
      sql`select (select sum(n)::int from declaration_counts) as d, (select sum(n)::int from certificate_counts) as c`,
    );
    expect(counted).toEqual(direct);
  });
});

const req = (url: string) => new Request(`http://localhost:3000${url}`, { headers: { "sec-fetch-site": "same-origin" } });

async function readWorkbook(res: Response) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  return wb;
}

describe("the Excel export", () => {
  it("holds the page's figures, every text cell neutralised and no formula anywhere, and is audited", async () => {
    signInAs(viewer.province);
    const res = await exportRoute.GET(req(`/api/statistics/export?year=${YEAR}&series=`));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("spreadsheetml");
    expect(decodeURIComponent(res.headers.get("content-disposition") ?? "")).toContain(`${YEAR}年度统计分析-全省.xlsx`);
    const wb = await readWorkbook(res);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["概览", "申报阶段", "评审通过率", "证书按月", "证书按系列级别", "按市州"]);

    const rows = (name: string) => wb.getWorksheet(name)!.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows("概览")).toEqual(
      expect.arrayContaining([["统计范围", "全省"], ["申报总数（已提交）", 18], ["评审通过", 4], ["新发证书", 10]]),
    );
    const overview = wb.getWorksheet("概览")!;
    const rateCell = overview.getRow(overview.actualRowCount - 1).getCell(2);
    expect(rateCell.value).toBeCloseTo(4 / 6);
    expect(rateCell.numFmt).toBe("0.0%");
    expect(rows("按市州")[0]).toEqual(["贵阳市", 8, 4, 4, 3, 0.75, 3]);
    expect(rows("证书按月").map((r) => r[1])).toEqual([0, 1, 3, 0, 0, 1, 2, 0, 0, 0, 1, 2]);
    expect(rows("证书按系列级别")).toContainEqual([`'${HOSTILE_SERIES}`, "员级", 1]);

    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === "string") expect(cell.value).not.toMatch(/^[=+\-@]/);
        }),
      ),
    );
    const audits = await t.db.select({ outcome: auditLog.outcome, detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.action, "statistics.export"), eq(auditLog.actorId, viewer.province.id)));
    expect(audits).toEqual([{ outcome: "success", detail: { filter: `year=${YEAR}`, scope: "全省" } }]);
  });

  it("of a 市州 holds only its region", async () => {
    signInAs(viewer.gy);
    const wb = await readWorkbook(await exportRoute.GET(req(`/api/statistics/export?year=${YEAR}`)));
    expect(wb.getWorksheet("按区县")!.getSheetValues().slice(2).map((r) => (r as unknown[])[1])).toEqual(["贵阳市南明区", "市本级"]);
  });

  it("says 暂无评审结果 when no review has an outcome", async () => {
    signInAs(viewer.zy);
    const wb = await readWorkbook(await exportRoute.GET(req(`/api/statistics/export?year=${YEAR}`)));
    expect(wb.getWorksheet("评审通过率")!.getRow(2).getCell(1).value).toBe("暂无评审结果");
  });

  it("is refused to a unit, with a denied audit row", async () => {
    signInAs(viewer.unit);
    const res = await exportRoute.GET(req(`/api/statistics/export?year=${YEAR}`));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ ok: false, message: "您无权执行此操作" });
    const audits = await t.db.select({ outcome: auditLog.outcome }).from(auditLog).where(and(eq(auditLog.action, "statistics.export"), eq(auditLog.actorId, viewer.unit.id)));
    expect(audits).toEqual([{ outcome: "denied" }]);
  });
});
