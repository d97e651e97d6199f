import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, certificates, committees, notifications, rosterBatches, rosterRecordEvents, rosterRecords, users } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getCertificateVersions } from "@/lib/certificates/admin-queries";
import { getCertificateConfirmation } from "@/lib/certificates/confirmation-info";
import { getHolderCertificate } from "@/lib/certificates/holder";
import { signedFieldsOf } from "@/lib/certificates/issue";
import type { Db } from "@/db/client";
import { isPdfDownloadable } from "@/lib/certificates/eligibility";
import { certificatePdfAccess, getCertificateForPdf, renderCertificatePdfOf } from "@/lib/certificates/pdf-download";
import { fixPrintedApprovalFields, PRINTED_APPROVAL_FIX_REASON } from "@/lib/certificates/printed-approval-fix";
import { signCertificate } from "@/lib/certificates/token";
import { runDataFixes } from "@/db/data-fixes";
import { storePersonPhoto, submitPersonPhoto } from "@/lib/backfill/person-photo";
import { listPhotosForReview } from "@/lib/photo-review/queries";
import { NO_PHOTO_NEEDED_MESSAGE } from "@/lib/roster/photo-rule";
import { movePhotoFreeRecordsToReady, PHOTO_NOT_NEEDED_REASON } from "@/lib/roster/photo-rule-fix";
import { verifyCertificateLink } from "@/lib/query/verify-link";
import { createProvinceUsers, insertPhotos } from "../helpers/backfill-fixtures";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

/** What the PDF route decides for a viewer, without the HTTP layer: not found, view only, or the PDF. */
async function pdfForViewer(db: Db, viewer: SessionUser, certificateId: string, origin: string) {
  const row = await getCertificateForPdf(db, certificateId);
  if (!row || !(await certificatePdfAccess(db, viewer, row))) return { kind: "not_found" as const };
  if (!isPdfDownloadable(row.certificate.passDate)) return { kind: "view_only" as const };
  return { kind: "ok" as const, pdf: await renderCertificatePdfOf(db, row.certificate, origin) };
}


// The certificate's 批准文号 / 发证日期 are the roster's (the title's approval), never the 专技处's
// confirmation number and date, which are recorded on the batch (docs/domain.md §5, §7).

process.env.CERT_SIGNING_SECRET ??= "certificate-fields-test-signing-secret-0123456789";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const roster = await import("@/app/_roster/actions");
const committee = await import("@/app/_batch-submission/actions");
const province = { ...(await import("@/app/_confirmation/actions")), ...(await import("@/app/_certificate-admin/actions")) };

let t: TestDb;
let f: RosterFixture;
let zjc: SessionUser;
const tmp = mkdtempSync(path.join(os.tmpdir(), "cert-fields-"));

beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
  ({ zjc } = await createProvinceUsers(t.db, f.province.orgId!));
});
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await t?.close();
});

let committeeCode = 300;
async function freshCommittee(): Promise<string> {
  const code = String(committeeCode++);
  const [c] = await t.db
    .insert(committees)
    .values({ name: `测试评委会${code}`, code, series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: f.province.orgId! })
    .returning({ id: committees.id });
  return c.id;
}

const form = (committeeId: string, n: number, overrides: Record<string, string> = {}) => ({
  committeeId,
  name: `测试${"甲乙丙丁戊己庚辛壬癸"[n % 10]}`,
  gender: "",
  birthDate: "",
  idType: "resident",
  idNumber: residentId(n),
  nationality: "",
  workUnit: "贵州省建筑设计研究院有限责任公司",
  series: "工程技术",
  specialty: "建筑工程",
  qualificationName: "高级工程师",
  level: "senior_deputy",
  obtainMethod: "review",
  passDate: "2021-06-30",
  approvalNo: "黔人社职称〔2021〕45号",
  issuingAuthority: "",
  issueDate: "",
  ...overrides,
});

/** A draft entered by the committee (as the form or the import would), then brought to photo_approved with an approved photo. */
async function readyRecord(committeeId: string, n: number, overrides: Record<string, string> = {}): Promise<string> {
  signInAs(f.province);
  const r = await roster.createRosterRecordAction(form(committeeId, n, overrides));
  if (!r.ok) throw new Error(r.message);
  await t.db.update(rosterRecords).set({ status: "photo_approved", publishedAt: new Date() }).where(eq(rosterRecords.id, r.data.id));
  await insertPhotos(t.db, [r.data.id], f.person.id, "approved");
  return r.data.id;
}

async function submitAndConfirm(committeeId: string, count: number, confirmation: { approvalNo: string; issueDate: string }) {
  signInAs(f.province);
  const s = await committee.submitBatchAction({ committeeId, expectedCount: count });
  if (!s.ok) throw new Error(s.message);
  const [b] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, s.data.batchId));
  signInAs(zjc);
  const c = await province.confirmBatchAction({ batchId: b.id, batchVersion: b.version, expectedConfirmCount: count, expectedReturnCount: 0, ...confirmation });
  if (!c.ok) throw new Error(c.message);
  return b.id;
}

async function certOf(recordId: string) {
  const [c] = await t.db.select().from(certificates).where(and(eq(certificates.rosterRecordId, recordId), eq(certificates.status, "valid")));
  return c;
}

function pdfText(pdf: Buffer): string {
  const file = path.join(tmp, `${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
}

describe("the certificate carries the roster's 批准文号 and 发证日期", () => {
  const X = "黔人社职称〔2021〕45号";
  const D = "2021-08-20";
  const Y = "黔人社专技〔2026〕312号";
  const E = "2026-01-27";

  it("prints X and D (not the confirmation's Y and E) on the certificate, the verify page and the PDF; the batch and the audit row keep Y and E", async () => {
    const cid = await freshCommittee();
    const withDate = await readyRecord(cid, 3101, { approvalNo: X, issueDate: D });
    const withoutDate = await readyRecord(cid, 3102, { approvalNo: X, passDate: "2021-06-30", issueDate: "" });
    const batchId = await submitAndConfirm(cid, 2, { approvalNo: Y, issueDate: E });

    const a = await certOf(withDate);
    expect(a).toMatchObject({ approvalNo: X, issueDate: D });
    // 发证日期 left empty: 「不填时同评审通过时间」, as the template says.
    expect(await certOf(withoutDate)).toMatchObject({ approvalNo: X, issueDate: "2021-06-30" });

    const verified = await verifyCertificateLink(t.db, a.verifyToken, { ip: "127.0.0.1" });
    expect(verified.kind).toBe("verified");
    if (verified.kind === "verified") expect(verified.certificate).toMatchObject({ approvalNo: X, issueDate: D });

    const pdf = await pdfForViewer(t.db, zjc, a.id, "https://zhicheng.example.cn");
    expect(pdf.kind).toBe("ok");
    if (pdf.kind === "ok") {
      const text = pdfText(pdf.pdf);
      expect(text).toContain(X);
      expect(text).toContain("2021年8月20日");
      expect(text).not.toContain(Y);
    }

    // The confirmation is recorded as such: on the batch, in the audit row, beside the certificate.
    const [batch] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, batchId));
    expect(batch).toMatchObject({ status: "confirmed", approvalNo: Y, issueDate: E });
    const [audit] = await t.db
      .select({ detail: auditLog.detail })
      .from(auditLog)
      .where(and(eq(auditLog.action, "backfill.batch.confirm"), eq(auditLog.targetId, batchId), eq(auditLog.outcome, "success")));
    expect(audit.detail).toMatchObject({ confirmationNo: Y, confirmationDate: E });
    expect(await getCertificateConfirmation(t.db, a.id)).toMatchObject({ batchNo: batch.batchNo, confirmationNo: Y, confirmationDate: E });
  });

  it("shows the confirmation beside the certificate to the 专技处 and to the holder, without changing the printed fields", async () => {
    const cid = await freshCommittee();
    const id = await readyRecord(cid, 3111, { approvalNo: X, issueDate: D, idNumber: residentId(3111) });
    await submitAndConfirm(cid, 1, { approvalNo: Y, issueDate: E });
    const c = await certOf(id);

    const versions = await getCertificateVersions(t.db, zjc, c.id);
    expect(versions?.[0]).toMatchObject({ approvalNo: X, issueDate: D });

    // The holder: an account whose ID document is the record's.
    const [holder] = await t.db
      .insert(users)
      .values({ username: "t_holder_3111", role: "person", name: "测试乙" /* the record's name: identity binding compares it */, passwordHash: "x", idType: "resident", idNumber: residentId(3111) })
      .returning({ id: users.id });
    const detail = await getHolderCertificate(t.db, holder.id, c.id);
    expect(detail?.fields).toEqual(expect.arrayContaining([{ label: "批准文号", value: X }, { label: "发证日期", value: D }]));
    expect(detail?.confirmation).toMatchObject({ confirmationNo: Y, confirmationDate: E });
  });

  it("a correction of the 批准文号 still issues a new version carrying the corrected value", async () => {
    const cid = await freshCommittee();
    const id = await readyRecord(cid, 3121, { approvalNo: X, issueDate: D });
    await submitAndConfirm(cid, 1, { approvalNo: Y, issueDate: E });
    const c = await certOf(id);
    signInAs(zjc);
    const r = await province.correctCertificateAction({ certificateId: c.id, reason: "批准文号录入有误", changes: { approvalNo: "黔人社职称〔2021〕46号" } });
    expect(r).toMatchObject({ ok: true });
    expect(await certOf(id)).toMatchObject({ version: 2, approvalNo: "黔人社职称〔2021〕46号", issueDate: D });
    expect(await t.db.select({ n: certificates.id }).from(certificates).where(inArray(certificates.rosterRecordId, [id]))).toHaveLength(2);
  });
});

describe("data fix for certificates issued with the confirmation's number and date", () => {
  const Y = "黔人社专技〔2026〕312号";
  const E = "2026-01-27";

  /** What the old issuing wrote: the batch's Y and E as the printed fields, signed as such. */
  async function issuedTheOldWay(recordId: string) {
    const c = await certOf(recordId);
    const wrong = { ...c, approvalNo: Y, issueDate: E };
    await t.db
      .update(certificates)
      .set({ approvalNo: Y, issueDate: E, signature: signCertificate(signedFieldsOf(wrong)) })
      .where(eq(certificates.id, c.id));
    return { ...wrong, signature: signCertificate(signedFieldsOf(wrong)) };
  }

  it("issues a corrected version with the roster's values; the old one is superseded and still verifies with what it printed; a second run does nothing", async () => {
    const cid = await freshCommittee();
    const pre2020 = await readyRecord(cid, 3201, { passDate: "2019-12-20", approvalNo: "黔人社职称〔2019〕96号", issueDate: "2020-01-10" });
    const handFixed = await readyRecord(cid, 3202, { approvalNo: "黔人社职称〔2021〕47号", issueDate: "2021-08-20" });
    const revoked = await readyRecord(cid, 3203, { approvalNo: "黔人社职称〔2021〕48号", issueDate: "2021-08-20" });
    await submitAndConfirm(cid, 3, { approvalNo: Y, issueDate: E });
    const old = await issuedTheOldWay(pre2020);
    const oldHandFixed = await issuedTheOldWay(handFixed);
    const oldRevoked = await issuedTheOldWay(revoked);
    signInAs(zjc);
    // The 专技处 already corrected this one by hand (to another number than the roster's): left alone.
    expect(await province.correctCertificateAction({ certificateId: oldHandFixed.id, reason: "按原件更正批准文号", changes: { approvalNo: "黔人社职称〔2021〕47号之一" } })).toMatchObject({ ok: true });
    expect(await province.revokeCertificateAction({ certificateId: oldRevoked.id, reason: "重复发证，予以撤销" })).toMatchObject({ ok: true });

    const first = await fixPrintedApprovalFields(t.db);
    expect(first).toEqual({ reissued: 1, pending: 0 });

    const current = await certOf(pre2020);
    expect(current).toMatchObject({ version: 2, approvalNo: "黔人社职称〔2019〕96号", issueDate: "2020-01-10", correctionReason: PRINTED_APPROVAL_FIX_REASON, issuedBy: null });
    const [before] = await t.db.select().from(certificates).where(eq(certificates.id, old.id));
    expect(before).toMatchObject({ status: "superseded", supersededById: current.id, approvalNo: Y, issueDate: E });
    expect(await verifyCertificateLink(t.db, old.verifyToken, { ip: "127.0.0.1" })).toMatchObject({ kind: "verified", certificate: { status: "superseded", approvalNo: Y } });
    expect(await verifyCertificateLink(t.db, current.verifyToken, { ip: "127.0.0.1" })).toMatchObject({ kind: "verified", certificate: { status: "valid", approvalNo: "黔人社职称〔2019〕96号", issueDate: "2020-01-10" } });

    const events = await t.db.select().from(rosterRecordEvents).where(eq(rosterRecordEvents.recordId, pre2020));
    expect(events.at(-1)).toMatchObject({ fromStatus: "confirmed", toStatus: "confirmed", actorId: null, reason: `证书更正为第2版：${PRINTED_APPROVAL_FIX_REASON}` });
    const notes = await t.db.select().from(notifications).where(and(eq(notifications.recordId, pre2020), eq(notifications.kind, "corrected")));
    expect(notes).toHaveLength(1);
    const [audit] = await t.db.select().from(auditLog).where(eq(auditLog.action, "certificate.fix_printed_approval"));
    expect(audit).toMatchObject({ outcome: "success", actorId: null, detail: { reissued: 1, certNos: [current.certNo] } });

    expect(await certOf(handFixed)).toMatchObject({ version: 2, approvalNo: "黔人社职称〔2021〕47号之一" });
    const [stillRevoked] = await t.db.select().from(certificates).where(eq(certificates.id, oldRevoked.id));
    expect(stillRevoked).toMatchObject({ status: "revoked", approvalNo: Y });

    expect(await fixPrintedApprovalFields(t.db)).toEqual({ reissued: 0, pending: 0 });
    await runDataFixes(t.db); // what db/client.ts runs after the migrations: nothing left to do
    expect(await t.db.select().from(certificates).where(eq(certificates.rosterRecordId, pre2020))).toHaveLength(2);
  });
});

describe("a pre-2020 record has no photo step (view-only certificate)", () => {
  async function draft(committeeId: string, n: number, passDate: string) {
    signInAs(f.province);
    const r = await roster.createRosterRecordAction(form(committeeId, n, { passDate, approvalNo: `黔人社职称〔${passDate.slice(0, 4)}〕96号`, issueDate: "" }));
    if (!r.ok) throw new Error(r.message);
    return r.data.id;
  }
  async function statusOf(id: string) {
    const [r] = await t.db.select({ status: rosterRecords.status, version: rosterRecords.version }).from(rosterRecords).where(eq(rosterRecords.id, id));
    return r;
  }

  it("publishing moves it straight to 待提交 (photo_approved), the holder cannot upload, the photo screens leave it out", async () => {
    const cid = await freshCommittee();
    const old = await draft(cid, 3301, "2019-12-20");
    const recent = await draft(cid, 3302, "2021-06-30");
    signInAs(f.province);
    expect(await roster.publishRosterRecordsAction({ committeeId: cid, expectedCount: 2 })).toMatchObject({ ok: true, data: { published: 2 } });
    expect(await statusOf(old)).toMatchObject({ status: "photo_approved" });
    expect(await statusOf(recent)).toMatchObject({ status: "awaiting_photo" });
    const [event] = await t.db.select().from(rosterRecordEvents).where(eq(rosterRecordEvents.recordId, old));
    expect(event).toMatchObject({ fromStatus: "draft", toStatus: "photo_approved" });

    const [holder] = await t.db
      .insert(users)
      .values({ username: "t_holder_3301", role: "person", name: "测试乙", passwordHash: "x", idType: "resident", idNumber: residentId(3301) })
      .returning({ id: users.id });
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xd9]);
    await expect(t.db.transaction((tx) => storePersonPhoto(tx, holder.id, old, { jpeg, sha256: "0".repeat(64), bytes: jpeg.length }))).rejects.toThrow(NO_PHOTO_NEEDED_MESSAGE);
    await expect(t.db.transaction((tx) => submitPersonPhoto(tx, holder.id, { recordId: old, version: 2 }))).rejects.toThrow(NO_PHOTO_NEEDED_MESSAGE);

    const review = await listPhotosForReview(t.db, f.province, cid, { tab: "approved", page: 1 });
    expect(review.counts).toEqual({ pending: 0, approved: 0 });
  });

  it("is submitted, confirmed and issued without a photo; a return can only send it back to 待提交", async () => {
    const cid = await freshCommittee();
    const a = await draft(cid, 3311, "2019-12-20");
    const b = await draft(cid, 3312, "2018-05-10");
    signInAs(f.province);
    expect(await roster.publishRosterRecordsAction({ committeeId: cid, expectedCount: 2 })).toMatchObject({ ok: true });
    const s = await committee.submitBatchAction({ committeeId: cid, expectedCount: 2 });
    expect(s).toMatchObject({ ok: true });
    if (!s.ok) return;
    const [batch] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, s.data.batchId));
    signInAs(zjc);
    expect(await province.markBatchReturnsAction({ batchId: batch.id, batchVersion: batch.version, recordIds: [b], reason: "评审通过时间与原件不符" })).toMatchObject({ ok: true });
    expect(
      await province.confirmBatchAction({ batchId: batch.id, batchVersion: batch.version + 1, expectedConfirmCount: 1, expectedReturnCount: 1, approvalNo: "黔人社专技〔2026〕320号", issueDate: "2026-01-27" }),
    ).toMatchObject({ ok: true });

    expect(await certOf(a)).toMatchObject({ photoId: null, approvalNo: "黔人社职称〔2019〕96号", issueDate: "2019-12-20", passYear: 2019 });
    const pdf = await pdfForViewer(t.db, zjc, (await certOf(a)).id, "https://zhicheng.example.cn");
    expect(pdf.kind).toBe("view_only");

    signInAs(f.province);
    const returned = await statusOf(b);
    expect(returned.status).toBe("returned");
    expect(await committee.fixReturnedAction({ committeeId: cid, records: [{ id: b, version: returned.version }], decision: "new_photo", reason: "请重新上传照片" })).toMatchObject({
      ok: false,
      message: expect.stringContaining("2020年度之前的记录无需照片"),
    });
    expect(await committee.fixReturnedAction({ committeeId: cid, records: [{ id: b, version: returned.version }], decision: "approve", reason: "已核对原件" })).toMatchObject({ ok: true });
    expect(await statusOf(b)).toMatchObject({ status: "photo_approved" });
  });

  it("the data fix moves pre-2020 records still waiting for a photo to 待提交, once", async () => {
    const cid = await freshCommittee();
    const waiting = await draft(cid, 3321, "2019-03-01");
    const recent = await draft(cid, 3322, "2021-06-30");
    await t.db.update(rosterRecords).set({ status: "awaiting_photo" }).where(inArray(rosterRecords.id, [waiting, recent]));
    expect(await movePhotoFreeRecordsToReady(t.db)).toBe(1);
    expect(await statusOf(waiting)).toMatchObject({ status: "photo_approved" });
    expect(await statusOf(recent)).toMatchObject({ status: "awaiting_photo" });
    const events = await t.db.select().from(rosterRecordEvents).where(eq(rosterRecordEvents.recordId, waiting));
    expect(events.at(-1)).toMatchObject({ fromStatus: "awaiting_photo", toStatus: "photo_approved", actorId: null, reason: PHOTO_NOT_NEEDED_REASON });
    expect(await movePhotoFreeRecordsToReady(t.db)).toBe(0);
  });
});
