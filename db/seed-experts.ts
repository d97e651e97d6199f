import { idCheckChar } from "../lib/validation/id-number";
import type { Db } from "./client";
import { expertConflicts, expertPoolMembers, expertProfiles, roleGrants, users } from "./schema";

/**
 * The demo's 专家库 (docs/domain.md §13): 贵州大学's pool of 30 generated 高校教师 experts plus
 * 李四 (demo_expert) and 张三 (demo_person, who also holds the pool's expert grant), 李四's profile and
 * one 回避声明 entry, and one pending invitation (the 省人社厅 invites 张三: his home shows it).
 * Deterministic: the same names, ID numbers and phones on every machine.
 */
export type ExpertSeedContext = {
  gzuOrg: string;
  provinceOrg: string;
  selfUnit: string;
  province: string;
  expert: { id: string; name: string; idNumber: string };
  person: { id: string; name: string; idNumber: string };
  passwordHash: string;
};

const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
const GIVEN = ["建华", "晓明", "丽娟", "志刚", "海燕", "文博", "国庆", "秀兰", "德明", "春梅", "永红", "立新", "玉兰", "振宇", "思远"];
/** 专业 and the 二级单位 that teaches it. */
const SPECIALTIES: [string, string][] = [
  ["计算机科学与技术", "计算机科学与技术学院"],
  ["化学", "化学与化工学院"],
  ["材料科学与工程", "材料与冶金学院"],
  ["机械工程", "机械工程学院"],
  ["土木工程", "土木工程学院"],
  ["农学", "农学院"],
  ["数学", "数学与统计学院"],
  ["物理学", "物理学院"],
  ["经济学", "经济学院"],
  ["法学", "法学院"],
];

export const DEMO_POOL_SIZE = 30;

function residentIdNumber(first17: string): string {
  return first17 + idCheckChar(first17);
}

/** The i-th generated expert of 贵州大学's pool (0-based). */
export function demoPoolExpert(i: number) {
  const [specialty, department] = SPECIALTIES[i % SPECIALTIES.length];
  const full = i % 3 === 0;
  const birth = `${1962 + (i % 20)}${String((i % 12) + 1).padStart(2, "0")}${String((i % 27) + 1).padStart(2, "0")}`;
  return {
    name: SURNAMES[i % SURNAMES.length] + GIVEN[Math.floor(i / 2) % GIVEN.length],
    idNumber: residentIdNumber(`520102${birth}${String(300 + i).padStart(3, "0")}`),
    phone: `13985${String(300000 + i)}`,
    specialty,
    department,
    title: full ? "教授" : "副教授",
    level: full ? ("senior_full" as const) : ("senior_deputy" as const),
  };
}

export async function seedExpertPoolDemo(tx: Db, ctx: ExpertSeedContext): Promise<{ poolSize: number }> {
  const generated = Array.from({ length: DEMO_POOL_SIZE }, (_, i) => demoPoolExpert(i));
  const created = await tx
    .insert(users)
    .values(
      generated.map((e) => ({
        role: "person" as const,
        name: e.name,
        idType: "resident" as const,
        idNumber: e.idNumber,
        phone: e.phone,
        nationality: "中国",
        birthDate: `${e.idNumber.slice(6, 10)}-${e.idNumber.slice(10, 12)}-${e.idNumber.slice(12, 14)}`,
        gender: Number(e.idNumber[16]) % 2 === 1 ? "male" : "female",
        passwordHash: ctx.passwordHash,
      })),
    )
    .returning({ id: users.id, idNumber: users.idNumber });
  const idOf = new Map(created.map((c) => [c.idNumber!, c.id]));
  const acceptedAt = new Date();

  const people = [
    ...generated.map((e) => ({ ...e, userId: idOf.get(e.idNumber)!, workUnit: "贵州大学", series: "高校教师" })),
    {
      name: ctx.expert.name, idNumber: ctx.expert.idNumber, phone: "13985100008", userId: ctx.expert.id, series: "高校教师",
      specialty: "计算机科学与技术", department: "计算机科学与技术学院", title: "教授", level: "senior_full" as const, workUnit: "贵州大学",
    },
    {
      name: ctx.person.name, idNumber: ctx.person.idNumber, phone: "13985100001", userId: ctx.person.id, series: "工程技术",
      specialty: "建筑工程", department: null, title: "正高级工程师", level: "senior_full" as const, workUnit: "贵州省建筑设计研究院有限责任公司",
    },
  ];
  await tx.insert(expertProfiles).values(
    people.map((p) => ({ userId: p.userId, title: p.title, series: p.series, specialty: p.specialty, level: p.level, workUnit: p.workUnit, department: p.department, phone: p.phone })),
  );
  await tx.insert(expertPoolMembers).values(
    people.map((p) => ({
      orgId: ctx.gzuOrg, userId: p.userId, invitedName: p.name, idType: "resident" as const, idNumber: p.idNumber, invitedPhone: p.phone,
      title: p.title, series: p.series, specialty: p.specialty, level: p.level, workUnit: p.workUnit,
      status: "active" as const, invitedBy: ctx.selfUnit, acceptedAt, version: 2,
    })),
  );
  // The generated experts' pool grant (李四's is his default grant, 张三's an extra grant of db/seed.ts).
  await tx.insert(roleGrants).values(generated.map((e) => ({ userId: idOf.get(e.idNumber)!, role: "expert" as const, orgId: ctx.gzuOrg })));

  await tx.insert(expertConflicts).values({
    userId: ctx.expert.id, kind: "unit", unitName: "贵州师范大学", relation: "collaborator", endDate: "2027-12-31",
  });
  // A pending invitation: 张三 sees 「专家库邀请」 from the 省人社厅 on his home page.
  await tx.insert(expertPoolMembers).values({
    orgId: ctx.provinceOrg, invitedName: ctx.person.name, idType: "resident", idNumber: ctx.person.idNumber, invitedPhone: "13985100001",
    title: "正高级工程师", series: "工程技术", specialty: "建筑工程", level: "senior_full", workUnit: "贵州省建筑设计研究院有限责任公司",
    invitedBy: ctx.province,
  });
  return { poolSize: people.length };
}

/** 专业 and the 工作单位 of the 省人社厅's generated 工程技术 experts. */
const ENGINEERING: [string, string][] = [
  ["建筑工程", "贵州省建筑设计研究院有限责任公司"],
  ["道路与桥梁工程", "贵州省交通规划勘察设计研究院股份有限公司"],
  ["水利水电工程", "中国电建集团贵阳勘测设计研究院有限公司"],
  ["电气工程", "贵州电网有限责任公司"],
  ["机械工程", "中国航发贵州黎阳航空动力有限公司"],
  ["矿业工程", "贵州盘江精煤股份有限公司"],
];
const ENGINEERING_GIVEN = ["国栋", "明辉", "雪梅", "卫东", "红英", "俊杰", "桂芳", "建新", "淑珍", "光荣", "晓燕", "志远"];

/** Generated experts of the 省人社厅's pool besides 王五 and 李四: with them, committee 001's 25-member term. */
export const DEMO_PROVINCE_POOL_GENERATED = 23;

/** The i-th generated 工程技术 expert of the 省人社厅's pool (0-based). */
export function demoProvinceExpert(i: number) {
  const [specialty, workUnit] = ENGINEERING[i % ENGINEERING.length];
  const full = i % 2 === 0;
  const birth = `${1964 + (i % 18)}${String(((i + 5) % 12) + 1).padStart(2, "0")}${String(((i * 7) % 27) + 1).padStart(2, "0")}`;
  return {
    name: SURNAMES[(i + 3) % SURNAMES.length] + ENGINEERING_GIVEN[Math.floor(i / 2) % ENGINEERING_GIVEN.length],
    idNumber: residentIdNumber(`520103${birth}${String(400 + i).padStart(3, "0")}`),
    phone: `13985${String(400000 + i)}`,
    specialty,
    workUnit,
    title: full ? "正高级工程师" : "高级工程师",
    level: full ? ("senior_full" as const) : ("senior_deputy" as const),
  };
}

export type ProvincePoolContext = {
  provinceOrg: string;
  province: string;
  /** 王五 (demo_committee): 建筑工程 正高级工程师, a profile of his own. */
  committee: { id: string; name: string; idNumber: string };
  /** 李四 (demo_expert): also holds 正高级工程师 (计算机应用技术) and sits in the 省人社厅's pool. */
  expert: { id: string; name: string; idNumber: string };
  passwordHash: string;
};

/**
 * The 省人社厅's 专家库 of 工程技术 experts (committee 001 is chosen from it): 23 generated experts, 王五
 * and 李四, each with the pool's expert grant. 王五's expert grant is written after every other row of the
 * seed's transaction (its created_at is later than the transaction's now()), so his login starts at the
 * older 评委会成员 grant of committee 001 the term gives him (lib/auth/grants.ts, oldest usable first).
 */
export async function seedProvincePoolDemo(tx: Db, ctx: ProvincePoolContext): Promise<{ generated: string[]; committee: string; expert: string }> {
  const generated = Array.from({ length: DEMO_PROVINCE_POOL_GENERATED }, (_, i) => demoProvinceExpert(i));
  const created = await tx
    .insert(users)
    .values(
      generated.map((e) => ({
        role: "person" as const,
        name: e.name,
        idType: "resident" as const,
        idNumber: e.idNumber,
        phone: e.phone,
        nationality: "中国",
        birthDate: `${e.idNumber.slice(6, 10)}-${e.idNumber.slice(10, 12)}-${e.idNumber.slice(12, 14)}`,
        gender: Number(e.idNumber[16]) % 2 === 1 ? "male" : "female",
        passwordHash: ctx.passwordHash,
      })),
    )
    .returning({ id: users.id, idNumber: users.idNumber });
  const idOf = new Map(created.map((c) => [c.idNumber!, c.id]));
  const people = [
    ...generated.map((e) => ({ ...e, userId: idOf.get(e.idNumber)! })),
    {
      name: ctx.committee.name, idNumber: ctx.committee.idNumber, phone: "13985100009", userId: ctx.committee.id,
      specialty: "建筑工程", workUnit: "贵州省建筑设计研究院有限责任公司", title: "正高级工程师", level: "senior_full" as const,
    },
    {
      name: ctx.expert.name, idNumber: ctx.expert.idNumber, phone: "13985100008", userId: ctx.expert.id,
      specialty: "计算机应用技术", workUnit: "贵州大学", title: "正高级工程师", level: "senior_full" as const,
    },
  ];
  // 李四 keeps the profile of db/seed-experts.ts's 贵州大学 pool; the others get theirs here.
  await tx.insert(expertProfiles).values(
    people
      .filter((p) => p.userId !== ctx.expert.id)
      .map((p) => ({ userId: p.userId, title: p.title, series: "工程技术", specialty: p.specialty, level: p.level, workUnit: p.workUnit, department: null, phone: p.phone })),
  );
  const rows = await tx
    .insert(expertPoolMembers)
    .values(
      people.map((p) => ({
        orgId: ctx.provinceOrg, userId: p.userId, invitedName: p.name, idType: "resident" as const, idNumber: p.idNumber, invitedPhone: p.phone,
        title: p.title, series: "工程技术", specialty: p.specialty, level: p.level, workUnit: p.workUnit,
        status: "active" as const, invitedBy: ctx.province, acceptedAt: new Date(), version: 2,
      })),
    )
    .returning({ id: expertPoolMembers.id, userId: expertPoolMembers.userId });
  await tx.insert(roleGrants).values(
    people
      .filter((p) => p.userId !== ctx.committee.id)
      .map((p) => ({ userId: p.userId, role: "expert" as const, orgId: ctx.provinceOrg })),
  );
  await tx.insert(roleGrants).values({ userId: ctx.committee.id, role: "expert", orgId: ctx.provinceOrg, createdAt: new Date(Date.now() + 1000) });
  const poolIdOf = (userId: string) => rows.find((r) => r.userId === userId)!.id;
  return { generated: generated.map((e) => poolIdOf(idOf.get(e.idNumber)!)), committee: poolIdOf(ctx.committee.id), expert: poolIdOf(ctx.expert.id) };
}
