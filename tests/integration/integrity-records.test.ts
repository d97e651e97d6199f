/**
 * 诚信档案 on a real database (docs/domain.md §16 "诚信档案"): the 专技处's 因弄虚作假撤销 writes exactly one
 * record in the revocation's transaction (also under 20 concurrent requests), the bar refuses 新建申报 and
 * submit up to its last day and not after, and each 人社部门 lists its region's records (the province all).
 */
import { and, count, eq } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, certificates, committees, declarationBatches, declarations, integrityRecords, notifications, orgs, rosterRecords, users, type Certificate } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { addDemoPhoto } from "@/db/seed-declaration-demo";
import type { SessionUser } from "@/lib/auth/session";
import { revokeCertificateWithRecord } from "@/lib/certificates/changes";
import * as drafts from "@/lib/declarations/drafts";
import * as tr from "@/lib/declarations/transitions";
import { ForbiddenError } from "@/lib/errors";
import { todayInChina } from "@/lib/filings/constants";
import { formatChineseDay } from "@/lib/format";
import { integrityBar, listIntegrityRecords } from "@/lib/integrity/queries";
import { integrityBarUntil, integrityReapplyOn } from "@/lib/integrity/rules";
import { addDays } from "@/lib/validation/calendar";
import { idCheckChar } from "@/lib/validation/id-number";
import { issueTestCertificate, TEST_SIGNING_SECRET } from "../helpers/certificate-fixtures";
import { signInAs } from "../helpers/roster-fixtures";
import { sessionUserOf } from "../helpers/session-user";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= TEST_SIGNING_SECRET;

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const { revokeCertificateAction } = await import("@/app/_certificate-admin/actions");

let t: TestDb;
const u: Record<string, SessionUser> = {};
const org: Record<string, string> = {};
let c001: string;
let batch004: string;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const catchMsg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};
/** 20 identical calls: at once on PostgreSQL; one after another on PGlite (one connection, no concurrency to test). */
async function twenty<T>(fn: () => Promise<T>): Promise<T[]> {
  if (t.driver === "postgres") return Promise.all(Array.from({ length: 20 }, fn));
  const out: T[] = [];
  for (let i = 0; i < 20; i++) out.push(await fn());
  return out;
}

const residentNumber = (first17: string) => first17 + idCheckChar(first17);

/** A person account with a resident ID number starting with `first17`. */
async function newPerson(name: string, first17: string): Promise<SessionUser> {
  const [row] = await t.db
    .insert(users)
    .values({ role: "person", name, idType: "resident", idNumber: residentNumber(first17), passwordHash: "x", username: `p_${first17}` })
    .returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}

/** An hrss account of the organisation named `orgName`. */
async function hrssUser(username: string, orgName: string): Promise<SessionUser> {
  const [o] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, orgName));
  const [row] = await t.db.insert(users).values({ username, role: "hrss", name: username, orgId: o.id, passwordHash: "x" }).returning({ id: users.id });
  return sessionUserOf(t.db, row.id);
}

/** A valid certificate of committee 001 for a holder with this ID number. */
const certificateFor = (name: string, idNumber: string): Promise<Certificate> => issueTestCertificate(t.db, { committeeId: c001, actorId: u.demo_zjc.id, name, idNumber });

beforeAll(async () => {
  t = await useTestDb();
  await seedDemoData(t.db);
  for (const name of ["demo_person", "demo_unit", "demo_hrss", "demo_province", "demo_zjc", "demo_selfunit"]) {
    const [row] = await t.db.select({ id: users.id }).from(users).where(eq(users.username, name));
    u[name] = await sessionUserOf(t.db, row.id);
  }
  u.zunyi = await hrssUser("t_zunyi", "遵义市人力资源和社会保障局");
  u.yunyan = await hrssUser("t_yunyan", "贵阳市云岩区人力资源和社会保障局");
  u.nanming = await hrssUser("t_nanming", "贵阳市南明区人力资源和社会保障局");
  for (const [key, name] of [
    ["zy", "遵义市人力资源和社会保障局"],
    ["zyhc", "遵义市汇川区人力资源和社会保障局"],
    ["sjy", "贵州省建筑设计研究院有限责任公司"],
  ]) {
    const [o] = await t.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name));
    org[key] = o.id;
  }
  [{ id: c001 }] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "001"));
  const [c004] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  [{ id: batch004 }] = await t.db.select({ id: declarationBatches.id }).from(declarationBatches).where(eq(declarationBatches.committeeId, c004.id));
}, 120_000);
afterAll(() => t?.close());

describe("因弄虚作假撤销 by the 专技处", () => {
  it("revokes the certificate and writes one 诚信档案 record with the certificate, reason, 文号, recorder and region, audited", async () => {
    const idNumber = residentNumber("52030219800101123");
    const cert = await certificateFor("欧阳锋", idNumber);
    signInAs(u.demo_zjc);
    const r = await revokeCertificateAction({ certificateId: cert.id, kind: "fraud", reason: "申报材料中业绩成果弄虚作假", documentNo: "黔人社专技〔2026〕3号" });
    const today = todayInChina();
    expect(r).toMatchObject({ ok: true, message: `证书 ${cert.certNo} 已撤销，已记入诚信档案（限制申报至 ${integrityBarUntil(today)}）` });

    const [c] = await t.db.select().from(certificates).where(eq(certificates.id, cert.id));
    expect(c).toMatchObject({ status: "revoked", revokeReason: "申报材料中业绩成果弄虚作假", revokedBy: u.demo_zjc.id });
    const records = await t.db.select().from(integrityRecords).where(eq(integrityRecords.certificateId, cert.id));
    expect(records).toEqual([
      expect.objectContaining({
        idType: "resident",
        idNumber,
        name: "欧阳锋",
        reason: "申报材料中业绩成果弄虚作假",
        documentNo: "黔人社专技〔2026〕3号",
        revokedAt: today,
        barUntil: integrityBarUntil(today),
        recordedByOrgId: u.demo_zjc.orgId,
        // 520302 has no county bureau in the demo tree: the city's (遵义市).
        regionOrgId: org.zy,
        createdBy: u.demo_zjc.id,
      }),
    ]);
    const [record] = await t.db.select({ status: rosterRecords.status }).from(rosterRecords).where(eq(rosterRecords.id, cert.rosterRecordId!));
    expect(record.status).toBe("revoked");
    const [note] = await t.db.select({ message: notifications.message }).from(notifications).where(and(eq(notifications.recordId, cert.rosterRecordId!), eq(notifications.kind, "revoked")));
    expect(note.message).toContain(`在${formatChineseDay(integrityReapplyOn(today))}之前不能申报职称`);
    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "certificate.revoke"), eq(auditLog.targetId, cert.id)));
    expect(audit).toMatchObject({ outcome: "success", actorId: u.demo_zjc.id });
    expect(audit.detail).toMatchObject({ kind: "fraud", documentNo: "黔人社专技〔2026〕3号", integrityRecordId: records[0].id, barUntil: integrityBarUntil(today) });
  });

  it("refuses a fraud revocation without a 文号 and changes nothing; an ordinary revocation writes no record", async () => {
    const cert = await certificateFor("黄药师", residentNumber("52030219800101131"));
    signInAs(u.demo_zjc);
    expect(await revokeCertificateAction({ certificateId: cert.id, kind: "fraud", reason: "材料造假", documentNo: "" })).toMatchObject({ ok: false, fieldErrors: { documentNo: "请填写撤销文号" } });
    expect((await t.db.select({ status: certificates.status }).from(certificates).where(eq(certificates.id, cert.id)))[0].status).toBe("valid");
    expect(await revokeCertificateAction({ certificateId: cert.id, kind: "ordinary", reason: "证书错发" })).toMatchObject({ ok: true, message: `证书 ${cert.certNo} 已撤销` });
    expect(await t.db.$count(integrityRecords, eq(integrityRecords.certificateId, cert.id))).toBe(0);
    expect(await t.db.$count(integrityRecords, eq(integrityRecords.idNumber, cert.idNumber))).toBe(0);
  });

  it("20 concurrent fraud revocations of one certificate: one succeeds, one record, one success audit row", async () => {
    const cert = await certificateFor("洪七公", residentNumber("52030219800101140"));
    signInAs(u.demo_zjc);
    const results = await twenty(() => revokeCertificateAction({ certificateId: cert.id, kind: "fraud", reason: "冒用他人业绩", documentNo: "黔人社专技〔2026〕4号" }));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(r).toMatchObject({ ok: false, message: "该证书不是有效状态，无法撤销，请刷新后重试" });
    expect(await t.db.$count(integrityRecords, eq(integrityRecords.certificateId, cert.id))).toBe(1);
    expect(await t.db.$count(integrityRecords, eq(integrityRecords.idNumber, cert.idNumber))).toBe(1);
    const audits = await t.db
      .select({ outcome: auditLog.outcome, n: count() })
      .from(auditLog)
      .where(and(eq(auditLog.action, "certificate.revoke"), eq(auditLog.actorId, u.demo_zjc.id), eq(auditLog.outcome, "success"), eq(auditLog.targetId, cert.id)))
      .groupBy(auditLog.outcome);
    expect(audits).toEqual([{ outcome: "success", n: 1 }]);
  });

  it("only the 专技处 revokes: a city bureau and a non-人社 role are refused, with nothing written", async () => {
    const cert = await certificateFor("段智兴", residentNumber("52030219800101158"));
    signInAs(u.demo_hrss);
    expect(await revokeCertificateAction({ certificateId: cert.id, kind: "fraud", reason: "材料造假", documentNo: "黔人社专技〔2026〕5号" })).toMatchObject({ ok: false, message: expect.stringContaining("仅省人社厅专技处") });
    signInAs(u.demo_unit);
    expect(await revokeCertificateAction({ certificateId: cert.id, kind: "fraud", reason: "材料造假", documentNo: "黔人社专技〔2026〕5号" })).toMatchObject({ ok: false, message: "您无权执行此操作" });
    expect((await t.db.select({ status: certificates.status }).from(certificates).where(eq(certificates.id, cert.id)))[0].status).toBe("valid");
    expect(await t.db.$count(integrityRecords, eq(integrityRecords.certificateId, cert.id))).toBe(0);
    const denied = await t.db.select({ outcome: auditLog.outcome }).from(auditLog).where(and(eq(auditLog.action, "certificate.revoke"), eq(auditLog.actorId, u.demo_unit.id)));
    expect(denied).toEqual([{ outcome: "denied" }]);
  });
});

describe("the bar at its boundary dates", () => {
  it("a revocation on 29 February 2024 bars through 27 February 2027; on the 28th the person may declare", async () => {
    const cert = await certificateFor("欧阳克", residentNumber("52030319900101121"));
    const { integrity } = await inTx((tx) => revokeCertificateWithRecord(tx, u.demo_zjc, { certificateId: cert.id, kind: "fraud", reason: "伪造学历", documentNo: "黔人社专技〔2024〕9号", revokedOn: "2024-02-29" }));
    // 520303: 遵义市汇川区 has its own bureau.
    expect(integrity).toMatchObject({ revokedAt: "2024-02-29", barUntil: "2027-02-27", regionOrgId: org.zyhc });
    const person = { idType: "resident" as const, idNumber: cert.idNumber };
    expect(await integrityBar(t.db, person, "2027-02-26")).toMatchObject({ barUntil: "2027-02-27", documentNo: "黔人社专技〔2024〕9号", message: "您因伪造学历被记入诚信档案，在2027年2月28日之前不能申报职称" });
    expect(await integrityBar(t.db, person, "2027-02-27")).toMatchObject({ barUntil: "2027-02-27" });
    expect(await integrityBar(t.db, person, "2027-02-28")).toBeNull();
  });

  it("新建申报 and submit are refused the day before the bar ends and on its last day, and allowed the day after", async () => {
    const p = await newPerson("梅超风", "52010219850101123");
    const today = todayInChina();
    const newDraft = () => inTx((tx) => drafts.createDraft(tx, p, { batchId: batch004, specialty: "计算机科学与技术", targetLevel: "senior_deputy" }));
    // A draft completed before the record was written: only submit can stop it.
    let d = await newDraft();
    const ref = () => ({ declarationId: d.id, version: d.version });
    d = await inTx((tx) => drafts.saveBasicSection(tx, p, { ...ref(), unitOrgId: org.sjy, gender: "女", birthDate: "1985-01-01", phone: "13800000000", email: "", department: "设计所", post: "工程师", employment: "in_service" }));
    d = await inTx((tx) => drafts.saveEducationSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), level: "master", school: "贵州大学", major: "土木工程", from: "2007-09-01", to: "2010-07-01", degree: "工学硕士", fullTime: true }] }));
    d = await inTx((tx) => drafts.saveWorkSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), from: "2010-07-15", to: null, employer: "贵州省建筑设计研究院", post: "工程师" }] }));
    d = await inTx((tx) => drafts.saveTitleSection(tx, p, { ...ref(), currentTitle: "工程师", currentTitleLevel: "intermediate", currentTitleDate: "2018-01-01" }));
    d = await inTx((tx) => drafts.saveAchievementsSection(tx, p, { ...ref(), entries: [{ id: randomUUID(), kind: "paper", title: "论文一篇", detail: "", date: "2020-01-01", attachmentId: null }] }));
    d = await inTx((tx) => addDemoPhoto(tx, p, d));
    d = await inTx((tx) => drafts.acceptPledge(tx, p, { ...ref(), accepted: true }));
    const [row] = await t.db
      .insert(integrityRecords)
      .values({ idType: "resident", idNumber: residentNumber("52010219850101123"), name: "梅超风", reason: "论文抄袭", revokedAt: addDays(today, -1095), barUntil: addDays(today, 1) })
      .returning({ id: integrityRecords.id });
    const setBarUntil = (day: string) => t.db.update(integrityRecords).set({ barUntil: day }).where(eq(integrityRecords.id, row.id));
    const submit = () => inTx((tx) => tr.submitDeclaration(tx, p, { declarationId: d.id, version: d.version }));

    for (const barUntil of [addDays(today, 1), today]) {
      await setBarUntil(barUntil);
      const notice = `您因论文抄袭被记入诚信档案，在${formatChineseDay(addDays(barUntil, 1))}之前不能申报职称`;
      expect(await catchMsg(submit())).toBe(notice);
      expect(await catchMsg(newDraft())).toBe(notice);
    }
    await setBarUntil(addDays(today, -1));
    expect(await submit()).toMatchObject({ status: "submitted" });
    expect((await t.db.select({ status: declarations.status }).from(declarations).where(eq(declarations.id, d.id)))[0].status).toBe("submitted");
  });
});

describe("诚信档案 list of the 人社部门", () => {
  const names = async (viewer: SessionUser, q?: string) => (await listIntegrityRecords(t.db, viewer, { page: 1, q, pageSize: 100 })).rows.map((r) => r.name);

  it("each bureau sees its region tree's records; another region's bureau does not; the province and the 专技处 see all", async () => {
    // 李红梅 (demo seed, 520103 → 云岩区), 欧阳锋 (520302 → 遵义市), 欧阳克 (520303 → 汇川区, under 遵义市).
    expect(await names(u.demo_hrss)).toContain("李红梅");
    expect(await names(u.demo_hrss)).not.toContain("欧阳锋");
    expect(await names(u.demo_hrss)).not.toContain("欧阳克");
    expect(await names(u.zunyi)).toEqual(expect.arrayContaining(["欧阳锋", "欧阳克"]));
    expect(await names(u.zunyi)).not.toContain("李红梅");
    expect(await names(u.yunyan)).toEqual(["李红梅"]);
    expect(await names(u.nanming)).toEqual([]);
    for (const viewer of [u.demo_province, u.demo_zjc]) expect(await names(viewer)).toEqual(expect.arrayContaining(["李红梅", "欧阳锋", "欧阳克"]));
  });

  it("shows the certificate, reason, 文号 and bar period with a masked ID number; searches by name or full ID number; pages", async () => {
    const all = await listIntegrityRecords(t.db, u.demo_province, { page: 1, pageSize: 100 });
    const ouyang = all.rows.find((r) => r.name === "欧阳锋")!;
    const [cert] = await t.db.select().from(certificates).where(eq(certificates.name, "欧阳锋"));
    expect(ouyang).toMatchObject({
      idTypeLabel: "居民身份证",
      idNumberMasked: `5203**********${cert.idNumber.slice(-4)}`,
      certNo: cert.certNo,
      qualificationName: "高级工程师",
      reason: "申报材料中业绩成果弄虚作假",
      documentNo: "黔人社专技〔2026〕3号",
      barUntil: integrityBarUntil(todayInChina()),
      state: "active",
      regionName: "遵义市人力资源和社会保障局",
      recordedByName: "贵州省人力资源和社会保障厅专业技术人员管理处",
    });
    expect(JSON.stringify(all.rows)).not.toContain(cert.idNumber);
    expect(all.rows.find((r) => r.name === "欧阳克")?.state).toBe(todayInChina() <= "2027-02-27" ? "active" : "expired");

    // A bar that ended long ago: listed as 已期满, and left out of 限制申报中.
    const old = await certificateFor("柯镇恶", residentNumber("52030219700101125"));
    await inTx((tx) => revokeCertificateWithRecord(tx, u.demo_zjc, { certificateId: old.id, kind: "fraud", reason: "伪造任职经历", documentNo: "黔人社专技〔2020〕7号", revokedOn: "2020-05-06" }));
    const zunyi = await listIntegrityRecords(t.db, u.zunyi, { page: 1, pageSize: 100 });
    expect(zunyi.rows.find((r) => r.name === "柯镇恶")).toMatchObject({ revokedAt: "2020-05-06", barUntil: "2023-05-05", state: "expired" });
    expect((await listIntegrityRecords(t.db, u.zunyi, { page: 1, state: "active", pageSize: 100 })).rows.map((r) => r.name)).toEqual(expect.arrayContaining(["欧阳锋"]));
    expect((await listIntegrityRecords(t.db, u.zunyi, { page: 1, state: "active", pageSize: 100 })).rows.map((r) => r.name)).not.toContain("柯镇恶");
    expect((await listIntegrityRecords(t.db, u.zunyi, { page: 1, state: "expired", pageSize: 100 })).rows.map((r) => r.name)).toEqual(["柯镇恶"]);

    expect(await names(u.zunyi, "欧阳")).toEqual(expect.arrayContaining(["欧阳锋", "欧阳克"]));
    expect(await names(u.zunyi, cert.idNumber)).toEqual(["欧阳锋"]);
    expect(await names(u.zunyi, cert.idNumber.slice(0, 10))).toEqual([]);
    // Another region's search finds nothing, even by the full number.
    expect(await names(u.demo_hrss, cert.idNumber)).toEqual([]);

    const first = await listIntegrityRecords(t.db, u.zunyi, { page: 1, pageSize: 1 });
    const second = await listIntegrityRecords(t.db, u.zunyi, { page: 2, pageSize: 1 });
    expect(first.total).toBe(second.total);
    expect(first.total).toBeGreaterThanOrEqual(2);
    expect(first.rows[0].id).not.toBe(second.rows[0].id);
  });

  it("refuses every role but 人社部门", async () => {
    for (const viewer of [u.demo_unit, u.demo_person, u.demo_selfunit]) {
      await expect(listIntegrityRecords(t.db, viewer, { page: 1 })).rejects.toBeInstanceOf(ForbiddenError);
      expect(await catchMsg(listIntegrityRecords(t.db, viewer, { page: 1 }))).toBe("仅人社部门可以查看诚信档案");
    }
  });

  it("the demo's barred person is 李红梅, not 张三 (demo_person)", async () => {
    const [li] = await t.db.select({ idType: users.idType, idNumber: users.idNumber }).from(users).where(eq(users.name, "李红梅"));
    expect(await integrityBar(t.db, li)).toMatchObject({ documentNo: "黔人社专技〔2025〕37号" });
    const [zhang] = await t.db.select({ idType: users.idType, idNumber: users.idNumber }).from(users).where(eq(users.id, u.demo_person.id));
    expect(await integrityBar(t.db, zhang)).toBeNull();
  });
});
