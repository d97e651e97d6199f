/** Records in a chosen state, with photos, for the back-fill review/submit/confirm tests and benchmark. */
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committees, orgs, rosterPhotos, rosterRecords, users, type RosterStatus } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { sessionUserOf } from "./session-user";
import { buildCertNo } from "@/lib/roster/numbering";
import { personName, residentId } from "./roster-workbook";

/** The provincial 专技处 and a city HR bureau (whose user must not confirm), beside createRosterFixture's orgs. */
export async function createProvinceUsers(db: Db, provinceOrgId: string): Promise<{ zjc: SessionUser; cityHr: SessionUser }> {
  const [zjcOrg] = await db
    .insert(orgs)
    .values({ name: "贵州省人力资源和社会保障厅专业技术人员管理处", kind: "hrss", level: "province", regionCode: "520000", parentId: provinceOrgId, isCertDivision: true })
    .returning();
  const [cityOrg] = await db.insert(orgs).values({ name: "贵阳市人力资源和社会保障局", kind: "hrss", level: "city", regionCode: "520100", parentId: provinceOrgId }).returning();
  const mk = async (username: string, name: string, org: typeof zjcOrg): Promise<SessionUser> => {
    const [u] = await db.insert(users).values({ username, role: "hrss", name, orgId: org.id, passwordHash: "x" }).returning();
    return sessionUserOf(db, u.id);
  };
  return { zjc: await mk("t_zjc", "周敏", zjcOrg), cityHr: await mk("t_cityhr", "吴志强", cityOrg) };
}

let seqCounter = 0;

/**
 * Inserts `count` published records of the committee in `status` (numbers n = start…start+count-1 give
 * the ID and name). With `photo`, each gets a photo in the state that fits (submitted / approved).
 */
export async function insertRecords(
  db: Db,
  opts: { committeeId: string; count: number; start: number; status: RosterStatus; photoBy?: string; createdBy?: string },
): Promise<string[]> {
  const [c] = await db.select({ code: committees.code }).from(committees).where(eq(committees.id, opts.committeeId));
  const ids: string[] = [];
  const CHUNK = 2000;
  for (let i = 0; i < opts.count; i += CHUNK) {
    const rows = Array.from({ length: Math.min(CHUNK, opts.count - i) }, (_, k) => {
      const n = opts.start + i + k;
      return {
        committeeId: opts.committeeId,
        status: opts.status,
        certNo: buildCertNo(2020, "061", c.code, ++seqCounter),
        name: personName(n),
        gender: "male",
        birthDate: "1980-01-01",
        idType: "resident" as const,
        idNumber: residentId(n),
        workUnit: "贵州省建筑设计研究院有限责任公司",
        series: "工程技术",
        specialty: "建筑工程",
        qualificationName: "高级工程师",
        level: "senior_deputy" as const,
        obtainMethod: "review" as const,
        passDate: "2020-12-01",
        passYear: 2020,
        approvalNo: "黔人社厅发〔2020〕12号",
        issuingAuthority: "贵州省人力资源和社会保障厅",
        issueDate: "2020-12-01",
        source: "manual" as const,
        createdBy: opts.createdBy,
        publishedAt: new Date(),
      };
    });
    const inserted = await db.insert(rosterRecords).values(rows).returning({ id: rosterRecords.id });
    ids.push(...inserted.map((r) => r.id));
  }
  const photoStatus = opts.status === "photo_submitted" ? "submitted" : ["photo_approved", "submitted", "confirmed", "returned"].includes(opts.status) ? "approved" : null;
  if (opts.photoBy && photoStatus) await insertPhotos(db, ids, opts.photoBy, photoStatus);
  return ids;
}

/** A tiny stand-in JPEG per record (the review never decodes it). Returns photo ids in record order. */
export async function insertPhotos(db: Db, recordIds: string[], uploadedBy: string, status: "submitted" | "approved" | "pending"): Promise<string[]> {
  const out: string[] = [];
  const CHUNK = 2000;
  for (let i = 0; i < recordIds.length; i += CHUNK) {
    const rows = recordIds.slice(i, i + CHUNK).map((recordId) => {
      const data = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(32), Buffer.from([0xff, 0xd9])]);
      return {
        recordId,
        uploadedBy,
        sha256: randomBytes(32).toString("hex"),
        bytes: data.length,
        data,
        status,
        decidedBy: status === "approved" ? uploadedBy : null,
        decidedAt: status === "approved" ? new Date() : null,
      };
    });
    const inserted = await db.insert(rosterPhotos).values(rows).returning({ id: rosterPhotos.id });
    out.push(...inserted.map((r) => r.id));
  }
  return out;
}
