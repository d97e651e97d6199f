/** Minimal organisations, committees and accounts for roster tests (independent of the demo seed). */
import { vi } from "vitest";
import type { Db } from "@/db/client";
import { committees, orgs, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getCurrentUser } from "@/lib/auth/session";
import { sessionUserOf } from "./session-user";

export type RosterFixture = {
  province: SessionUser;
  gzu: SessionUser;
  person: SessionUser;
  /** 001 工程技术, 副高级–正高级, formed by the province HR department. */
  committee001: string;
  /** 004 高校教师, 中级–正高级, formed by 贵州大学. */
  committee004: string;
};

export async function createRosterFixture(db: Db): Promise<RosterFixture> {
  const [province] = await db
    .insert(orgs)
    .values({ name: "贵州省人力资源和社会保障厅", kind: "hrss", level: "province", regionCode: "520000" })
    .returning();
  const [gzu] = await db
    .insert(orgs)
    .values({ name: "贵州大学", kind: "unit", regionCode: "520000", parentId: province.id, selfEvaluating: true })
    .returning();
  const [c1] = await db
    .insert(committees)
    .values({ name: "贵州省工程技术高级职称评审委员会", code: "001", series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: province.id })
    .returning();
  const [c4] = await db
    .insert(committees)
    .values({ name: "贵州大学高校教师职称评审委员会", code: "004", series: "高校教师", levelFrom: "intermediate", levelTo: "senior_full", formingOrgId: gzu.id })
    .returning();
  const mk = async (username: string, role: SessionUser["role"], name: string, orgId: string | null): Promise<SessionUser> => {
    const [u] = await db.insert(users).values({ username, role, name, orgId, passwordHash: "x" }).returning();
    return sessionUserOf(db, u.id);
  };
  return {
    province: await mk("t_province", "hrss", "罗晓明", province.id),
    gzu: await mk("t_gzu", "self_unit", "龙海燕", gzu.id),
    person: await mk("t_person", "person", "张三", null),
    committee001: c1.id,
    committee004: c4.id,
  };
}

/** Makes the (mocked) session return this user for the next server-action calls. */
export function signInAs(user: SessionUser | null): void {
  vi.mocked(getCurrentUser).mockResolvedValue(user);
}
