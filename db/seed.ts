import { createHash } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import { hashPassword } from "../lib/auth/password";
import { getCertificateSigningSecret } from "../lib/certificates/token";
import { ROLE_INFO, type Role } from "../lib/roles";
import { creditCodeCheckChar } from "../lib/validation/credit-code";
import { idCheckChar } from "../lib/validation/id-number";
import type { Db, Tx } from "./client";
import { auditLog, committees, orgs, roleGrants, users, type NewOrg, type NewUser } from "./schema";
import { seedDeclarationDemo } from "./seed-declarations";
import { seedDeclarationStatesDemo } from "./seed-declaration-demo";
import { seedReviewRoundDemo } from "./seed-review-round";
import { seedReviewResultsDemo } from "./seed-review-results";
import { seedBackfillDemo, type BackfillSeedSummary } from "./seed-backfill";
import { DEMO_CLAIMANT, seedDisputeDemo } from "./seed-disputes";
import { seedExpertPoolDemo, seedProvincePoolDemo } from "./seed-experts";
import { seedTermDemo } from "./seed-terms";

/** Every demo account shares this password (it satisfies PASSWORD_POLICY). */
export const DEMO_PASSWORD = "Demo@2026";

export type DemoAccount = {
  roleKey: Role;
  /** Chinese role label from ROLE_INFO, with the HR level where it matters. */
  role: string;
  username: string;
  password: string;
  org: string;
  /** Personal users may also log in with their ID number. */
  idNumber?: string;
};

// ---------------------------------------------------------------------------
// Deterministic, checksum-valid identifiers, so the demo data is the same on every machine.

/** 组织机构代码 (GB 11714): 8 digits derived from the name, plus its MOD 11 check character. */
function orgCode(seed: string): string {
  const body = String(parseInt(createHash("sha256").update(seed).digest("hex").slice(0, 12), 16) % 1e8).padStart(8, "0");
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i], 0);
  const c9 = 11 - (sum % 11);
  return body + (c9 === 10 ? "X" : c9 === 11 ? "0" : String(c9));
}

/** 统一社会信用代码: 11 机关, 12 事业单位, 91 企业; then the 6-digit region and the 组织机构代码. */
export function demoCreditCode(prefix: "11" | "12" | "91", region: string, name: string): string {
  const first17 = prefix + region + orgCode(name);
  return first17 + creditCodeCheckChar(first17);
}

function residentId(first17: string) {
  const idNumber = first17 + idCheckChar(first17);
  return {
    idType: "resident" as const,
    idNumber,
    birthDate: `${first17.slice(6, 10)}-${first17.slice(10, 12)}-${first17.slice(12, 14)}`,
    gender: Number(first17[16]) % 2 === 1 ? "male" : "female",
  };
}

// ---------------------------------------------------------------------------
// The organisation tree. `parent` / `supervisor` name other keys of this table.

type OrgSeed = Omit<NewOrg, "parentId" | "supervisorId"> & { key: string; parent?: string; supervisor?: string };

const HR = "人力资源和社会保障局";

const CITIES: [key: string, region: string, name: string][] = [
  ["gy", "520100", "贵阳市"],
  ["lps", "520200", "六盘水市"],
  ["zy", "520300", "遵义市"],
  ["as", "520400", "安顺市"],
  ["bj", "520500", "毕节市"],
  ["tr", "520600", "铜仁市"],
  ["qxn", "522300", "黔西南布依族苗族自治州"],
  ["qdn", "522600", "黔东南苗族侗族自治州"],
  ["qn", "522700", "黔南布依族苗族自治州"],
];

const COUNTIES: [key: string, region: string, name: string, city: string][] = [
  ["gy-nm", "520102", "贵阳市南明区", "gy"],
  ["gy-yy", "520103", "贵阳市云岩区", "gy"],
  ["zy-hc", "520303", "遵义市汇川区", "zy"],
  ["qdn-kl", "522601", "凯里市", "qdn"],
];

function orgSeeds(): OrgSeed[] {
  const agency = (key: string, name: string, kind: "hrss" | "dept", level: "province" | "city" | "county", region: string, parent?: string): OrgSeed => ({
    key, name, kind, level, regionCode: region, parent, creditCode: demoCreditCode("11", region, name),
  });
  const unit = (
    key: string, name: string, prefix: "12" | "91", region: string, creditRegion: string,
    parent: string, supervisor: string, contactName: string, contactPhone: string,
  ): OrgSeed => ({
    key, name, kind: "unit", regionCode: region, parent, supervisor, contactName, contactPhone,
    creditCode: demoCreditCode(prefix, creditRegion, name),
  });
  return [
    agency("province", "贵州省人力资源和社会保障厅", "hrss", "province", "520000"),
    { ...agency("zjc", "贵州省人力资源和社会保障厅专业技术人员管理处", "hrss", "province", "520000", "province"), creditCode: null, isCertDivision: true },
    ...CITIES.map(([key, region, name]) => agency(key, name + HR, "hrss", "city", region, "province")),
    ...COUNTIES.map(([key, region, name, city]) => agency(key, name + HR, "hrss", "county", region, city)),
    // 主管部门
    agency("zjt", "贵州省住房和城乡建设厅", "dept", "province", "520000", "province"),
    agency("wjw", "贵州省卫生健康委员会", "dept", "province", "520000", "province"),
    agency("jyt", "贵州省教育厅", "dept", "province", "520000", "province"),
    agency("gy-wjj", "贵阳市卫生健康局", "dept", "city", "520100", "gy"),
    agency("zy-jyj", "遵义市教育局", "dept", "city", "520300", "zy"),
    // 用人单位
    unit("sjy", "贵州省建筑设计研究院有限责任公司", "91", "520000", "520103", "province", "zjt", "刘建国", "0851-85821001"),
    unit("srmyy", "贵州省人民医院", "12", "520000", "520000", "province", "wjw", "陈丽", "0851-85922002"),
    unit("gy-yy1", "贵阳市第一人民医院", "12", "520100", "520100", "gy", "gy-wjj", "赵敏", "0851-85613003"),
    unit("zy-yz", "遵义市第一中学", "12", "520300", "520300", "zy", "zy-jyj", "何志勇", "0851-28224004"),
    { ...unit("gzu", "贵州大学", "12", "520000", "520000", "province", "jyt", "龙海燕", "0851-83625005"), selfEvaluating: true },
    // A registration waiting for 贵阳市人社局, so the approval list is not empty.
    { ...unit("gy-yy2", "贵阳市第二人民医院", "12", "520100", "520100", "gy", "gy-wjj", "孙浩", "0851-86866006"), status: "pending" },
  ];
}

type UserSeed = Omit<NewUser, "orgId" | "passwordHash"> & { org?: string; label?: string };

function userSeeds(): UserSeed[] {
  const consent = new Date();
  const person = { ...residentId("52010219900315001"), nationality: "中国", sensitiveConsentAt: consent };
  return [
    { username: "demo_person", role: "person", name: "张三", phone: "13985100001", ...person },
    { username: "demo_unit", role: "unit", org: "sjy", name: "刘建国", phone: "13985100002" },
    { username: "demo_dept", role: "dept", org: "zjt", name: "杨秀英", phone: "13985100003" },
    { username: "demo_edu", role: "dept", org: "jyt", name: "田晓东", phone: "13985100011", label: "主管部门（贵州大学的主管部门）" },
    { username: "demo_hrss", role: "hrss", org: "gy", name: "吴志强", phone: "13985100004", label: "人社部门（市州）" },
    { username: "demo_province", role: "hrss", org: "province", name: "罗晓明", phone: "13985100005", label: "人社部门（省人社厅）" },
    // 统票 is confirmed by two staff members of the forming organisation (docs/domain.md §17).
    { username: "demo_province2", role: "hrss", org: "province", name: "刘静", phone: "13985100012", label: "人社部门（省人社厅，第二名工作人员）" },
    { username: "demo_zjc", role: "hrss", org: "zjc", name: "周敏", phone: "13985100006", label: "人社部门（省专技处）" },
    { username: "demo_selfunit", role: "self_unit", org: "gzu", name: "龙海燕", phone: "13985100007" },
    {
      username: "demo_expert", role: "expert", org: "gzu", name: "李四", phone: "13985100008",
      ...residentId("52010219750612003"), nationality: "中国", sensitiveConsentAt: consent,
    },
    {
      username: "demo_committee", role: "committee_member", org: "province", name: "王五", phone: "13985100009", label: "评委会成员（评委会 001 主任委员）",
      ...residentId("52030219680920015"), nationality: "中国", sensitiveConsentAt: consent,
    },
    // The pending registration's own account: it can log in only once the unit is approved.
    { username: "demo_pending_unit", role: "unit", org: "gy-yy2", name: "孙浩", phone: "13985100010", status: "pending" },
  ];
}

/** Grants beyond each account's default one. */
const EXTRA_GRANTS: { username: string; role: Role; org: string }[] = [{ username: "demo_person", role: "expert", org: "gzu" }];

const COMMITTEES = [
  { code: "001", name: "贵州省工程技术高级职称评审委员会", series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", org: "province" },
  { code: "002", name: "贵州省卫生高级职称评审委员会", series: "卫生", levelFrom: "senior_deputy", levelTo: "senior_full", org: "wjw" },
  { code: "003", name: "贵阳市中小学教师中级职称评审委员会", series: "中小学教师", levelFrom: "intermediate", levelTo: "intermediate", org: "gy" },
  { code: "004", name: "贵州大学高校教师职称评审委员会", series: "高校教师", levelFrom: "intermediate", levelTo: "senior_full", org: "gzu" },
] as const;

// ---------------------------------------------------------------------------

/** The login table; the same whether or not this run created the data. */
export function demoAccounts(): DemoAccount[] {
  const orgNames = new Map(orgSeeds().map((o) => [o.key, o.name]));
  return userSeeds()
    .filter((u) => u.status !== "pending")
    .map((u) => ({
      roleKey: u.role,
      role: u.label ?? ROLE_INFO[u.role].label,
      username: u.username!,
      password: DEMO_PASSWORD,
      org: u.org ? orgNames.get(u.org)! : "—",
      ...(u.role === "person" && u.idNumber ? { idNumber: u.idNumber } : {}),
    }))
    .concat({ roleKey: "person", role: "职称申报用户（陈刚，证件号码申诉待审核）", username: DEMO_CLAIMANT, password: DEMO_PASSWORD, org: "—" });
}

const provinceWhere = and(eq(orgs.kind, "hrss"), eq(orgs.level, "province"), eq(orgs.regionCode, "520000"), isNull(orgs.parentId));

async function provinceExists(db: Db | Tx): Promise<boolean> {
  const rows = await db.select({ id: orgs.id }).from(orgs).where(provinceWhere).limit(1);
  return rows.length > 0;
}

/**
 * Writes the demo organisations, committees and accounts in one transaction.
 * Idempotent: when the provincial HR department already exists nothing is touched.
 */
export async function seedDemoData(db: Db): Promise<{ created: boolean; accounts: DemoAccount[]; backfill?: BackfillSeedSummary }> {
  const accounts = demoAccounts();
  if (await provinceExists(db)) return { created: false, accounts };
  // The demo's certificates are signed like real ones, with the key the server verifies them with:
  // refuse before writing anything rather than leave a demo without them.
  getCertificateSigningSecret();

  // One argon2id hash shared by every demo account keeps seeding under a second.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  const created = await db.transaction(async (tx) => {
    // Two starters racing on one PostgreSQL database: the second waits, then sees the data.
    await tx.execute(sql`select pg_advisory_xact_lock(815202)`);
    if (await provinceExists(tx)) return null;

    const ids = new Map<string, string>();
    for (const { key, parent, supervisor, ...org } of orgSeeds()) {
      const [row] = await tx
        .insert(orgs)
        .values({ ...org, parentId: parent ? ids.get(parent) : null, supervisorId: supervisor ? ids.get(supervisor) : null })
        .returning({ id: orgs.id });
      ids.set(key, row.id);
    }

    const committeeRows = await tx
      .insert(committees)
      .values(COMMITTEES.map(({ org, ...c }) => ({ ...c, specialty: null, formingOrgId: ids.get(org)! })))
      .returning({ id: committees.id, code: committees.code });
    const committeeId = new Map(committeeRows.map((c) => [c.code, c.id]));

    const userRows = await tx
      .insert(users)
      .values(userSeeds().map(({ org, label: _label, ...u }) => ({ ...u, orgId: org ? ids.get(org)! : null, passwordHash })))
      .returning({ id: users.id, username: users.username, role: users.role, orgId: users.orgId });
    const account = (username: string) => {
      const u = userRows.find((r) => r.username === username)!;
      return { id: u.id, role: u.role, orgId: u.orgId, orgIsCertDivision: username === "demo_zjc" };
    };
    // Every account got its default grant from the users trigger (db/sql/role-grants.sql). 张三 is also
    // an expert of 贵州大学's pool — an applicant who reviews is the common case — so the header's
    // 切换身份 has something to switch between (docs/domain.md §1 "Accounts").
    await tx.insert(roleGrants).values(EXTRA_GRANTS.map((g) => ({ userId: account(g.username).id, role: g.role, orgId: ids.get(g.org)! })));

    await tx.insert(auditLog).values({
      action: "demo.seed",
      targetType: "system",
      outcome: "success",
      detail: { orgs: ids.size, committees: COMMITTEES.length, accounts: accounts.length },
    });

    // 专家库: 贵州大学's pool, 李四's profile and 回避声明, a pending invitation (db/seed-experts.ts).
    const person = (username: string) => {
      const seed = userSeeds().find((u) => u.username === username)!;
      return { id: account(username).id, name: seed.name, idNumber: seed.idNumber! };
    };
    await seedExpertPoolDemo(tx, {
      gzuOrg: ids.get("gzu")!,
      provinceOrg: ids.get("province")!,
      selfUnit: account("demo_selfunit").id,
      province: account("demo_province").id,
      expert: person("demo_expert"),
      person: person("demo_person"),
      passwordHash,
    });

    // The 省人社厅's 工程技术 pool: 王五, 李四 and 23 generated experts (db/seed-experts.ts).
    const provincePool = await seedProvincePoolDemo(tx, {
      provinceOrg: ids.get("province")!,
      province: account("demo_province").id,
      committee: person("demo_committee"),
      expert: person("demo_expert"),
      passwordHash,
    });

    // Terms and 评审权备案: committee 004's current term (approved, ends within 90 days) and its next
    // (waiting for 贵州省教育厅); committee 001's term, recorded by the 专技处 (db/seed-terms.ts).
    const actor = (username: string) => {
      const a = account(username);
      return { ...a, role: a.role as "self_unit" | "dept" | "hrss", orgId: a.orgId! };
    };
    await seedTermDemo(tx, {
      committee004: committeeId.get("004")!,
      committee001: committeeId.get("001")!,
      expertUserId: account("demo_expert").id,
      committeeUserId: account("demo_committee").id,
      selfUnit: actor("demo_selfunit"),
      edu: actor("demo_edu"),
      province: actor("demo_province"),
      zjc: actor("demo_zjc"),
      provincePool,
    });

    // 申报: eligibility defaults and this year's open batch of committee 004 (db/seed-declarations.ts).
    await seedDeclarationDemo(tx, { createdBy: account("demo_selfunit").id });
    await seedDeclarationStatesDemo(tx, { orgs: ids, offices: new Map(["demo_unit", "demo_dept", "demo_province", "demo_selfunit"].map((n) => [account(n).orgId!, account(n)])), person: account("demo_person"), passwordHash });

    // 评审会议: committee 001's round in progress (评议中), two declarations waiting for the next (db/seed-review-round.ts).
    await seedReviewRoundDemo(tx, {
      orgs: ids,
      offices: new Map(["demo_unit", "demo_dept", "demo_edu", "demo_province", "demo_selfunit"].map((n) => [account(n).orgId!, account(n)])),
      province: account("demo_province").id,
      committee: account("demo_committee").id,
      expert: account("demo_expert").id,
      passwordHash,
    });
    // 评审结果: committee 001's rounds in 结果公示, confirmed (张三's certificate) and signed (db/seed-review-results.ts).
    await seedReviewResultsDemo(tx, {
      orgs: ids,
      offices: new Map(["demo_unit", "demo_dept", "demo_edu", "demo_province", "demo_selfunit"].map((n) => [account(n).orgId!, account(n)])),
      person: account("demo_person"),
      province: account("demo_province").id,
      province2: account("demo_province2").id,
      zjc: account("demo_zjc").id,
      committee: account("demo_committee").id,
      passwordHash,
    });

    // Certificate back-fill in every state, through the domain functions (db/seed-backfill.ts).
    const backfill = await seedBackfillDemo(tx, {
      person: account("demo_person"),
      province: account("demo_province"),
      selfUnit: account("demo_selfunit"),
      zjc: account("demo_zjc"),
      committee001: committeeId.get("001")!,
      committee004: committeeId.get("004")!,
      passwordHash,
    });
    // A pending 证件号码被占用申诉 for 贵阳市人社局 (db/seed-disputes.ts).
    await seedDisputeDemo(tx, DEMO_PASSWORD);
    return backfill;
  });

  return created ? { created: true, accounts, backfill: created } : { created: false, accounts };
}

// ---------------------------------------------------------------------------

// CJK characters take two terminal columns; console.table pads them as one and the columns drift.
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, w: number): string {
  return s + " ".repeat(Math.max(0, w - width(s)));
}

export function formatAccountTable(accounts: DemoAccount[]): string {
  const header = ["用户名", "密码", "角色", "所属单位"];
  const rows = accounts.map((a) => [a.username, a.password, a.role, a.org]);
  const widths = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]))));
  const line = (cells: string[]) => "  " + cells.map((c, i) => pad(c, widths[i])).join("  ").trimEnd();
  const rule = "  " + widths.map((w) => "-".repeat(w)).join("  ");
  const notes = accounts.filter((a) => a.idNumber).map((a) => `  （${a.username} 也可用身份证号 ${a.idNumber} 登录）`);
  return [line(header), rule, ...rows.map(line), ...notes].join("\n");
}
