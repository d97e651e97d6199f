/**
 * The demo seed (db/seed.ts, db/seed-backfill.ts, db/seed-disputes.ts) leaves every back-fill state
 * and the pending ID dispute the README points a new user to, produced by the domain functions:
 * checked here from the database.
 */
import { and, asc, count, eq, inArray, isNotNull, sql } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  certificates,
  committeeFilings,
  committees,
  committeeTermMembers,
  committeeTerms,
  idDisputes,
  integrityRecords,
  orgs,
  expertConflicts,
  expertPoolMembers,
  expertProfiles,
  notifications,
  roleGrants,
  rosterBatchItems,
  rosterBatches,
  rosterPhotos,
  rosterRecordEvents,
  rosterRecords,
  users,
} from "@/db/schema";
import { DEMO_PEOPLE_IDS } from "@/db/seed-backfill";
import { canHoldReviewRound } from "@/lib/filings/can-hold";
import { examinerStage } from "@/lib/filings/filings";
import { countFilingWork, listExaminerQueue } from "@/lib/filings/queries";
import { loadUserGrants } from "@/lib/auth/grant-queries";
import { pickActiveGrant } from "@/lib/auth/grants";
import { getCommitteeMemberView } from "@/lib/terms/queries";
import { maxEndDate } from "@/lib/terms/rules";
import { DEMO_EXPIRING_IN_DAYS } from "@/db/seed-terms";
import { seedDemoData } from "@/db/seed";
import { DEMO_CLAIMANT, DEMO_DISPUTED_ID } from "@/db/seed-disputes";
import type { SessionUser } from "@/lib/auth/session";
import { getDisputeProof, listFilerDisputes, listRegionDisputes } from "@/lib/disputes/queries";
import { authenticate } from "@/lib/auth/login";
import { getExpertProfile } from "@/lib/experts/profile";
import { listInvitationsForUser, listPoolMembers, listPoolsOfExpert } from "@/lib/experts/pool-queries";
import { validateIdDocument } from "@/lib/validation/id-number";
import { listHolderCertificates } from "@/lib/certificates/holder";
import { signedFieldsOf } from "@/lib/certificates/issue";
import { verifySignature } from "@/lib/certificates/token";
import { PHOTO_HEIGHT, PHOTO_WIDTH } from "@/lib/photos/normalize";
import { buildCertNo } from "@/lib/roster/numbering";
import { personIntegrityBar } from "@/lib/integrity/queries";
import { integrityBarUntil } from "@/lib/integrity/rules";
import { todayInChina } from "@/lib/roster/dates";
import { shiftDays } from "@/lib/calendar/working-days";
import { DEMO_CONFIRMED_APPROVAL_NO, DEMO_CONFIRMED_ROUND, DEMO_PUBLICITY_ROUND, DEMO_SIGNED_ROUND } from "@/db/seed-review-results";
import { useTestDb, type TestDb } from "../setup/test-db";

process.env.CERT_SIGNING_SECRET ??= "demo-seed-test-signing-secret-0123456789abcdef";

const HOLDER_ID = "520102199003150014";

let t: TestDb;

/** The confirmed demo round met 40 days ago, not before committee 001's term (from 1 January). */
function confirmedMeetingDate(): string {
  const today = todayInChina();
  const d = shiftDays(today, -40);
  return d < `${today.slice(0, 4)}-01-01` ? `${today.slice(0, 4)}-01-01` : d;
}
let ids: { person: string; province: string; selfUnit: string; zjc: string; c001: string; c004: string; provinceOrg: string; gzuOrg: string };

async function userId(username: string) {
  const [u] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, username));
  return u;
}

/** Row counts of every table the seed writes: what a second run must leave unchanged. */
async function tableCounts() {
  const tables = { users, expertPoolMembers, expertProfiles, expertConflicts, roleGrants, idDisputes, committees, committeeTerms, committeeTermMembers, committeeFilings, rosterRecords, rosterRecordEvents, rosterPhotos, rosterBatches, rosterBatchItems, certificates, integrityRecords, notifications, auditLog };
  const out: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) out[name] = (await t.db.select({ n: count() }).from(table))[0].n;
  return out;
}

async function statusesOf(committeeId: string) {
  const rows = await t.db
    .select({ status: rosterRecords.status, n: count() })
    .from(rosterRecords)
    .where(eq(rosterRecords.committeeId, committeeId))
    .groupBy(rosterRecords.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

beforeAll(async () => {
  t = await useTestDb();
  const first = await seedDemoData(t.db);
  expect(first.created).toBe(true);
  const [person, province, selfUnit, zjc] = await Promise.all(["demo_person", "demo_province", "demo_selfunit", "demo_zjc"].map(userId));
  const [c001] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "001"));
  const [c004] = await t.db.select({ id: committees.id }).from(committees).where(eq(committees.code, "004"));
  ids = { person: person.id, province: province.id, selfUnit: selfUnit.id, zjc: zjc.id, c001: c001.id, c004: c004.id, provinceOrg: province.orgId!, gzuOrg: selfUnit.orgId! };
}, 120_000);
afterAll(() => t?.close());

describe("demo_person (张三)", () => {
  it("holds a valid, signed 2021 certificate (downloadable) and a 2017 one (view only), with a photo on the 2021 one", async () => {
    const list = await listHolderCertificates(t.db, ids.person);
    // The first: issued by the confirmation of the demo's confirmed review round (db/seed-review-results.ts).
    expect(list?.map((c) => [c.qualificationName, c.passDate, c.status, c.downloadable])).toEqual([
      ["高级工程师", confirmedMeetingDate(), "valid", true],
      ["正高级工程师", "2021-12-10", "valid", true],
      ["高级工程师", "2017-11-28", "valid", false],
    ]);
    const rows = await t.db.select().from(certificates).where(and(eq(certificates.idType, "resident"), eq(certificates.idNumber, HOLDER_ID), isNotNull(certificates.rosterRecordId))).orderBy(asc(certificates.passYear));
    for (const c of rows) {
      // The committee's numbering (52 + year + title code + committee + sequence + check character).
      expect(c.certNo).toMatch(new RegExp(`^52${c.passYear}06[01]001\\d{5}[\\dX]$`));
      expect(buildCertNo(c.passYear, c.certNo.slice(6, 9), "001", Number(c.certNo.slice(12, 17)))).toBe(c.certNo);
      expect(c.verifyToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
      expect(verifySignature(signedFieldsOf(c), c.signature)).toBe(true);
      expect(c.committeeName).toBe("贵州省工程技术高级职称评审委员会");
      expect(c.issuedBy).toBe(ids.zjc);
      if (c.passYear < 2020) {
        // Pre-2020 certificates are view-only: no photo step, nothing printed (docs/domain.md §3).
        expect(c.photoId).toBeNull();
        continue;
      }
      expect(c.photoId).not.toBeNull();
      const [photo] = await t.db.select({ data: rosterPhotos.data, status: rosterPhotos.status, uploadedBy: rosterPhotos.uploadedBy }).from(rosterPhotos).where(eq(rosterPhotos.id, c.photoId!));
      expect(photo.status).toBe("approved");
      expect(photo.uploadedBy).toBe(ids.person);
      const meta = await sharp(photo.data).metadata();
      expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(["jpeg", PHOTO_WIDTH, PHOTO_HEIGHT, undefined]);
    }
  });

  it("has a published record awaiting a photo (committee 004), and no draft or other open record", async () => {
    const rows = await t.db
      .select({ committeeId: rosterRecords.committeeId, status: rosterRecords.status, qualificationName: rosterRecords.qualificationName })
      .from(rosterRecords)
      .where(and(eq(rosterRecords.idType, "resident"), eq(rosterRecords.idNumber, HOLDER_ID)))
      .orderBy(asc(rosterRecords.passYear));
    expect(rows).toEqual([
      { committeeId: ids.c001, status: "confirmed", qualificationName: "高级工程师" },
      { committeeId: ids.c001, status: "confirmed", qualificationName: "正高级工程师" },
      { committeeId: ids.c004, status: "awaiting_photo", qualificationName: "副教授" },
    ]);
  });

  it("has the messages of the flow in the inbox", async () => {
    const rows = await t.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .innerJoin(rosterRecords, eq(rosterRecords.id, notifications.recordId))
      .where(and(eq(rosterRecords.idNumber, HOLDER_ID), sql`${notifications.orgId} is null`));
    expect(rows.map((r) => r.kind).sort()).toEqual(["confirmed", "confirmed", "photo_approved", "submitted", "submitted"]);
  });
});

describe("committee 001 (贵州省人社厅, demo_province)", () => {
  it("has photos to review, records ready for the next submission and one still waiting for a photo", async () => {
    expect(await statusesOf(ids.c001)).toEqual({ confirmed: 3, revoked: 1, submitted: 2, photo_approved: 2, photo_submitted: 3, awaiting_photo: 1 });
    const toReview = await t.db
      .select({ data: rosterPhotos.data, holder: rosterRecords.idNumber })
      .from(rosterPhotos)
      .innerJoin(rosterRecords, eq(rosterRecords.id, rosterPhotos.recordId))
      .where(and(eq(rosterRecords.committeeId, ids.c001), eq(rosterRecords.status, "photo_submitted"), eq(rosterPhotos.status, "submitted")));
    expect(toReview).toHaveLength(3);
    for (const p of toReview) {
      expect(DEMO_PEOPLE_IDS).toContain(p.holder);
      expect(p.data.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
      expect((await sharp(p.data).metadata()).width).toBe(PHOTO_WIDTH);
    }
  });

  it("has one confirmed batch and one submitted batch waiting for the 专技处", async () => {
    const batches = await t.db
      .select({ batchNo: rosterBatches.batchNo, status: rosterBatches.status, recordCount: rosterBatches.recordCount, confirmedCount: rosterBatches.confirmedCount, submittedBy: rosterBatches.submittedBy, confirmedBy: rosterBatches.confirmedBy })
      .from(rosterBatches)
      .where(eq(rosterBatches.committeeId, ids.c001))
      .orderBy(asc(rosterBatches.batchNo));
    const year = batches[0]?.batchNo.slice(2, 6);
    expect(batches).toEqual([
      { batchNo: `PC${year}0010001`, status: "confirmed", recordCount: 4, confirmedCount: 4, submittedBy: ids.province, confirmedBy: ids.zjc },
      { batchNo: `PC${year}0010002`, status: "submitted", recordCount: 2, confirmedCount: 0, submittedBy: ids.province, confirmedBy: null },
    ]);
    expect(await t.db.select({ n: count() }).from(certificates).where(and(eq(certificates.committeeId, ids.c001), isNotNull(certificates.rosterRecordId)))).toEqual([{ n: 4 }]);
    const orgMessages = await t.db.select({ kind: notifications.kind }).from(notifications).where(eq(notifications.orgId, ids.provinceOrg));
    expect(orgMessages).toEqual([{ kind: "batch_confirmed" }]);
  });

  it("has one 诚信档案 record: 李红梅's certificate revoked for fraud by the 专技处, in 贵阳市云岩区's region; 张三 is not barred", async () => {
    const rows = await t.db
      .select({ name: integrityRecords.name, documentNo: integrityRecords.documentNo, revokedAt: integrityRecords.revokedAt, barUntil: integrityRecords.barUntil, certStatus: certificates.status, region: orgs.name, createdBy: integrityRecords.createdBy })
      .from(integrityRecords)
      .innerJoin(certificates, eq(certificates.id, integrityRecords.certificateId))
      .innerJoin(orgs, eq(orgs.id, integrityRecords.regionOrgId));
    expect(rows).toEqual([
      { name: "李红梅", documentNo: "黔人社专技〔2025〕37号", revokedAt: todayInChina(), barUntil: integrityBarUntil(todayInChina()), certStatus: "revoked", region: "贵阳市云岩区人力资源和社会保障局", createdBy: ids.zjc },
    ]);
    expect(await personIntegrityBar(t.db, ids.person)).toBeNull();
  });

  it("logged every transition of every record, starting from publication", async () => {
    const records = await t.db.select({ id: rosterRecords.id, status: rosterRecords.status }).from(rosterRecords);
    const events = await t.db.select({ recordId: rosterRecordEvents.recordId, to: rosterRecordEvents.toStatus }).from(rosterRecordEvents).orderBy(asc(rosterRecordEvents.id));
    for (const r of records) {
      const path = events.filter((e) => e.recordId === r.id).map((e) => e.to);
      // Publication: awaiting_photo, or photo_approved for a pre-2020 record (no photo step).
      expect(["awaiting_photo", "photo_approved"]).toContain(path[0]);
      expect(path.at(-1)).toBe(r.status);
    }
  });
});

describe("the audit log and the accounts", () => {
  it("has the steps of each account, as the actions write them", async () => {
    const rows = await t.db
      .select({ action: auditLog.action, actorId: auditLog.actorId, n: count() })
      .from(auditLog)
      .where(eq(auditLog.outcome, "success"))
      .groupBy(auditLog.action, auditLog.actorId);
    const n = (action: string, actorId: string) => rows.find((r) => r.action === action && r.actorId === actorId)?.n ?? 0;
    expect(n("roster.record.create", ids.province)).toBe(12);
    expect(n("roster.record.publish", ids.province)).toBe(3);
    expect(n("backfill.photo.approve", ids.province)).toBe(3);
    expect(n("backfill.batch.submit", ids.province)).toBe(2);
    expect(n("backfill.batch.confirm", ids.zjc)).toBe(1);
    expect(n("roster.record.create", ids.selfUnit)).toBe(1);
    expect(n("roster.record.publish", ids.selfUnit)).toBe(1);
    expect([n("photo.consent", ids.person), n("photo.upload", ids.person), n("photo.submit", ids.person)]).toEqual([1, 1, 1]);
    expect(rows.filter((r) => r.action === "photo.upload").reduce((s, r) => s + r.n, 0)).toBe(9);
  });

  it("lets the demo professionals log in with their ID number and the demo password", async () => {
    const r = await authenticate(t.db, DEMO_PEOPLE_IDS[0], "Demo@2026", "198.51.100.7");
    expect(r.ok).toBe(true);
    const people = await t.db.select({ n: count() }).from(users).where(and(eq(users.role, "person"), inArray(users.idNumber, [...DEMO_PEOPLE_IDS])));
    expect(people).toEqual([{ n: DEMO_PEOPLE_IDS.length }]);
  });
});

describe("证件号码被占用申诉 (demo_claimant against 陈刚's account)", () => {
  it("is pending, routed to 贵阳市人社局 and listed for demo_hrss only, with a PDF proof", async () => {
    const hrss = await userId("demo_hrss");
    const claimant = await userId(DEMO_CLAIMANT);
    const [occupant] = await t.db.select({ id: users.id, status: users.status }).from(users).where(eq(users.idNumber, DEMO_DISPUTED_ID));
    const [d] = await t.db.select().from(idDisputes).where(eq(idDisputes.filerId, claimant.id));
    expect(d).toMatchObject({ status: "pending", occupantId: occupant.id, claimedIdType: "resident", claimedIdNumber: DEMO_DISPUTED_ID, regionOrgId: hrss.orgId, proofType: "pdf" });
    expect(occupant.status).toBe("active");

    const examiner = (id: string, orgId: string | null): SessionUser => ({ id, role: "hrss", name: "—", orgId, orgName: null, orgIsCertDivision: false, grantId: "", grants: [] });
    const asHrss = examiner(hrss.id, hrss.orgId);
    const { rows } = await listRegionDisputes(t.db, asHrss, { page: 1, status: "pending" });
    expect(rows.map((r) => [r.id, r.claimedName, r.statusLabel])).toContainEqual([d.id, "陈刚", "待审核"]);
    const asProvince = examiner(ids.province, ids.provinceOrg);
    expect((await listRegionDisputes(t.db, asProvince, { page: 1 })).rows.map((r) => r.id)).not.toContain(d.id);

    const proof = await getDisputeProof(t.db, d.id);
    expect(proof?.contentType).toBe("application/pdf");
    expect(proof?.data.subarray(0, 8).toString("latin1")).toBe("%PDF-1.4");
    expect(proof?.data.subarray(-6).toString("latin1")).toBe("%%EOF\n");
  });

  it("the claimant logs in by username, holds no ID and sees the dispute's status; the filing is audited", async () => {
    const r = await authenticate(t.db, DEMO_CLAIMANT, "Demo@2026", "198.51.100.8");
    expect(r.ok).toBe(true);
    const claimant = await userId(DEMO_CLAIMANT);
    const [u] = await t.db.select({ idNumber: users.idNumber, status: users.status }).from(users).where(eq(users.id, claimant.id));
    expect(u).toEqual({ idNumber: null, status: "active" });
    expect((await listFilerDisputes(t.db, claimant.id)).map((d) => d.statusLabel)).toEqual(["待审核"]);
    const audits = await t.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.action, "dispute.file"), eq(auditLog.actorId, claimant.id)));
    expect(audits).toEqual([{ n: 1 }]);
  });
});

describe("专家库 (贵州大学, demo_selfunit)", () => {
  it("holds at least 30 active 高校教师 experts, each bound to an account with a profile and the pool's expert grant", async () => {
    const rows = await listPoolMembers(t.db, ids.gzuOrg, { status: "active", series: "高校教师" }, 1, 100);
    expect(rows.total).toBeGreaterThanOrEqual(30);
    expect(new Set(rows.rows.map((r) => r.title))).toEqual(new Set(["教授", "副教授"]));
    expect(new Set(rows.rows.map((r) => r.specialty)).size).toBeGreaterThanOrEqual(5);
    const members = await t.db.select().from(expertPoolMembers).where(and(eq(expertPoolMembers.orgId, ids.gzuOrg), eq(expertPoolMembers.status, "active")));
    for (const m of members) {
      expect(validateIdDocument("resident", m.idNumber).ok).toBe(true);
      const [profile] = await t.db.select({ userId: expertProfiles.userId }).from(expertProfiles).where(eq(expertProfiles.userId, m.userId!));
      expect(profile).toBeDefined();
      const grants = await t.db
        .select({ n: count() })
        .from(roleGrants)
        .where(and(eq(roleGrants.userId, m.userId!), eq(roleGrants.role, "expert"), eq(roleGrants.orgId, ids.gzuOrg), eq(roleGrants.status, "active")));
      expect(grants[0].n).toBe(1);
    }
  });

  it("demo_expert (李四) is an active member with a profile and one 回避声明 entry", async () => {
    const li = await userId("demo_expert");
    // 贵州大学's pool, and the 省人社厅's (工程技术, for committee 001).
    expect(await listPoolsOfExpert(t.db, li.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ orgName: "贵州大学", status: "active" }), expect.objectContaining({ orgName: "贵州省人力资源和社会保障厅", status: "active" })]),
    );
    const profile = await getExpertProfile(t.db, li.id);
    expect(profile).toMatchObject({ name: "李四", title: "教授", series: "高校教师", department: "计算机科学与技术学院" });
    // The ID number leaves the server masked.
    expect(profile!.idLabel).toMatch(/^居民身份证 5201\*{10}\d{3}[\dX]$/);
    const conflicts = await t.db.select().from(expertConflicts).where(eq(expertConflicts.userId, li.id));
    expect(conflicts).toEqual([expect.objectContaining({ kind: "unit", unitName: "贵州师范大学", relation: "collaborator", removedAt: null })]);
  });

  it("demo_person (张三) has one pending invitation, from the 省人社厅", async () => {
    expect((await listInvitationsForUser(t.db, ids.person)).map((i) => i.orgName)).toEqual(["贵州省人力资源和社会保障厅"]);
  });
});

async function sessionOf(username: string): Promise<SessionUser> {
  const [u] = await t.db.select({ id: users.id, role: users.role, orgId: users.orgId, name: users.name }).from(users).where(eq(users.username, username));
  const pick = pickActiveGrant(await loadUserGrants(t.db, u.id), { role: u.role, orgId: u.orgId }, null);
  if (!pick.ok) throw new Error(`${username} has no usable grant`);
  const g = pick.active;
  return { id: u.id, role: g.role, name: u.name, orgId: g.orgId, orgName: g.orgName, orgIsCertDivision: g.orgIsCertDivision, grantId: g.id, grants: pick.usable };
}

const chinaDay = (offsetDays = 0) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86400_000).toISOString().slice(0, 10);

describe("评委会 004 的本届与评审权备案 (贵州大学)", () => {
  async function termsOf004() {
    return t.db.select().from(committeeTerms).where(eq(committeeTerms.committeeId, ids.c004)).orderBy(asc(committeeTerms.startDate));
  }

  it("the current term: 25 members, 李四 主任委员, approved by 贵州省教育厅 then the 省人社厅, ending within 90 days", async () => {
    const [term] = await termsOf004();
    expect(term.status).toBe("active");
    expect(await t.db.$count(committeeTermMembers, eq(committeeTermMembers.termId, term.id))).toBe(25);
    const li = await userId("demo_expert");
    const [seat] = await t.db.select().from(committeeTermMembers).where(and(eq(committeeTermMembers.termId, term.id), eq(committeeTermMembers.userId, li.id)));
    expect(seat.position).toBe("chair");
    const [grant] = await t.db
      .select()
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, li.id), eq(roleGrants.role, "committee_member"), eq(roleGrants.committeeId, ids.c004), eq(roleGrants.status, "active")));
    expect(grant).toMatchObject({ position: "主任委员", termId: term.id });
    const [filing] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.termId, term.id));
    const [edu] = await t.db.select({ id: users.id, orgId: users.orgId }).from(users).where(eq(users.username, "demo_edu"));
    const [eduOrg] = await t.db.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, edu.orgId!));
    expect(eduOrg.name).toBe("贵州省教育厅");
    expect(filing).toMatchObject({ status: "approved", deptExaminerOrgId: edu.orgId, deptApprovedBy: edu.id, approvedBy: (await userId("demo_province")).id });
    expect(filing.members).toHaveLength(25);
    // A full 3-year filing whose last day is DEMO_EXPIRING_IN_DAYS away: inside the 90-day warning.
    expect(filing.validTo).toBe(chinaDay(DEMO_EXPIRING_IN_DAYS));
    expect(filing.validTo).toBe(maxEndDate(filing.validFrom));
    expect(await canHoldReviewRound(t.db, ids.c004, chinaDay())).toBe(true);
    expect(await canHoldReviewRound(t.db, ids.c004, chinaDay(DEMO_EXPIRING_IN_DAYS + 1))).toBe(false);
  });

  it("the next term starts the day after, is submitted and waits in 贵州省教育厅's queue; 李四 stays on as 委员", async () => {
    const [current, next] = await termsOf004();
    expect(next.startDate > current.endDate).toBe(true);
    expect(next.status).toBe("filed");
    const [filing] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.termId, next.id));
    expect(filing).toMatchObject({ status: "submitted", validFrom: next.startDate });
    expect(filing.members).toHaveLength(25);
    const li = await userId("demo_expert");
    const [seat] = await t.db.select().from(committeeTermMembers).where(and(eq(committeeTermMembers.termId, next.id), eq(committeeTermMembers.userId, li.id)));
    expect(seat.position).toBe("member");
    const edu = await sessionOf("demo_edu");
    const queue = await listExaminerQueue(t.db, edu, { status: "submitted" }, 1);
    expect(queue.rows.map((r) => r.id)).toEqual([filing.id]);
    expect(examinerStage(edu, filing)).toEqual({ from: "submitted", to: "dept_approved" });
    // The province sees it only once the 主管部门 has approved it.
    expect(examinerStage(await sessionOf("demo_province"), filing)).toBeNull();
  });

  it("the 90-day warning counts on the filer's home and on both examiners' homes; demo_edu has one filing waiting", async () => {
    expect(await countFilingWork(t.db, await sessionOf("demo_selfunit"))).toMatchObject({ ownExpiring: 1 });
    expect(await countFilingWork(t.db, await sessionOf("demo_edu"))).toEqual({ ownExpiring: 0, examinedExpiring: 1, waiting: 1 });
    expect(await countFilingWork(t.db, await sessionOf("demo_province"))).toMatchObject({ examinedExpiring: 1, waiting: 0 });
  });
});

describe("评委会 001 的本届 (省人社厅, recorded by the 专技处)", () => {
  it("has 25 members of the 省人社厅's 工程技术 pool: 王五 主任委员, 李四 副主任委员; filed with no examiner and recorded by demo_zjc", async () => {
    const terms = await t.db.select().from(committeeTerms).where(eq(committeeTerms.committeeId, ids.c001));
    expect(terms).toHaveLength(1);
    const [term] = terms;
    expect(term.status).toBe("active");
    const seats = await t.db
      .select({ position: committeeTermMembers.position, username: users.username, series: expertPoolMembers.series, orgId: expertPoolMembers.orgId })
      .from(committeeTermMembers)
      .innerJoin(users, eq(users.id, committeeTermMembers.userId))
      .innerJoin(expertPoolMembers, eq(expertPoolMembers.id, committeeTermMembers.poolMemberId))
      .where(eq(committeeTermMembers.termId, term.id));
    expect(seats).toHaveLength(25);
    expect(seats.every((s) => s.series === "工程技术" && s.orgId === ids.provinceOrg)).toBe(true);
    expect(seats.find((s) => s.username === "demo_committee")?.position).toBe("chair");
    expect(seats.find((s) => s.username === "demo_expert")?.position).toBe("vice_chair");
    const [filing] = await t.db.select().from(committeeFilings).where(eq(committeeFilings.termId, term.id));
    expect(filing).toMatchObject({ status: "approved", formingOrgId: ids.provinceOrg, deptExaminerOrgId: null, hrssExaminerOrgId: null, approvedBy: ids.zjc });
    expect(await canHoldReviewRound(t.db, ids.c001, chinaDay())).toBe(true);
  });

  it("demo_committee (王五) logs in under his 主任委员 grant of committee 001 and sees its 25 members", async () => {
    const wang = await sessionOf("demo_committee");
    expect(wang.role).toBe("committee_member");
    const view = await getCommitteeMemberView(t.db, wang);
    expect(view).toMatchObject({ committee: { code: "001", name: "贵州省工程技术高级职称评审委员会" }, position: "主任委员" });
    expect(view!.members).toHaveLength(25);
    // Also an expert of the 省人社厅's pool (切换身份), never an unbound 评委会成员.
    expect(wang.grants.map((g) => [g.role, g.committeeId === null ? null : "bound"])).toEqual([
      ["committee_member", "bound"],
      ["expert", null],
    ]);
  });

  it("李四 holds both 评委会成员 grants: 主任委员 of 004, 副主任委员 of 001 (no round grant: he is no 组长)", async () => {
    const li = await userId("demo_expert");
    const grants = await t.db
      .select({ committeeId: roleGrants.committeeId, position: roleGrants.position, roundId: roleGrants.roundId })
      .from(roleGrants)
      .where(and(eq(roleGrants.userId, li.id), eq(roleGrants.role, "committee_member"), eq(roleGrants.status, "active")));
    const termGrants = grants.filter((g) => g.roundId === null).map(({ committeeId, position }) => ({ committeeId, position }));
    expect(termGrants).toEqual(expect.arrayContaining([{ committeeId: ids.c004, position: "主任委员" }, { committeeId: ids.c001, position: "副主任委员" }]));
    expect(termGrants).toHaveLength(2);
    expect(grants.filter((g) => g.roundId !== null)).toEqual([]);
  });
});

describe("idempotence", () => {
  it("a second run changes nothing", async () => {
    const before = await tableCounts();
    const again = await seedDemoData(t.db);
    expect(again.created).toBe(false);
    expect(await tableCounts()).toEqual(before);
  });
});

describe("申报 in every state (db/seed-declaration-demo.ts)", () => {
  const statusOf = async (username: string) => {
    const { declarations: d } = await import("@/db/schema");
    return t.db
      .select({ status: d.status, returnedFrom: d.returnedFrom, id: d.id })
      .from(d)
      .innerJoin(users, eq(users.id, d.userId))
      .where(eq(users.username, username))
      .orderBy(asc(d.createdAt));
  };

  it("covers every reachable state of committee 004's batch, each reached through the transitions (events)", async () => {
    const { declarations: d, declarationEvents: e } = await import("@/db/schema");
    const rows = await t.db.select({ status: d.status, n: count() }).from(d).where(eq(d.committeeId, ids.c004)).groupBy(d.status);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    for (const s of ["draft", "submitted", "returned", "unit_verified", "in_publicity", "unit_recommended", "dept_approved", "hrss_checked", "accepted", "rejected", "withdrawn"]) {
      expect(by[s] ?? 0, s).toBeGreaterThan(0);
    }
    // Every non-draft declaration has an event for each state it passed: its current state was reached by a move.
    const { executeRows } = await import("@/db/raw");
    const noEvent = await executeRows(t.db, sql`select d.id from declarations d where d.status <> 'draft'
      and not exists (select 1 from declaration_events e where e.declaration_id = d.id and e.to_status = d.status)`);
    expect(noEvent).toHaveLength(0);
    expect(await t.db.$count(e)).toBeGreaterThan(30);
  });

  it("张三 has one withdrawn declaration in committee 004's batch (free to start another there); 孙伟's was returned by the 主管部门 with an open 一次性告知", async () => {
    const { declarationNotices: n } = await import("@/db/schema");
    // …and, in committee 001's batch, the declaration of the demo's confirmed review round.
    expect((await statusOf("demo_person")).map((r) => r.status).sort()).toEqual(["confirmed", "withdrawn"]);
    const { declarations: d } = await import("@/db/schema");
    const rows = await t.db.select({ id: d.id, returnedFrom: d.returnedFrom }).from(d).where(and(eq(d.personName, "孙伟"), eq(d.status, "returned")));
    expect(rows).toHaveLength(1);
    expect(rows[0].returnedFrom).toBe("unit_recommended");
    const notices = await t.db.select().from(n).where(eq(n.declarationId, rows[0].id));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ resolvedAt: null, stage: "unit_recommended", round: 1 });
    expect(notices[0].items.length).toBe(2);
  });

  it("贵州省建筑设计研究院 runs a 公示 now (two people, one open objection) and 贵州大学 has a self-review waiting for acceptance", async () => {
    const { publicities: p, publicityItems: pi, publicityObjections: o, declarations: d } = await import("@/db/schema");
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const open = await t.db.select().from(p).where(eq(p.status, "open"));
    expect(open).toHaveLength(1);
    expect(open[0].postedOn).toBe(today);
    expect(open[0].endsOn > today).toBe(true);
    expect(await t.db.$count(pi, eq(pi.publicityId, open[0].id))).toBe(2);
    expect(await t.db.$count(o, and(eq(o.publicityId, open[0].id), eq(o.status, "open")))).toBe(1);
    const selfWaiting = await t.db.select({ id: d.id }).from(d).where(and(eq(d.selfReview, true), eq(d.status, "unit_recommended")));
    expect(selfWaiting).toHaveLength(1);
  });

  it("the examiners' lists show what each office holds now", async () => {
    const { listDeclarations } = await import("@/lib/declarations/queries");
    const { sessionUserOf } = await import("../helpers/session-user");
    const todo = async (username: string) => (await listDeclarations(t.db, await sessionUserOf(t.db, (await userId(username)).id), { view: "todo" })).rows.map((r) => r.status).sort();
    expect(await todo("demo_unit")).toEqual(["in_publicity", "in_publicity", "submitted", "unit_verified"]);
    expect(await todo("demo_dept")).toEqual(["unit_recommended"]);
    expect(await todo("demo_province")).toEqual(["dept_approved"]);
    expect(await todo("demo_selfunit")).toEqual(["hrss_checked", "unit_recommended"]);
  });
});

describe("评审会议 (db/seed-review-round.ts)", () => {
  it("committee 001 holds one round 评议中: 25 seated members, two 评议组 (李四 on the first), four candidates, opinions begun", async () => {
    const { reviewRounds, roundMembers, panels, panelMembers, roundCandidates, opinions, panelSummaries } = await import("@/db/schema");
    const rounds = await t.db.select().from(reviewRounds).where(and(eq(reviewRounds.committeeId, ids.c001), eq(reviewRounds.state, "panel_review")));
    expect(rounds).toHaveLength(1);
    const round = rounds[0];
    expect(round).toMatchObject({ state: "panel_review", memberCount: 25, formingOrgId: ids.provinceOrg });
    expect(await t.db.$count(roundMembers, and(eq(roundMembers.roundId, round.id), eq(roundMembers.seated, true)))).toBe(25);
    expect(await t.db.$count(panels, eq(panels.roundId, round.id))).toBe(2);
    const li = await userId("demo_expert");
    const [seat] = await t.db.select({ isLeader: panelMembers.isLeader }).from(panelMembers).where(and(eq(panelMembers.roundId, round.id), eq(panelMembers.userId, li.id)));
    expect(seat).toEqual({ isLeader: false });
    expect(await t.db.$count(roundCandidates, eq(roundCandidates.roundId, round.id))).toBe(4);
    expect(await t.db.$count(opinions, eq(opinions.roundId, round.id))).toBe(3);
    expect(await t.db.$count(panelSummaries, eq(panelSummaries.roundId, round.id))).toBe(1);
  });

  it("李四 is blocked from 韦东 (same unit, 贵州大学) and sees only 钱进 on his panel; the 主任 has four suggestions to decide", async () => {
    const { reviewRounds, roundConflicts, roundCandidates, declarations: d } = await import("@/db/schema");
    const { visibleCandidatesForExpert } = await import("@/lib/review-rounds/expert-queries");
    const { sessionUserOf } = await import("../helpers/session-user");
    const [round] = await t.db.select({ id: reviewRounds.id }).from(reviewRounds).where(and(eq(reviewRounds.committeeId, ids.c001), eq(reviewRounds.state, "panel_review")));
    const li = await userId("demo_expert");
    const blocks = await t.db
      .select({ name: d.personName, category: roundConflicts.category })
      .from(roundConflicts)
      .innerJoin(roundCandidates, eq(roundCandidates.id, roundConflicts.candidateId))
      .innerJoin(d, eq(d.id, roundCandidates.declarationId))
      .where(and(eq(roundConflicts.roundId, round.id), eq(roundConflicts.userId, li.id)));
    expect(blocks).toEqual([{ name: "韦东", category: "same_unit" }]);
    expect(await t.db.$count(roundConflicts, and(eq(roundConflicts.roundId, round.id), eq(roundConflicts.status, "suggested")))).toBe(4);
    const session = await sessionUserOf(t.db, li.id);
    const provinceGrant = session.grants.find((g) => g.role === "expert" && g.orgId === ids.provinceOrg)!;
    const asProvinceExpert = { ...session, role: "expert" as const, orgId: ids.provinceOrg, grantId: provinceGrant.id };
    const { candidates } = await visibleCandidatesForExpert(t.db, asProvinceExpert, round.id);
    expect(candidates.map((c) => c.personName)).toEqual(["钱进"]);
  });

  it("two declarations of committee 001 stay 已受理 for the next round, each with an attachment", async () => {
    const { declarations: d, declarationAttachments: a } = await import("@/db/schema");
    const waiting = await t.db.select({ id: d.id, name: d.personName }).from(d).where(and(eq(d.committeeId, ids.c001), eq(d.status, "accepted")));
    expect(waiting.map((w) => w.name).sort()).toEqual(["潘婷", "蒋毅"].sort());
    for (const w of waiting) expect(await t.db.$count(a, eq(a.declarationId, w.id))).toBe(1);
  });
});

describe("评审结果 (db/seed-review-results.ts)", () => {
  const roundNamed = async (name: string) => {
    const { reviewRounds } = await import("@/db/schema");
    const [r] = await t.db.select().from(reviewRounds).where(and(eq(reviewRounds.committeeId, ids.c001), eq(reviewRounds.name, name)));
    return r;
  };

  it("one signed round of committee 001 is in 结果公示 now: three candidates, posted today, ending later, no objection", async () => {
    const { roundResultPublicities, roundResultObjections, roundCandidates, declarations: d, tallies } = await import("@/db/schema");
    const round = await roundNamed(DEMO_PUBLICITY_ROUND);
    expect(round).toMatchObject({ state: "publicity", memberCount: 25, formingOrgId: ids.provinceOrg });
    expect(round.signedAt).not.toBeNull();
    expect(round.closingHash).toMatch(/^[0-9a-f]{64}$/);
    const [pub] = await t.db.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, round.id));
    const today = todayInChina();
    expect(pub.postedOn).toBe(today);
    expect(pub.endsOn > today).toBe(true);
    expect(await t.db.$count(roundResultObjections, eq(roundResultObjections.roundId, round.id))).toBe(0);
    const people = await t.db.select({ name: d.personName, status: d.status }).from(roundCandidates).innerJoin(d, eq(d.id, roundCandidates.declarationId)).where(eq(roundCandidates.roundId, round.id));
    expect(people.map((p) => [p.name, p.status]).sort()).toEqual([["孟雪", "result_publicity"], ["杜军", "result_publicity"], ["赵磊", "result_publicity"]]);
    expect(await t.db.$count(tallies, eq(tallies.roundId, round.id))).toBe(3);
    // The 省人社厅 formed committee 001 and confirms its results too: its page offers both.
    const { getRoundResults } = await import("@/lib/review-results/queries");
    const { sessionUserOf } = await import("../helpers/session-user");
    expect(await getRoundResults(t.db, await sessionUserOf(t.db, ids.province), round.id)).toMatchObject({ viewer: "forming", mayConfirm: true, kind: "confirmation" });
  });

  it("one round is confirmed and its certificates issued by the 专技处: its 公示 ended in the past, and 张三 holds its certificate, signed, verifiable and downloadable", async () => {
    const { roundResultPublicities, roundResults, reviewCertificates } = await import("@/db/schema");
    const { verifyCertificateLink } = await import("@/lib/query/verify-link");
    const round = await roundNamed(DEMO_CONFIRMED_ROUND);
    expect(round.state).toBe("confirmed");
    const today = todayInChina();
    const [pub] = await t.db.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, round.id));
    expect(pub.postedOn).toBe(shiftDays(today, -20));
    expect(pub.endsOn < today).toBe(true);
    const [rr] = await t.db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
    expect(rr).toMatchObject({ kind: "confirmation", confirmedCount: 2, withheldCount: 0, confirmedBy: ids.province, approvalNo: DEMO_CONFIRMED_APPROVAL_NO, issuedBy: ids.zjc, certificateCount: 2 });
    const prov = await t.db.select().from(reviewCertificates).where(eq(reviewCertificates.roundId, round.id));
    expect(prov).toHaveLength(2);
    const [cert] = await t.db.select().from(certificates).where(and(eq(certificates.idNumber, HOLDER_ID), inArray(certificates.certNo, prov.map((p) => p.certNo))));
    expect(cert).toMatchObject({ name: "张三", status: "valid", qualificationName: "高级工程师", level: "senior_deputy", obtainMethod: "review", approvalNo: DEMO_CONFIRMED_APPROVAL_NO, passDate: confirmedMeetingDate(), rosterRecordId: null });
    expect(cert.issueDate > pub.endsOn && cert.issueDate <= today).toBe(true);
    // The committee's numbering (高级工程师: title code 061), shared with the back-fill's sequence.
    expect(cert.certNo).toMatch(new RegExp(`^52${cert.passYear}061001\\d{5}[\\dX]$`));
    expect(buildCertNo(cert.passYear, "061", "001", Number(cert.certNo.slice(12, 17)))).toBe(cert.certNo);
    expect(verifySignature(signedFieldsOf(cert), cert.signature)).toBe(true);
    expect((await verifyCertificateLink(t.db, cert.verifyToken, { ip: null })).kind).toBe("verified");
    // The certificate carries the 证件照 of 张三's declaration (docs/domain.md §16, §18), not a back-fill photo.
    const [photo] = await t.db.select({ declarationId: rosterPhotos.declarationId, recordId: rosterPhotos.recordId, status: rosterPhotos.status }).from(rosterPhotos).where(eq(rosterPhotos.id, cert.photoId!));
    expect(photo).toEqual({ declarationId: prov.find((p) => p.certNo === cert.certNo)!.declarationId, recordId: null, status: "pending" });
    const mine = await listHolderCertificates(t.db, ids.person);
    expect(mine?.find((c) => c.certNo === cert.certNo)?.downloadable).toBe(true);
  });

  it("one round is signed and waits for its 结果公示 (the e2e spec publishes it)", async () => {
    const { roundCandidates, declarations: d } = await import("@/db/schema");
    const round = await roundNamed(DEMO_SIGNED_ROUND);
    expect(round.state).toBe("signed");
    const people = await t.db.select({ name: d.personName, status: d.status }).from(roundCandidates).innerJoin(d, eq(d.id, roundCandidates.declarationId)).where(eq(roundCandidates.roundId, round.id));
    expect(people.map((p) => [p.name, p.status]).sort()).toEqual([["沈丽", "passed"], ["胡斌", "passed"]]);
  });
});
