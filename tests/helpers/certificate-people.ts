/** Organisations and accounts around issued certificates: holder, another person, committee org, 专技处. */
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { orgs, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { sessionUserOf } from "./session-user";
import { createRosterFixture, type RosterFixture } from "./roster-fixtures";
import { HOLDER_ID, OTHER_ID } from "./certificate-fixtures";

export type CertificatePeople = RosterFixture & {
  /** 张三, ID HOLDER_ID: the holder of the certificates tests issue. */
  holder: SessionUser;
  /** Another person (OTHER_ID). */
  stranger: SessionUser;
  /** An hrss user of the provincial 专技处. */
  certDivision: SessionUser;
  /** A unit user of an unrelated organisation. */
  otherUnit: SessionUser;
};

export async function createCertificatePeople(db: Db): Promise<CertificatePeople> {
  const f = await createRosterFixture(db);
  await db.update(users).set({ idType: "resident", idNumber: HOLDER_ID }).where(eq(users.id, f.person.id));
  const [zjc] = await db
    .insert(orgs)
    .values({ name: "贵州省人力资源和社会保障厅专业技术人员管理处", kind: "hrss", level: "province", regionCode: "520000", parentId: f.province.orgId, isCertDivision: true })
    .returning();
  const [other] = await db.insert(orgs).values({ name: "遵义市第一中学", kind: "unit", regionCode: "520300", parentId: f.province.orgId }).returning();
  const mk = async (username: string, role: SessionUser["role"], name: string, orgId: string | null, extra: Partial<typeof users.$inferInsert> = {}) => {
    const [u] = await db.insert(users).values({ username, role, name, orgId, passwordHash: "x", ...extra }).returning();
    return u;
  };
  const stranger = await mk("t_stranger", "person", "李四", null, { idType: "resident", idNumber: OTHER_ID });
  const zjcUser = await mk("t_zjc", "hrss", "周敏", zjc.id);
  const unitUser = await mk("t_unit", "unit", "何志勇", other.id);
  return {
    ...f,
    holder: f.person,
    stranger: await sessionUserOf(db, stranger.id),
    certDivision: await sessionUserOf(db, zjcUser.id),
    otherUnit: await sessionUserOf(db, unitUser.id),
  };
}
