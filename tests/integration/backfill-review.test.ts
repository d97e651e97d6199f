import { and, asc, count, eq, inArray, sql } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  auditLog,
  certificates,
  committees,
  notifications,
  rosterBatches,
  rosterBatchItems,
  rosterPhotos,
  rosterRecordEvents,
  rosterRecords,
  users,
} from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { getReviewBoard, getSubmissionSummary, listReturnedRecords } from "@/lib/batch-submission/queries";
import { insertIssuedCertificates, readIssueSources, signedFieldsOf, signIssue } from "@/lib/certificates/issue";
import { verifySignature } from "@/lib/certificates/token";
import { StaleStateError } from "@/lib/errors";
import { listPersonNotifications } from "@/lib/notifications/notify";
import { listPhotosForReview } from "@/lib/photo-review/queries";
import { createProvinceUsers, insertPhotos, insertRecords } from "../helpers/backfill-fixtures";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { personName, residentId } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

// Confirmation signs the certificates it issues.
process.env.CERT_SIGNING_SECRET ??= "backfill-review-test-signing-secret-0123456789";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

// The committee's actions (photo review, batch submission) and the 专技处's (confirmation, certificate changes).
const committee = { ...(await import("@/app/_photo-review/actions")), ...(await import("@/app/_batch-submission/actions")) };
const province = { ...(await import("@/app/_confirmation/actions")), ...(await import("@/app/_certificate-admin/actions")) };

let t: TestDb;
let f: RosterFixture;
let zjc: SessionUser;
let cityHr: SessionUser;
let next = 1000;

beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
  ({ zjc, cityHr } = await createProvinceUsers(t.db, f.province.orgId!));
});
afterAll(async () => {
  await t?.close();
});

/** A fresh committee of the province HR department, so each scenario starts from an empty roster. */
let committeeCode = 100;
async function freshCommittee(): Promise<string> {
  const code = String(committeeCode++);
  const [c] = await t.db
    .insert(committees)
    .values({ name: `测试评委会${code}`, code, series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: f.province.orgId! })
    .returning({ id: committees.id });
  return c.id;
}

async function records(committeeId: string, n: number, status: Parameters<typeof insertRecords>[1]["status"]) {
  const start = next;
  next += n;
  return insertRecords(t.db, { committeeId, count: n, start, status, photoBy: f.person.id });
}

async function state(ids: string[]) {
  return t.db.select({ id: rosterRecords.id, status: rosterRecords.status, version: rosterRecords.version }).from(rosterRecords).where(inArray(rosterRecords.id, ids));
}

async function photoOf(recordId: string) {
  const [p] = await t.db.select().from(rosterPhotos).where(eq(rosterPhotos.recordId, recordId)).orderBy(asc(rosterPhotos.createdAt));
  return p;
}

async function audits(action: string, outcome?: "success" | "failure" | "denied") {
  const rows = await t.db.select({ outcome: auditLog.outcome, actorId: auditLog.actorId, detail: auditLog.detail }).from(auditLog).where(eq(auditLog.action, action));
  return outcome ? rows.filter((r) => r.outcome === outcome) : rows;
}

async function submittedBatch(committeeId: string, n: number) {
  const ids = await records(committeeId, n, "photo_approved");
  signInAs(f.province);
  const r = await committee.submitBatchAction({ committeeId, expectedCount: n });
  if (!r.ok) throw new Error(r.message);
  const [b] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, r.data.batchId));
  return { ids, batch: b };
}

describe("committee photo review", () => {
  it("approves several submitted photos at the versions shown, notifying each professional and logging each transition", async () => {
    const c = await freshCommittee();
    const ids = await records(c, 3, "photo_submitted");
    const photos = await Promise.all(ids.map(photoOf));
    // The grid shows each record with the photo it will approve.
    const grid = await listPhotosForReview(t.db, f.province, c, { tab: "pending", page: 1 });
    expect(new Map(grid.rows.map((g) => [g.id, g.photoId]))).toEqual(new Map(ids.map((id, i) => [id, photos[i].id])));
    expect(grid.rows[0].idNumberMasked).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    signInAs(f.province);
    vi.mocked(revalidatePath).mockClear();
    const r = await committee.approvePhotosAction({ committeeId: c, items: ids.map((id, i) => ({ id, version: 1, photoId: photos[i].id })) });
    expect(r).toMatchObject({ ok: true, message: "已审核通过3张照片" });
    // Every area that shows back-fill state (home 待办 counts included) is rebuilt after the commit.
    expect(vi.mocked(revalidatePath).mock.calls).toEqual(["/hrss", "/dept", "/self-unit", "/person"].map((p) => [p, "layout"]));
    expect((await state(ids)).map((s) => s.status)).toEqual(["photo_approved", "photo_approved", "photo_approved"]);
    expect((await photoOf(ids[0])).status).toBe("approved");
    const events = await t.db.select().from(rosterRecordEvents).where(inArray(rosterRecordEvents.recordId, ids));
    expect(events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual(Array(3).fill("photo_submitted>photo_approved"));
    const notes = await t.db.select().from(notifications).where(inArray(notifications.recordId, ids));
    expect(notes).toHaveLength(3);
    expect(notes[0].message).toContain("照片已审核通过");

    // The same click again: the versions moved on.
    const again = await committee.approvePhotosAction({ committeeId: c, items: ids.map((id, i) => ({ id, version: 1, photoId: photos[i].id })) });
    expect(again).toMatchObject({ ok: false, message: "状态已变化，请刷新后重试" });
    expect(vi.mocked(revalidatePath)).toHaveBeenCalledTimes(4);
  });

  it("rejects a photo only with a reason, which the professional then reads", async () => {
    const c = await freshCommittee();
    const [id] = await records(c, 1, "photo_submitted");
    const photo = await photoOf(id);
    signInAs(f.province);
    const noReason = await committee.rejectPhotoAction({ committeeId: c, record: { id, version: 1 }, photoId: photo.id, reason: " " });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: expect.stringContaining("请填写退回原因") } });
    const r = await committee.rejectPhotoAction({ committeeId: c, record: { id, version: 1 }, photoId: photo.id, reason: "背景不是白色" });
    expect(r.ok).toBe(true);
    expect((await state([id]))[0].status).toBe("awaiting_photo");
    expect(await photoOf(id)).toMatchObject({ status: "rejected", rejectReason: "背景不是白色", decidedBy: f.province.id });
    const board = await getReviewBoard(t.db, f.province, c, { group: "missing", page: 1 });
    expect(board.rows.map((b) => [b.id, b.lastRejectReason])).toEqual([[id, "背景不是白色"]]);

    // The professional whose account carries the record's ID and name sees it.
    const [rec] = await t.db.select({ idNumber: rosterRecords.idNumber, name: rosterRecords.name }).from(rosterRecords).where(eq(rosterRecords.id, id));
    await t.db.update(users).set({ idType: "resident", idNumber: rec.idNumber, name: rec.name }).where(eq(users.id, f.person.id));
    const inbox = await listPersonNotifications(t.db, f.person.id, { page: 1 });
    expect(inbox.rows[0]).toMatchObject({ kind: "photo_rejected", kindLabel: "照片未通过" });
    expect(inbox.rows[0].message).toContain("原因：背景不是白色");
    expect(inbox.unread).toBeGreaterThan(0);
  });

  it("does not approve a photo the professional has replaced since the page was shown", async () => {
    const c = await freshCommittee();
    const [id] = await records(c, 1, "photo_submitted");
    const old = await photoOf(id);
    await t.db.update(rosterPhotos).set({ status: "replaced" }).where(eq(rosterPhotos.id, old.id));
    await insertPhotos(t.db, [id], f.person.id, "submitted");
    signInAs(f.province);
    const r = await committee.approvePhotosAction({ committeeId: c, items: [{ id, version: 1, photoId: old.id }] });
    expect(r).toMatchObject({ ok: false, message: "照片已被更换或已审核，请刷新后重试" });
    expect((await state([id]))[0].status).toBe("photo_submitted");
  });

  it("a committee cannot approve another committee's photos, through its own committee or the other's", async () => {
    const c = await freshCommittee();
    const [id] = await records(c, 1, "photo_submitted");
    const photo = await photoOf(id);
    signInAs(f.gzu);
    const direct = await committee.approvePhotosAction({ committeeId: c, items: [{ id, version: 1, photoId: photo.id }] });
    expect(direct).toMatchObject({ ok: false, message: "该评委会不属于您的单位" });
    const smuggled = await committee.approvePhotosAction({ committeeId: f.committee004, items: [{ id, version: 1, photoId: photo.id }] });
    expect(smuggled).toMatchObject({ ok: false, message: "所选记录不属于该评委会" });
    const rejected = await committee.rejectPhotoAction({ committeeId: c, record: { id, version: 1 }, photoId: photo.id, reason: "不是本人" });
    expect(rejected.ok).toBe(false);
    expect((await state([id]))[0]).toMatchObject({ status: "photo_submitted", version: 1 });
    expect((await photoOf(id)).status).toBe("submitted");
    const denied = (await audits("backfill.photo.approve", "denied")).filter((a) => a.actorId === f.gzu.id);
    expect(denied).toHaveLength(2);
  });
});

describe("one-shot submission", () => {
  it("is blocked by records still missing a photo until they are excluded with a reason; excluded records stay visible", async () => {
    const c = await freshCommittee();
    const ready = await records(c, 4, "photo_approved");
    const missing = await records(c, 2, "awaiting_photo");
    signInAs(f.province);
    expect(await getSubmissionSummary(t.db, c)).toMatchObject({ ready: 4, blocking: 2, excluded: 0 });
    const blocked = await committee.submitBatchAction({ committeeId: c, expectedCount: 4 });
    expect(blocked).toMatchObject({ ok: false, message: expect.stringContaining("还有2条记录尚未就绪") });

    const noReason = await committee.excludeRecordsAction({ committeeId: c, recordIds: missing, reason: "" });
    expect(noReason).toMatchObject({ ok: false, fieldErrors: { reason: expect.any(String) } });
    expect(await committee.excludeRecordsAction({ committeeId: c, recordIds: missing, reason: "本人已调离，暂无法联系" })).toMatchObject({ ok: true });

    // The dialog showed 3, but 4 are ready: nothing moves.
    const stale = await committee.submitBatchAction({ committeeId: c, expectedCount: 3 });
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining("确认时为3条，现在为4条") });
    expect((await state(ready)).every((s) => s.status === "photo_approved")).toBe(true);

    const r = await committee.submitBatchAction({ committeeId: c, expectedCount: 4 });
    expect(r).toMatchObject({ ok: true, data: { count: 4, batchNo: expect.stringMatching(/^PC\d{4}\d{3}0001$/) } });
    expect((await state(ready)).every((s) => s.status === "submitted")).toBe(true);
    const items = await t.db.select().from(rosterBatchItems).where(eq(rosterBatchItems.batchId, r.ok ? r.data.batchId : ""));
    expect(items.map((i) => i.recordId).sort()).toEqual([...ready].sort());
    const [batch] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, r.ok ? r.data.batchId : ""));
    expect(batch).toMatchObject({ status: "submitted", recordCount: 4, submittedBy: f.province.id, version: 1 });

    const board = await getReviewBoard(t.db, f.province, c, { group: "excluded", page: 1 });
    expect(board.rows.map((x) => x.id).sort()).toEqual([...missing].sort());
    expect(board.rows[0].excludedReason).toBe("本人已调离，暂无法联系");
    expect((await state(missing)).every((s) => s.status === "awaiting_photo")).toBe(true);

    // Nothing left to submit; a second submission is refused, the next batch number follows on.
    expect(await committee.submitBatchAction({ committeeId: c, expectedCount: 4 })).toMatchObject({ ok: false, message: expect.stringContaining("没有可提交的记录") });
    expect(await audits("backfill.batch.submit", "success")).toHaveLength(1);
  });

  it("submit racing a rejection of an approved photo: one wins, never a submitted record with a rejected photo", async () => {
    for (let round = 0; round < 4; round++) {
      const c = await freshCommittee();
      const ids = await records(c, 5, "photo_approved");
      const victim = ids[round % 5];
      const photo = await photoOf(victim);
      signInAs(f.province);
      const [sub, rej] = await Promise.all([
        committee.submitBatchAction({ committeeId: c, expectedCount: 5 }),
        committee.rejectPhotoAction({ committeeId: c, record: { id: victim, version: 1 }, photoId: photo.id, reason: "照片模糊" }),
      ]);
      expect(sub.ok !== rej.ok).toBe(true);
      const s = await state(ids);
      const batches = await t.db.select().from(rosterBatches).where(eq(rosterBatches.committeeId, c));
      if (sub.ok) {
        expect(rej).toMatchObject({ ok: false, message: expect.stringContaining("状态已变化") });
        expect(s.every((x) => x.status === "submitted")).toBe(true);
        expect((await photoOf(victim)).status).toBe("approved");
        expect(batches).toHaveLength(1);
      } else {
        expect(sub.message).toMatch(/已变化|尚未就绪/);
        expect(s.find((x) => x.id === victim)?.status).toBe("awaiting_photo");
        expect(s.filter((x) => x.id !== victim).every((x) => x.status === "photo_approved")).toBe(true);
        expect((await photoOf(victim)).status).toBe("rejected");
        expect(batches).toHaveLength(0);
      }
    }
  });
});

describe("provincial confirmation", () => {
  it("only the 专技处 confirms: a city HR user, the provincial department and a professional are refused", async () => {
    const c = await freshCommittee();
    const { ids, batch } = await submittedBatch(c, 2);
    const input = { batchId: batch.id, batchVersion: batch.version, expectedConfirmCount: 2, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕1号", issueDate: "2026-01-05" };
    for (const who of [cityHr, f.province, f.gzu]) {
      signInAs(who);
      const r = await province.confirmBatchAction(input);
      expect(r).toMatchObject({ ok: false, message: who.role === "hrss" ? "仅省人社厅专技处可以确认、退回、撤销或更正证书" : "您无权执行此操作" });
    }
    signInAs(cityHr);
    expect(await province.markBatchReturnsAction({ batchId: batch.id, batchVersion: batch.version, recordIds: [ids[0]], reason: "照片不符" })).toMatchObject({ ok: false });
    expect((await state(ids)).every((s) => s.status === "submitted")).toBe(true);
    expect((await audits("backfill.batch.confirm", "denied")).map((a) => a.actorId).sort()).toEqual([cityHr.id, f.province.id, f.gzu.id].sort());
    expect(await t.db.select().from(certificates).where(inArray(certificates.rosterRecordId, ids))).toHaveLength(0);
  });

  it("20 concurrent confirmations of one batch: exactly one succeeds, one success audit row, one certificate per record", async () => {
    const c = await freshCommittee();
    const { ids, batch } = await submittedBatch(c, 6);
    signInAs(zjc);
    const input = { batchId: batch.id, batchVersion: batch.version, expectedConfirmCount: 6, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕2号", issueDate: "2026-01-05" };
    const results = await Promise.all(Array.from({ length: 20 }, () => province.confirmBatchAction(input)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => r.message === "状态已变化，请刷新后重试")).toBe(true);
    const ok = (await audits("backfill.batch.confirm", "success")).filter((a) => (a.detail as { batchNo?: string }).batchNo === batch.batchNo);
    expect(ok).toHaveLength(1);
    const [after] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, batch.id));
    expect(after).toMatchObject({ status: "confirmed", version: 2, confirmedBy: zjc.id, approvalNo: "黔人社专技〔2026〕2号", issueDate: "2026-01-05", confirmedCount: 6, returnedCount: 0 });
    expect((await state(ids)).every((s) => s.status === "confirmed")).toBe(true);
    const certs = await t.db.select().from(certificates).where(inArray(certificates.rosterRecordId, ids));
    expect(certs).toHaveLength(6);
    expect(certs.every((x) => x.status === "valid" && x.approvalNo === "黔人社厅发〔2020〕12号" && x.photoId !== null)).toBe(true);
    // Signed while the records moved: every signature covers the fields stored.
    expect(certs.every((x) => verifySignature(signedFieldsOf(x), x.signature))).toBe(true);
    const events = await t.db.select({ n: count() }).from(rosterRecordEvents).where(and(inArray(rosterRecordEvents.recordId, ids), eq(rosterRecordEvents.toStatus, "confirmed")));
    expect(events[0].n).toBe(6);
  });

  it("a record changed between reading and issuing fails the issue as stale instead of storing a signature over other fields", async () => {
    const c = await freshCommittee();
    const ids = await records(c, 3, "confirmed");
    const signed = await signIssue(await readIssueSources(t.db, ids));
    await t.db.update(rosterRecords).set({ name: "改过的名字", version: sql`${rosterRecords.version} + 1` }).where(eq(rosterRecords.id, ids[1]));
    await expect(t.db.transaction((tx) => insertIssuedCertificates(tx, signed, { issuedBy: zjc.id, movesSinceRead: 0 }))).rejects.toBeInstanceOf(StaleStateError);
    expect(await t.db.select().from(certificates).where(inArray(certificates.rosterRecordId, ids))).toHaveLength(0);
  });

  it("needs the 确认文号 and a past 确认日期 when records are confirmed", async () => {
    const c = await freshCommittee();
    const { batch } = await submittedBatch(c, 1);
    signInAs(zjc);
    const base = { batchId: batch.id, batchVersion: batch.version, expectedConfirmCount: 1, expectedReturnCount: 0 };
    expect(await province.confirmBatchAction({ ...base, approvalNo: "", issueDate: "2026-01-05" })).toMatchObject({ ok: false, fieldErrors: { approvalNo: "请填写确认文号" } });
    expect(await province.confirmBatchAction({ ...base, approvalNo: "黔人社专技〔2026〕3号", issueDate: "2099-01-01" })).toMatchObject({ ok: false, fieldErrors: { issueDate: "确认日期不能晚于今天" } });
    const [b] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, batch.id));
    expect(b.status).toBe("submitted");
  });

  it("returns chosen records with a reason and confirms the rest; returned records are fixed and go in a new batch", async () => {
    const c = await freshCommittee();
    const { ids, batch } = await submittedBatch(c, 3);
    const [bad, alsoBad, good] = ids;
    signInAs(zjc);
    const marked = await province.markBatchReturnsAction({ batchId: batch.id, batchVersion: 1, recordIds: [bad, alsoBad], reason: "照片与身份证照片不符" });
    expect(marked).toMatchObject({ ok: true, data: { marked: 2, version: 2 } });
    // A stale page (version 1) cannot confirm with the old counts.
    const stale = await province.confirmBatchAction({ batchId: batch.id, batchVersion: 1, expectedConfirmCount: 3, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕4号", issueDate: "2026-01-05" });
    expect(stale).toMatchObject({ ok: false, message: "状态已变化，请刷新后重试" });
    const r = await province.confirmBatchAction({ batchId: batch.id, batchVersion: 2, expectedConfirmCount: 1, expectedReturnCount: 2, approvalNo: "黔人社专技〔2026〕4号", issueDate: "2026-01-05" });
    expect(r).toMatchObject({ ok: true, data: { confirmed: 1, returned: 2, certificates: 1 } });
    const s = new Map((await state(ids)).map((x) => [x.id, x.status]));
    expect([s.get(bad), s.get(alsoBad), s.get(good)]).toEqual(["returned", "returned", "confirmed"]);
    const items = await t.db.select().from(rosterBatchItems).where(eq(rosterBatchItems.batchId, batch.id));
    expect(items.find((i) => i.recordId === bad)).toMatchObject({ result: "returned", returnReason: "照片与身份证照片不符" });
    expect(items.find((i) => i.recordId === good)?.result).toBe("confirmed");
    const orgNotes = await t.db.select().from(notifications).where(eq(notifications.orgId, f.province.orgId!));
    expect(orgNotes.filter((n) => n.kind === "returned" && (n.recordId === bad || n.recordId === alsoBad))).toHaveLength(2);
    const personNote = await t.db.select().from(notifications).where(and(eq(notifications.recordId, bad), eq(notifications.kind, "returned")));
    expect(personNote[0].message).toContain("照片与身份证照片不符");

    const returnedList = await listReturnedRecords(t.db, f.province, c, { page: 1 });
    expect(returnedList.rows.map((x) => [x.id, x.returnReason, x.batchNo, !!x.photoId]).sort()).toEqual(
      [[bad, "照片与身份证照片不符", batch.batchNo, true], [alsoBad, "照片与身份证照片不符", batch.batchNo, true]].sort(),
    );

    // The committee fixes them: one is fine as it was, the other needs a new photo.
    signInAs(f.province);
    const cur = new Map((await state(ids)).map((x) => [x.id, x.version]));
    expect(await committee.fixReturnedAction({ committeeId: c, records: [{ id: alsoBad, version: cur.get(alsoBad)! }], decision: "new_photo" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: "要求重新上传照片时请填写原因" },
    });
    expect(await committee.fixReturnedAction({ committeeId: c, records: [{ id: alsoBad, version: cur.get(alsoBad)! }], decision: "new_photo", reason: "请上传近期照片" })).toMatchObject({ ok: true });
    expect(await photoOf(alsoBad)).toMatchObject({ status: "rejected", rejectReason: "请上传近期照片" });
    expect(await committee.fixReturnedAction({ committeeId: c, records: [{ id: bad, version: cur.get(bad)! }], decision: "approve" })).toMatchObject({ ok: true });
    expect(new Map((await state(ids)).map((x) => [x.id, x.status]))).toEqual(new Map([[bad, "photo_approved"], [alsoBad, "awaiting_photo"], [good, "confirmed"]]));

    // The record waiting for a photo blocks; excluded, the fixed record goes in batch 0002.
    await committee.excludeRecordsAction({ committeeId: c, recordIds: [alsoBad], reason: "等待本人重新上传" });
    const second = await committee.submitBatchAction({ committeeId: c, expectedCount: 1 });
    expect(second).toMatchObject({ ok: true, data: { count: 1, batchNo: batch.batchNo.slice(0, -4) + "0002" } });
    signInAs(zjc);
    const [b2] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.id, second.ok ? second.data.batchId : ""));
    const done = await province.confirmBatchAction({ batchId: b2.id, batchVersion: b2.version, expectedConfirmCount: 1, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕5号", issueDate: "2026-01-06" });
    expect(done).toMatchObject({ ok: true, data: { confirmed: 1 } });
    expect((await state([bad]))[0].status).toBe("confirmed");
    const events = await t.db.select().from(rosterRecordEvents).where(eq(rosterRecordEvents.recordId, bad)).orderBy(asc(rosterRecordEvents.id));
    expect(events.map((e) => e.toStatus)).toEqual(["submitted", "returned", "photo_approved", "submitted", "confirmed"]);
  });
});

describe("after confirmation", () => {
  it("the 专技处 revokes a certificate with a reason (record → revoked) and corrects another as a new version", async () => {
    const c = await freshCommittee();
    const { ids, batch } = await submittedBatch(c, 2);
    signInAs(zjc);
    await province.confirmBatchAction({ batchId: batch.id, batchVersion: batch.version, expectedConfirmCount: 2, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕6号", issueDate: "2026-01-05" });
    const certs = await t.db.select().from(certificates).where(inArray(certificates.rosterRecordId, ids)).orderBy(asc(certificates.certNo));
    const [toRevoke, toCorrect] = certs;

    signInAs(cityHr);
    expect(await province.revokeCertificateAction({ certificateId: toRevoke.id, reason: "材料造假" })).toMatchObject({ ok: false, message: expect.stringContaining("仅省人社厅专技处") });
    signInAs(zjc);
    expect(await province.revokeCertificateAction({ certificateId: toRevoke.id, reason: "评审材料造假" })).toMatchObject({ ok: true });
    const [revoked] = await t.db.select().from(certificates).where(eq(certificates.id, toRevoke.id));
    expect(revoked).toMatchObject({ status: "revoked", revokeReason: "评审材料造假", revokedBy: zjc.id });
    expect((await state([toRevoke.rosterRecordId!]))[0].status).toBe("revoked");
    expect(await province.revokeCertificateAction({ certificateId: toRevoke.id, reason: "评审材料造假" })).toMatchObject({ ok: false, message: expect.stringContaining("不是有效状态") });

    const fixed = await province.correctCertificateAction({ certificateId: toCorrect.id, reason: "工作单位名称有误", changes: { workUnit: "贵州省建筑设计研究院" } });
    expect(fixed).toMatchObject({ ok: true, data: { version: 2, certNo: toCorrect.certNo } });
    const versions = await t.db.select().from(certificates).where(eq(certificates.certNo, toCorrect.certNo)).orderBy(asc(certificates.version));
    expect(versions.map((v) => [v.version, v.status, v.workUnit])).toEqual([
      [1, "superseded", "贵州省建筑设计研究院有限责任公司"],
      [2, "valid", "贵州省建筑设计研究院"],
    ]);
    expect(versions[1].verifyToken).not.toBe(versions[0].verifyToken);
    expect((await state([toCorrect.rosterRecordId!]))[0].status).toBe("confirmed");
    const note = await t.db.select().from(notifications).where(and(eq(notifications.recordId, toCorrect.rosterRecordId!), eq(notifications.kind, "corrected")));
    expect(note[0].message).toContain("第2版");
  });

  it("the professional's inbox lists every change of their record, newest first", async () => {
    const c = await freshCommittee();
    const n = next;
    const [id] = await records(c, 1, "photo_submitted");
    await t.db.update(users).set({ idType: "resident", idNumber: residentId(n), name: personName(n) }).where(eq(users.id, f.person.id));
    const photo = await photoOf(id);
    signInAs(f.province);
    await committee.approvePhotosAction({ committeeId: c, items: [{ id, version: 1, photoId: photo.id }] });
    await committee.submitBatchAction({ committeeId: c, expectedCount: 1 });
    const [b] = await t.db.select().from(rosterBatches).where(eq(rosterBatches.committeeId, c));
    signInAs(zjc);
    await province.confirmBatchAction({ batchId: b.id, batchVersion: b.version, expectedConfirmCount: 1, expectedReturnCount: 0, approvalNo: "黔人社专技〔2026〕7号", issueDate: "2026-01-05" });
    const inbox = await listPersonNotifications(t.db, f.person.id, { page: 1 });
    expect(inbox.rows.map((r) => r.kind)).toEqual(["confirmed", "submitted", "photo_approved"]);
    expect(inbox.unread).toBe(3);
    signInAs({ ...f.person });
    const read = await (await import("@/app/_notifications/actions")).markPersonNotificationsReadAction({});
    expect(read).toMatchObject({ ok: true, data: { read: 3 } });
  });
});
