import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import * as drafts from "../lib/declarations/drafts";
import { storeDeclarationPhoto } from "../lib/declarations/photo";
import type { Actor } from "../lib/declarations/access";
import { publicityEnd } from "../lib/declarations/publicity-dates";
import * as tr from "../lib/declarations/transitions";
import { todayInChina } from "../lib/filings/constants";
import { idCheckChar } from "../lib/validation/id-number";
import type { Db } from "./client";
import { demoDeclarationPhoto } from "./demo-portrait";
import {
  committees,
  declarationBatches,
  declarations,
  publicities,
  users,
  type Declaration,
  type DeclarationAchievement,
  type DeclarationBasic,
  type DeclarationEducation,
  type DeclarationWork,
  type NoticeItem,
} from "./schema";
import type { TitleLevel } from "./schema/enums";

/**
 * 申报 demo data (docs/domain.md §16): declarations to committee 004 (贵州大学) in every reachable state, each
 * produced by the real functions of lib/declarations (drafts, transitions) — never a raw status write. The
 * only thing written directly is a 公示's dates: a finished 公示 is posted two weeks back, since the seed
 * cannot wait five working days. `walkDeclaration` is also used by the visibility-matrix test.
 */

/** What a person fills in (ids of entries are added here). */
export type DeclarationProfile = {
  specialty: string;
  targetLevel: TitleLevel;
  unitOrgId: string;
  basic: DeclarationBasic & { gender: "男" | "女" };
  education: Omit<DeclarationEducation, "id">[];
  work: Omit<DeclarationWork, "id">[];
  currentTitle: string;
  currentTitleLevel: TitleLevel | null;
  currentTitleDate: string | null;
  achievements: Omit<DeclarationAchievement, "id" | "attachmentId">[];
};

/** A draft with every section saved, its 证件照 uploaded and the 诚信承诺 ticked, as the form saves it. */
export async function createCompleteDraft(tx: Db, person: Actor, batchId: string, p: DeclarationProfile): Promise<Declaration> {
  let d = await drafts.createDraft(tx, person, { batchId, specialty: p.specialty, targetLevel: p.targetLevel });
  const ref = () => ({ declarationId: d.id, version: d.version });
  d = await drafts.saveBasicSection(tx, person, { ...ref(), unitOrgId: p.unitOrgId, ...p.basic, employment: p.basic.employment ?? "in_service" });
  d = await drafts.saveEducationSection(tx, person, { ...ref(), entries: p.education.map((e) => ({ id: randomUUID(), ...e })) });
  d = await drafts.saveWorkSection(tx, person, { ...ref(), entries: p.work.map((w) => ({ id: randomUUID(), ...w })) });
  d = await drafts.saveTitleSection(tx, person, { ...ref(), currentTitle: p.currentTitle, currentTitleLevel: p.currentTitleLevel, currentTitleDate: p.currentTitleDate });
  d = await drafts.saveAchievementsSection(tx, person, { ...ref(), entries: p.achievements.map((a) => ({ id: randomUUID(), attachmentId: null, ...a })) });
  d = await addDemoPhoto(tx, person, d, p.basic.gender);
  d = await drafts.acceptPledge(tx, person, { ...ref(), accepted: true });
  return d;
}

/** The 证件照 step as the form does it (a demo portrait through the real store); answers `d` at its new version. */
export async function addDemoPhoto(tx: Db, person: Actor, d: Declaration, gender: "男" | "女" = "男"): Promise<Declaration> {
  const stored = await storeDeclarationPhoto(tx, person, { declarationId: d.id, version: d.version, photo: await demoDeclarationPhoto(gender) });
  return { ...d, version: stored.version, pledgeAcceptedAt: null };
}

/** The stages a declaration can be walked to, in route order (the route's skipped stages are skipped). */
export const WALK_STAGES = ["draft", "submitted", "unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked", "accepted"] as const;
export type WalkStage = (typeof WALK_STAGES)[number];

/** The actor acting for each office, by organisation id. */
export type OfficeActors = ReadonlyMap<string, Actor>;

function plusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

async function load(tx: Db, id: string): Promise<Declaration> {
  const [d] = await tx.select().from(declarations).where(eq(declarations.id, id));
  return d;
}

function officeOf(offices: OfficeActors, orgId: string | null, what: string): Actor {
  const a = orgId ? offices.get(orgId) : undefined;
  if (!a) throw new Error(`walkDeclaration: no actor for the ${what} (${orgId})`);
  return a;
}

function expectMoved(res: { moved: string[]; refused: { reason: string }[] }, id: string, what: string) {
  if (!res.moved.includes(id)) throw new Error(`walkDeclaration: ${what} refused: ${res.refused.map((r) => r.reason).join("；")}`);
}

/**
 * Moves a complete draft forward to `target` through the transitions, each by the office holding it. A 公示 is
 * started today; when the walk goes past it (or `publicity: "finished"`), the 公示 is moved two weeks back and
 * finished. Returns the 公示 started, if any.
 */
export async function walkDeclaration(
  tx: Db,
  person: Actor,
  offices: OfficeActors,
  declarationId: string,
  target: WalkStage,
  opts: { publicity?: "open" | "finished" } = {},
): Promise<{ publicityId: string | null }> {
  const reach = (s: WalkStage) => WALK_STAGES.indexOf(target) >= WALK_STAGES.indexOf(s);
  let publicityId: string | null = null;
  if (!reach("submitted")) return { publicityId };
  let d = await load(tx, declarationId);
  await tr.submitDeclaration(tx, person, { declarationId, version: d.version });
  d = await load(tx, declarationId);
  const unit = officeOf(offices, d.unitOrgId, "unit");
  if (reach("unit_verified")) expectMoved(await tr.unitVerify(tx, unit, { ids: [declarationId] }), declarationId, "unit_verify");
  if (reach("in_publicity")) {
    const today = todayInChina();
    const pub = await tr.startPublicity(tx, unit, { ids: [declarationId], postedOn: today });
    publicityId = pub.publicityId;
    if (reach("unit_recommended") || opts.publicity === "finished") await finishBackdated(tx, unit, pub.publicityId);
  }
  if (reach("unit_recommended")) expectMoved(await tr.unitRecommend(tx, unit, { ids: [declarationId] }), declarationId, "unit_recommend");
  d = await load(tx, declarationId);
  if (reach("dept_approved") && d.routeDept) expectMoved(await tr.deptApprove(tx, officeOf(offices, d.deptOrgId, "主管部门"), { ids: [declarationId] }), declarationId, "dept_approve");
  if (target === "dept_approved" && !d.routeDept) throw new Error("walkDeclaration: the route has no 主管部门 stage");
  if (reach("hrss_checked") && d.routeHrss) expectMoved(await tr.hrssCheck(tx, officeOf(offices, d.hrssOrgId, "人社部门"), { ids: [declarationId] }), declarationId, "hrss_check");
  if (target === "hrss_checked" && !d.routeHrss) throw new Error("walkDeclaration: the route has no 人社部门 stage");
  if (reach("accepted")) expectMoved(await tr.acceptDeclarations(tx, officeOf(offices, d.formingOrgId, "forming organisation"), { ids: [declarationId] }), declarationId, "accept");
  return { publicityId };
}

/** A 公示 posted two weeks ago (its working days long over), then finished by the unit. */
export async function finishBackdated(tx: Db, unit: Actor, publicityId: string): Promise<void> {
  const postedOn = plusDays(todayInChina(), -14);
  await tx.update(publicities).set({ postedOn, endsOn: await publicityEnd(tx, postedOn) }).where(eq(publicities.id, publicityId));
  await tr.finishPublicity(tx, unit, { publicityId });
}

/** 退回补正 at the version the office sees. */
export async function returnDeclaration(tx: Db, office: Actor, declarationId: string, reason: string, items: NoticeItem[]) {
  const d = await load(tx, declarationId);
  return tr.returnWithNotice(tx, office, { declarationId, version: d.version, reason, items });
}

/** 不予受理 at the version the office sees. */
export async function rejectDeclaration(tx: Db, office: Actor, declarationId: string, reason: string) {
  const d = await load(tx, declarationId);
  return tr.rejectDeclaration(tx, office, { declarationId, version: d.version, reason });
}

// ---------------------------------------------------------------------------
// The demo people and what they declare.

function resident(first17: string) {
  return { idType: "resident" as const, idNumber: first17 + idCheckChar(first17) };
}

type DemoCase = {
  key: string;
  name: string;
  id17: string;
  unit: "sjy" | "gzu";
  profile: Omit<DeclarationProfile, "unitOrgId">;
};

const phd = (school: string, major: string, from: number): Omit<DeclarationEducation, "id"> => ({
  level: "doctorate", school, major, from: `${from}-09-01`, to: `${from + 4}-06-30`, degree: "博士", fullTime: true,
});
const master = (school: string, major: string, from: number): Omit<DeclarationEducation, "id"> => ({
  level: "master", school, major, from: `${from}-09-01`, to: `${from + 3}-06-30`, degree: "硕士", fullTime: true,
});
const bachelor = (school: string, major: string, from: number): Omit<DeclarationEducation, "id"> => ({
  level: "bachelor", school, major, from: `${from}-09-01`, to: `${from + 4}-06-30`, degree: "学士", fullTime: true,
});

const SJY = "贵州省建筑设计研究院有限责任公司";
const GZU = "贵州大学";

function sjyCase(key: string, name: string, id17: string, gender: "男" | "女", specialty: string, post: string, dept: string, start: number, achievements: DemoCase["profile"]["achievements"]): DemoCase {
  return {
    key, name, id17, unit: "sjy",
    profile: {
      specialty, targetLevel: "senior_deputy",
      basic: { gender, birthDate: `${id17.slice(6, 10)}-${id17.slice(10, 12)}-${id17.slice(12, 14)}`, phone: `139851${id17.slice(12, 17)}`, email: "", department: dept, post },
      education: [bachelor("贵州大学", specialty, start - 7), master("重庆大学", specialty, start - 3)],
      work: [
        { from: `${start}-07-15`, to: `${start + 4}-12-31`, employer: SJY, post: "助理工程师" },
        { from: `${start + 5}-01-01`, to: null, employer: SJY, post },
      ],
      currentTitle: "工程师", currentTitleLevel: "intermediate", currentTitleDate: `${start + 4}-12-20`,
      achievements,
    },
  };
}

function gzuCase(key: string, name: string, id17: string, gender: "男" | "女", specialty: string, college: string, start: number, achievements: DemoCase["profile"]["achievements"]): DemoCase {
  return {
    key, name, id17, unit: "gzu",
    profile: {
      specialty, targetLevel: "senior_deputy",
      basic: { gender, birthDate: `${id17.slice(6, 10)}-${id17.slice(10, 12)}-${id17.slice(12, 14)}`, phone: `139851${id17.slice(12, 17)}`, email: "", department: college, post: "专任教师" },
      education: [bachelor("四川大学", specialty, start - 10), phd("华中科技大学", specialty, start - 5)],
      work: [{ from: `${start}-07-01`, to: null, employer: GZU, post: "专任教师" }],
      currentTitle: "讲师", currentTitleLevel: "intermediate", currentTitleDate: `${start + 1}-12-25`,
      achievements,
    },
  };
}

const paper = (title: string, detail: string, date: string) => ({ kind: "paper" as const, title, detail, date });
const project = (title: string, detail: string, date: string) => ({ kind: "project" as const, title, detail, date });
const award = (title: string, detail: string, date: string) => ({ kind: "award" as const, title, detail, date });
const patent = (title: string, detail: string, date: string) => ({ kind: "patent" as const, title, detail, date });

/** Who declares what, and where the walk stops. Keys name the state the demo leaves each declaration in. */
export const DEMO_DECLARATION_CASES: DemoCase[] = [
  sjyCase("draft", "李明", "52010219880412301", "男", "建筑学", "建筑设计师", "第一建筑设计所", 2012, [
    project("贵阳市观山湖区公共文化中心建筑设计", "项目建筑专业负责人，建筑面积4.2万平方米", "2022-06-30"),
  ]),
  sjyCase("submitted", "王芳", "52010219890723302", "女", "结构工程", "结构设计师", "结构设计所", 2013, [
    paper("山地建筑高位转换结构的抗震性能研究", "《建筑结构》第一作者", "2021-08-15"),
    project("遵义市红花岗区人民医院门诊综合楼结构设计", "结构专业负责人", "2020-11-30"),
  ]),
  sjyCase("unit_verified", "赵磊", "52010219870105313", "男", "给排水工程", "给排水设计师", "机电设计所", 2011, [
    project("贵安新区大数据产业园给排水系统设计", "专业负责人，获省优秀工程勘察设计二等奖", "2021-05-20"),
  ]),
  sjyCase("publicity_running", "陈静", "52010219900918324", "女", "暖通空调", "暖通设计师", "机电设计所", 2014, [
    paper("黔中地区公共建筑夏季自然通风设计策略", "《暖通空调》第一作者", "2022-03-10"),
  ]),
  sjyCase("publicity_objection", "刘洋", "52010219860630315", "男", "岩土工程", "岩土工程师", "岩土工程所", 2010, [
    project("六盘水市高边坡综合治理工程勘察设计", "项目负责人", "2019-12-31"),
    patent("一种喀斯特地区桩基溶洞注浆加固装置", "实用新型专利，第一发明人", "2021-04-08"),
  ]),
  sjyCase("unit_recommended", "杨帆", "52010219880227315", "男", "建筑电气", "电气设计师", "机电设计所", 2012, [
    project("贵州省人民医院新院区电气设计", "电气专业负责人", "2021-09-30"),
  ]),
  sjyCase("dept_approved", "黄丽", "52010219870814328", "女", "城乡规划", "规划师", "城市规划设计所", 2011, [
    project("黔东南州传统村落保护与发展规划", "项目负责人", "2020-10-15"),
    award("贵州省优秀城乡规划设计奖一等奖", "排名第二", "2021-12-01"),
  ]),
  sjyCase("hrss_checked", "周婷", "52010219891103328", "女", "建筑学", "建筑设计师", "第二建筑设计所", 2013, [
    project("安顺市西秀区文化艺术中心建筑设计", "建筑专业负责人", "2022-01-20"),
  ]),
  sjyCase("accepted", "吴刚", "52010219851209319", "男", "结构工程", "结构总工程师", "结构设计所", 2009, [
    paper("装配式混凝土框架节点在山地城市中的应用", "《土木工程学报》第一作者", "2020-06-18"),
    award("贵州省科学技术进步奖三等奖", "排名第三", "2022-11-30"),
  ]),
  sjyCase("rejected", "徐丽", "52010219900305320", "女", "工程造价", "造价工程师", "工程咨询中心", 2014, [
    project("贵阳市轨道交通3号线车站工程造价咨询", "项目负责人", "2021-07-31"),
  ]),
  sjyCase("returned_by_dept", "孙伟", "52010219880716311", "男", "结构工程", "结构设计师", "结构设计所", 2012, [
    project("贵阳市轨道交通2号线白云北路站结构设计", "结构专业负责人", "2022-08-31"),
    paper("喀斯特山区高层建筑桩筏基础沉降分析", "《岩土工程学报》第一作者", "2021-04-20"),
  ]),
  gzuCase("self_unit_recommended", "罗娜", "52010219860518322", "女", "计算机科学与技术", "计算机科学与技术学院", 2015, [
    paper("面向山区物联网的低功耗数据聚合算法", "《计算机学报》第一作者", "2021-10-12"),
    project("国家自然科学基金地区科学基金项目", "主持，项目编号62162008", "2021-09-01"),
  ]),
  gzuCase("self_accepted", "田野", "52010219840921311", "男", "化学", "化学与化工学院", 2013, [
    paper("喀斯特地区土壤重金属的形态分布与迁移规律", "《环境科学》第一作者", "2019-05-20"),
    patent("一种磷石膏综合利用的制备方法", "发明专利，第一发明人", "2022-02-14"),
  ]),
  gzuCase("self_returned", "石磊", "52010219870612317", "男", "农学", "农学院", 2016, [
    project("贵州省科技支撑计划：高原山地茶叶品质提升关键技术", "主持", "2022-04-30"),
  ]),
];

/** The states the demo leaves, by declaration (for the README and the demo-seed test). */
export type DeclarationDemoSummary = { key: string; person: string; id: string; status: Declaration["status"] }[];

/**
 * The demo: 张三 (demo_person) has one withdrawn declaration only, so he can still start one in the open batch
 * (the person screens and their tests do); the people of 贵州省建筑设计研究院 (demo_unit, full route: 住建厅 →
 * 省人社厅 → 贵州大学) and of 贵州大学 (demo_selfunit, self-review) fill the other states: a draft, submitted,
 * unit_verified, two in a running 公示 (one with an open objection), unit_recommended, returned with a 一次性告知
 * by the 住建厅, dept_approved, hrss_checked, accepted, rejected, and a self-review waiting for acceptance,
 * accepted, and returned by the unit.
 */
export async function seedDeclarationStatesDemo(
  tx: Db,
  ctx: { orgs: ReadonlyMap<string, string>; offices: OfficeActors; person: Actor; passwordHash: string },
): Promise<DeclarationDemoSummary> {
  const [batch] = await tx
    .select({ id: declarationBatches.id })
    .from(declarationBatches)
    .innerJoin(committees, eq(committees.id, declarationBatches.committeeId))
    .where(and(eq(committees.code, "004"), eq(declarationBatches.status, "open")))
    .limit(1);
  if (!batch) return [];
  const org = (k: string) => ctx.orgs.get(k)!;
  const out: DeclarationDemoSummary = [];
  const people = await tx
    .insert(users)
    .values(
      DEMO_DECLARATION_CASES.map((c, i) => ({
        username: `demo_applicant_${String(i + 1).padStart(2, "0")}`,
        role: "person" as const,
        name: c.name,
        phone: c.profile.basic.phone,
        nationality: "中国",
        sensitiveConsentAt: new Date(),
        orgId: org(c.unit),
        passwordHash: ctx.passwordHash,
        ...resident(c.id17),
      })),
    )
    .returning({ id: users.id, name: users.name });
  const actorOf = (i: number): Actor => ({ id: people[i].id, role: "person", orgId: org(DEMO_DECLARATION_CASES[i].unit) });
  const unitSjy = ctx.offices.get(org("sjy"))!;
  const gzu = ctx.offices.get(org("gzu"))!;
  const zjt = ctx.offices.get(org("zjt"))!;
  const made = new Map<string, { id: string; person: Actor; name: string }>();
  for (const [i, c] of DEMO_DECLARATION_CASES.entries()) {
    const person = actorOf(i);
    const d = await createCompleteDraft(tx, person, batch.id, { ...c.profile, unitOrgId: org(c.unit) });
    made.set(c.key, { id: d.id, person, name: c.name });
  }
  const walk = (key: string, to: WalkStage, opts?: { publicity?: "open" | "finished" }) => walkDeclaration(tx, made.get(key)!.person, ctx.offices, made.get(key)!.id, to, opts);
  await walk("draft", "draft");
  await walk("submitted", "submitted");
  await walk("unit_verified", "unit_verified");
  // One running 公示 of 贵州省建筑设计研究院 listing two people; an objection against one of them is open.
  await walk("publicity_running", "unit_verified");
  await walk("publicity_objection", "unit_verified");
  const running = await tr.startPublicity(tx, unitSjy, { ids: [made.get("publicity_running")!.id, made.get("publicity_objection")!.id], postedOn: todayInChina() });
  await tr.recordObjection(tx, unitSjy, {
    publicityId: running.publicityId,
    declarationId: made.get("publicity_objection")!.id,
    text: "反映其申报材料中“六盘水市高边坡综合治理工程”的项目负责人身份与实际不符，请单位核实。",
    filedByName: "张某",
    filedByContact: "13985199999",
  });
  await walk("unit_recommended", "unit_recommended");
  await walk("dept_approved", "dept_approved");
  await walk("hrss_checked", "hrss_checked");
  await walk("accepted", "accepted");
  await walk("rejected", "unit_recommended");
  await rejectDeclaration(tx, zjt, made.get("rejected")!.id, "经核查，申报人提交的造价咨询项目业绩证明材料与项目实际情况不符，不予受理。");
  await walk("self_unit_recommended", "unit_recommended");
  await walk("self_accepted", "accepted");
  await walk("self_returned", "submitted");
  await returnDeclaration(tx, gzu, made.get("self_returned")!.id, "申报材料不完整", [
    { slot: "education", field: "学历证书", text: "请补充上传本科、博士阶段的学历证书和学位证书扫描件" },
    { slot: "achievements", field: "业绩成果", text: "项目“高原山地茶叶品质提升关键技术”请补充立项文件和结题证明" },
  ]);

  // 张三: an earlier declaration, withdrawn; 孙伟: returned by the 主管部门 with a 一次性告知.
  const zhang = ctx.person;
  const zhangProfile: DeclarationProfile = {
    specialty: "土木工程",
    targetLevel: "senior_deputy",
    unitOrgId: org("sjy"),
    basic: { gender: "男", birthDate: "1990-03-15", phone: "13985100001", email: "zhangsan@example.com", department: "结构设计所", post: "结构设计师" },
    education: [bachelor("贵州大学", "土木工程", 2008), master("同济大学", "结构工程", 2012)],
    work: [
      { from: "2015-07-10", to: "2018-12-31", employer: SJY, post: "助理工程师" },
      { from: "2019-01-01", to: null, employer: SJY, post: "结构设计师" },
    ],
    currentTitle: "工程师",
    currentTitleLevel: "intermediate",
    currentTitleDate: "2018-12-20",
    achievements: [
      paper("喀斯特山区高层建筑桩筏基础沉降分析", "《岩土工程学报》第一作者", "2021-04-20"),
      project("贵阳国际会议展览中心二期结构设计", "结构专业负责人", "2022-08-31"),
      award("贵州省优秀工程勘察设计奖二等奖", "排名第三", "2023-06-15"),
    ],
  };
  const first = await createCompleteDraft(tx, zhang, batch.id, zhangProfile);
  await walkDeclaration(tx, zhang, ctx.offices, first.id, "submitted");
  const firstNow = await load(tx, first.id);
  await tr.withdrawDeclaration(tx, zhang, { declarationId: first.id, version: firstNow.version });
  await walk("returned_by_dept", "unit_recommended");
  await returnDeclaration(tx, zjt, made.get("returned_by_dept")!.id, "业绩材料需补充", [
    { slot: "achievements", field: "业绩成果", text: "“贵阳市轨道交通2号线白云北路站结构设计”请补充施工图审查合格书及本人签字页" },
    { slot: "work", field: "工作经历", text: "请补充2015年7月至2018年12月的劳动合同或单位出具的任职证明" },
  ]);
  made.set("zhang_withdrawn", { id: first.id, person: zhang, name: "张三" });

  for (const [key, m] of made) out.push({ key, person: m.name, id: m.id, status: (await load(tx, m.id)).status });
  return out;
}
