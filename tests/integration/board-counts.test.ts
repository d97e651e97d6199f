import { asc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { committees, rosterPhotos, rosterRecords } from "@/db/schema";
import { getReviewBoard, getSubmissionSummary } from "@/lib/batch-submission/queries";
import { listPhotosForReview } from "@/lib/photo-review/queries";
import { insertRecords } from "../helpers/backfill-fixtures";
import { createRosterFixture, signInAs, type RosterFixture } from "../helpers/roster-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "127.0.0.1"),
}));

const committee = { ...(await import("@/app/_photo-review/actions")), ...(await import("@/app/_batch-submission/actions")) };

let t: TestDb;
let f: RosterFixture;
beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(async () => {
  await t?.close();
});

let next = 5000;
async function records(committeeId: string, n: number, status: Parameters<typeof insertRecords>[1]["status"]) {
  const start = next;
  next += n;
  return insertRecords(t.db, { committeeId, count: n, start, status, photoBy: f.person.id });
}

describe("progress board counts (docs/domain.md §5)", () => {
  it("after excluding every blocking record and approving one excluded photo, the tabs count what the submission takes; the excluded one is counted under 已排除", async () => {
    const [c] = await t.db
      .insert(committees)
      .values({ name: "看板计数评委会", code: "301", series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full", formingOrgId: f.province.orgId! })
      .returning({ id: committees.id });
    const ready = await records(c.id, 3, "photo_approved");
    const missing = await records(c.id, 2, "awaiting_photo");
    const reviewing = await records(c.id, 2, "photo_submitted");
    signInAs(f.province);

    // 排除全部未就绪记录, with the count the panel showed.
    const before = await getReviewBoard(t.db, f.province, c.id, { group: "missing", page: 1 });
    expect(before.counts).toMatchObject({ blocking: 4, ready: 3, excluded: 0, groups: { missing: 2, reviewing: 2, ready: 3 } });
    const ex = await committee.excludeBlockingAction({ committeeId: c.id, expectedCount: before.counts.blocking, reason: "本人联系不上，下一批次再提交" });
    expect(ex).toMatchObject({ ok: true, message: "已排除4条未就绪记录" });

    // The holder's photo of an excluded record arrives and is approved: the grid says it is excluded.
    const grid = await listPhotosForReview(t.db, f.province, c.id, { tab: "pending", page: 1 });
    const card = grid.rows.find((r) => r.id === reviewing[0])!;
    expect(card.excludedReason).toBe("本人联系不上，下一批次再提交");
    const approved = await committee.approvePhotosAction({ committeeId: c.id, items: [{ id: card.id, version: card.version, photoId: card.photoId }] });
    expect(approved).toMatchObject({ ok: true, message: "已审核通过1张照片" });
    const approvedTab = await listPhotosForReview(t.db, f.province, c.id, { tab: "approved", page: 1 });
    expect(approvedTab.rows.find((r) => r.id === reviewing[0])?.excludedReason).toBe("本人联系不上，下一批次再提交");

    // Tabs, panel and button read the same counts; the excluded record is not 可提交.
    const board = await getReviewBoard(t.db, f.province, c.id, { group: "ready", page: 1 });
    const summary = await getSubmissionSummary(t.db, c.id);
    expect(board.counts.groups).toEqual({ missing: 0, reviewing: 0, returned: 0, ready: 3, draft: 0 });
    expect(board.counts.excluded).toBe(4);
    expect(board.counts.excludedByStatus).toEqual({ awaiting_photo: 2, photo_submitted: 1, photo_approved: 1 });
    expect(summary).toMatchObject({ ready: 3, blocking: 0, excluded: 4 });
    expect(board.rows.map((r) => r.id).sort()).toEqual([...ready].sort());
    expect(board.total).toBe(board.counts.groups.ready);
    const excludedTab = await getReviewBoard(t.db, f.province, c.id, { group: "excluded", page: 1 });
    expect(excludedTab.rows.map((r) => r.id).sort()).toEqual([...missing, ...reviewing].sort());

    // The count the tabs show is the count the submission takes.
    const sub = await committee.submitBatchAction({ committeeId: c.id, expectedCount: board.counts.groups.ready });
    expect(sub).toMatchObject({ ok: true, data: { count: 3 } });
    const left = await t.db.select({ id: rosterRecords.id, status: rosterRecords.status }).from(rosterRecords).where(inArray(rosterRecords.id, reviewing)).orderBy(asc(rosterRecords.id));
    expect(left.find((r) => r.id === reviewing[0])?.status).toBe("photo_approved");
    const [photo] = await t.db.select({ status: rosterPhotos.status }).from(rosterPhotos).where(eq(rosterPhotos.recordId, reviewing[0]));
    expect(photo.status).toBe("approved");

    // Included again, it is ready for the next batch.
    expect(await committee.includeRecordsAction({ committeeId: c.id, recordIds: [reviewing[0]] })).toMatchObject({ ok: true });
    const after = await getReviewBoard(t.db, f.province, c.id, { group: "ready", page: 1 });
    expect(after.counts).toMatchObject({ ready: 1, excluded: 3, groups: { ready: 1 } });
  });
});
