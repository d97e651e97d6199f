/**
 * A committee ready for a review round, written directly (setup data, not what is under test): a
 * 自主评审单位 with two staff accounts, a 高校教师 committee (副高–正高) whose term of N members (odd; the
 * first 主任委员 with his 评委会成员 grant, two 副主任委员) has an approved filing covering the meeting date,
 * each member an expert of the organisation's pool with a profile, and M accepted declarations from another
 * unit. Used by tests/integration/review-rounds.test.ts and tests/bench/evaluation.bench.ts.
 */
import type { Db } from "@/db/client";
import {
  committeeFilings,
  committees,
  committeeTermMembers,
  committeeTerms,
  declarationBatches,
  declarations,
  expertPoolMembers,
  expertProfiles,
  orgs,
  roleGrants,
  users,
} from "@/db/schema";
import type { TitleLevel } from "@/db/schema/enums";
import { hashPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";
import { sessionUnderGrant } from "@/db/seed-review-setup";
import { personName, residentId } from "./roster-workbook";

export const FIXTURE_PASSWORD = "Review@2026";
const DEPARTMENTS = ["化学与化工学院", "计算机科学与技术学院", "机械工程学院", "土木工程学院", "农学院"];

export type RoundFixture = {
  orgId: string;
  orgName: string;
  candidateUnitId: string;
  committeeId: string;
  termId: string;
  meetingDate: string;
  staff: [string, string];
  chair: string;
  members: { userId: string; termMemberId: string; level: TitleLevel; department: string; idNumber: string }[];
  declarationIds: string[];
  candidateUsers: string[];
};

function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/**
 * `seed`: a number distinct per fixture in one database (ID numbers and the committee code derive from it).
 * Members alternate 正高 / 副高 (the first, the 主任, is 正高); candidates target 副高.
 */
export async function buildRoundFixture(db: Db, opts: { seed: number; members?: number; candidates: number; passwordHash?: string }): Promise<RoundFixture> {
  const n = opts.members ?? 25;
  const base = 700_000 + opts.seed * 20_000;
  const passwordHash = opts.passwordHash ?? (await hashPassword(FIXTURE_PASSWORD));
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const end = new Date(Date.UTC(today.getUTCFullYear() + 2, 11, 31));
  const meetingDate = isoDay(today);
  const orgName = `评审测试大学${opts.seed}`;
  const [org] = await db.insert(orgs).values({ name: orgName, kind: "unit", level: "province", regionCode: "520000", status: "active" }).returning({ id: orgs.id });
  const [unit] = await db.insert(orgs).values({ name: `申报测试学院${opts.seed}`, kind: "unit", level: "city", regionCode: "520100", status: "active" }).returning({ id: orgs.id });
  const [committee] = await db
    .insert(committees)
    .values({ name: `${orgName}高校教师职称评审委员会`, code: `9${String(opts.seed).padStart(2, "0")}`, series: "高校教师", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: org.id })
    .returning({ id: committees.id });

  const staff = await db
    .insert(users)
    .values([0, 1].map((i) => ({ username: `review_staff_${opts.seed}_${i}`, role: "self_unit" as const, name: `工作人员${i + 1}`, orgId: org.id, passwordHash })))
    .returning({ id: users.id });

  const people = Array.from({ length: n }, (_, i) => {
    const idNumber = residentId(base + i);
    const level: TitleLevel = i % 2 === 0 ? "senior_full" : "senior_deputy";
    return { idNumber, level, name: personName(base + i), department: DEPARTMENTS[i % DEPARTMENTS.length] };
  });
  const memberUsers = await db
    .insert(users)
    .values(people.map((p, i) => ({ username: `review_member_${opts.seed}_${i}`, role: "person" as const, name: p.name, idType: "resident" as const, idNumber: p.idNumber, passwordHash })))
    .returning({ id: users.id });
  await db.insert(roleGrants).values(memberUsers.map((u) => ({ userId: u.id, role: "expert" as const, orgId: org.id })));
  await db.insert(expertProfiles).values(
    people.map((p, i) => ({ userId: memberUsers[i].id, title: p.level === "senior_full" ? "教授" : "副教授", series: "高校教师", specialty: "化学", level: p.level, workUnit: orgName, department: p.department })),
  );
  const pool = await db
    .insert(expertPoolMembers)
    .values(
      people.map((p, i) => ({
        orgId: org.id,
        userId: memberUsers[i].id,
        invitedName: p.name,
        idType: "resident" as const,
        idNumber: p.idNumber,
        invitedPhone: `139${String(base + i).padStart(8, "0")}`,
        title: p.level === "senior_full" ? "教授" : "副教授",
        series: "高校教师",
        specialty: "化学",
        level: p.level,
        workUnit: orgName,
        status: "active" as const,
        acceptedAt: new Date(),
      })),
    )
    .returning({ id: expertPoolMembers.id });
  const [term] = await db.insert(committeeTerms).values({ committeeId: committee.id, startDate: isoDay(start), endDate: isoDay(end), status: "active" }).returning({ id: committeeTerms.id });
  const termMembers = await db
    .insert(committeeTermMembers)
    .values(pool.map((p, i) => ({ termId: term.id, poolMemberId: p.id, userId: memberUsers[i].id, position: i === 0 ? ("chair" as const) : i < 3 ? ("vice_chair" as const) : ("member" as const) })))
    .returning({ id: committeeTermMembers.id });
  await db.insert(roleGrants).values({ userId: memberUsers[0].id, role: "committee_member", orgId: org.id, committeeId: committee.id, termId: term.id, position: "主任委员" });
  await db.insert(committeeFilings).values({
    committeeId: committee.id,
    termId: term.id,
    formingOrgId: org.id,
    series: "高校教师",
    specialties: "高校教师系列各专业",
    levelFrom: "senior_deputy",
    levelTo: "senior_full",
    scope: "series",
    validFrom: isoDay(start),
    validTo: isoDay(end),
    status: "approved",
    approvedAt: new Date(),
  });
  const [batch] = await db
    .insert(declarationBatches)
    .values({ committeeId: committee.id, year: today.getUTCFullYear(), name: "测试批次", series: "高校教师", levelFrom: "senior_deputy", levelTo: "senior_full", opensOn: isoDay(start), closesOn: isoDay(end), status: "open" })
    .returning({ id: declarationBatches.id });

  const candidateUsers: string[] = [];
  const declarationIds: string[] = [];
  for (let off = 0; off < opts.candidates; off += 1000) {
    const count = Math.min(1000, opts.candidates - off);
    const rows = Array.from({ length: count }, (_, j) => {
      const k = base + 5_000 + off + j;
      return { k, idNumber: residentId(k), name: personName(k) };
    });
    const cu = await db
      .insert(users)
      .values(rows.map((r) => ({ username: `review_cand_${opts.seed}_${r.k}`, role: "person" as const, name: r.name, idType: "resident" as const, idNumber: r.idNumber, passwordHash })))
      .returning({ id: users.id });
    const decl = await db
      .insert(declarations)
      .values(
        rows.map((r, j) => ({
          userId: cu[j].id,
          batchId: batch.id,
          committeeId: committee.id,
          formingOrgId: org.id,
          unitOrgId: unit.id,
          personName: r.name,
          idType: "resident" as const,
          idNumber: r.idNumber,
          series: "高校教师",
          specialty: "化学",
          targetLevel: "senior_deputy" as const,
          status: "accepted" as const,
          basic: { gender: "男", birthDate: "1985-01-01", phone: "13900000000", email: "", department: "化学系", post: "讲师" },
          work: [{ id: crypto.randomUUID(), from: "2010-07-01", to: null, employer: `申报测试学院${opts.seed}`, post: "讲师" }],
          acceptedAt: new Date(),
          submittedAt: new Date(),
        })),
      )
      .returning({ id: declarations.id });
    candidateUsers.push(...cu.map((u) => u.id));
    declarationIds.push(...decl.map((d) => d.id));
  }
  return {
    orgId: org.id,
    orgName,
    candidateUnitId: unit.id,
    committeeId: committee.id,
    termId: term.id,
    meetingDate,
    staff: [staff[0].id, staff[1].id],
    chair: memberUsers[0].id,
    members: people.map((p, i) => ({ userId: memberUsers[i].id, termMemberId: termMembers[i].id, level: p.level, department: p.department, idNumber: p.idNumber })),
    declarationIds,
    candidateUsers,
  };
}

/** The session of `userId` acting under the grant `pick` chooses (default: the default grant). */
export function actorOf(db: Db, userId: string, pick?: { role: SessionUser["role"]; position?: string }): Promise<SessionUser> {
  return sessionUnderGrant(db, userId, pick && ((g) => g.role === pick.role && (pick.position === undefined || g.position === pick.position)), "actorOf");
}
