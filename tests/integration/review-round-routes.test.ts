import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, declarationAttachments, declarations, expertConflicts, orgs, reviewRounds, roundCandidates } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session";
import { closeBallot, castSheet, openBallot, recordAttendance, WRONG_PASSWORD } from "@/lib/review-rounds/ballot";
import { assignCandidates, distribute, formPanel, startPanelReview } from "@/lib/review-rounds/panels";
import { signPledge, submitOpinion, writeSummary } from "@/lib/review-rounds/review";
import { addCandidates, createRound, selectMembers } from "@/lib/review-rounds/rounds";
import { signTallyWithPassword } from "@/lib/review-rounds/sign-with-password";
import { confirmTally, computeTally } from "@/lib/review-rounds/tally";
import { DEMO_RULES_PDF } from "@/db/seed-terms";
import { actorOf, buildRoundFixture, FIXTURE_PASSWORD, type RoundFixture } from "../helpers/review-round-fixtures";
import { signInAs } from "../helpers/roster-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

// The two route handlers of the review round screens, called directly as an attacker could: the declaration
// attachment (now also served to reviewing members, never to a blocked one) and the 纪要 PDF.
vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({
  ...(await importOriginal<typeof import("@/lib/auth/session")>()),
  getCurrentUser: vi.fn(),
  currentRequestIp: vi.fn(async () => "198.51.100.9"),
}));

const attachmentRoute = await import("@/app/api/declarations/attachments/[attachmentId]/route");
const minutesRoute = await import("@/app/api/review-rounds/[roundId]/minutes/route");

const SAME = { "sec-fetch-site": "same-origin" };
const get = (p: string, headers: Record<string, string> = SAME) => new Request(`http://localhost:3000${p}`, { headers });
const attachment = (id: string) => attachmentRoute.GET(get(`/api/declarations/attachments/${id}`), { params: Promise.resolve({ attachmentId: id }) });
const minutes = (id: string, headers?: Record<string, string>) => minutesRoute.GET(get(`/api/review-rounds/${id}/minutes`, headers), { params: Promise.resolve({ roundId: id }) });
const message = async (r: Response) => ((await r.json()) as { message: string }).message;

let t: TestDb;
let fx: RoundFixture;
let staff: SessionUser[];
let chair: SessionUser;
let expert: SessionUser[];
let roundId: string;
let attachmentId: string;
const tmp = mkdtempSync(path.join(os.tmpdir(), "round-routes-"));

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const version = async () => (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].v;
/** A state move at the version read first (on PGlite a query beside the open transaction would wait forever). */
const step = async <T>(fn: (tx: Db, v: number) => Promise<T>) => {
  const v = await version();
  return inTx((tx) => fn(tx, v));
};

beforeAll(async () => {
  t = await useTestDb();
  fx = await buildRoundFixture(t.db, { seed: 7, candidates: 2 });
  staff = await Promise.all(fx.staff.map((id) => actorOf(t.db, id)));
  chair = await actorOf(t.db, fx.chair, { role: "committee_member", position: "主任委员" });
  expert = await Promise.all(fx.members.map((m) => actorOf(t.db, m.userId, { role: "expert" })));
  // Member 5 names candidate 0 in the 回避声明; candidate 0 carries one attachment.
  const [c0] = await t.db.select({ idNumber: declarations.idNumber, name: declarations.personName }).from(declarations).where(eq(declarations.id, fx.declarationIds[0]));
  await t.db.insert(expertConflicts).values({ userId: fx.members[5].userId, kind: "person", personIdType: "resident", personIdNumber: c0.idNumber, personName: c0.name, relation: "relative" });
  const [a] = await t.db
    .insert(declarationAttachments)
    .values({ declarationId: fx.declarationIds[0], slot: "title", fileName: "资格证书.pdf", mime: "application/pdf", size: DEMO_RULES_PDF.length, sha256: "0".repeat(64), content: DEMO_RULES_PDF, uploadedBy: fx.candidateUsers[0] })
    .returning({ id: declarationAttachments.id });
  attachmentId = a.id;

  const round = await inTx((tx) => createRound(tx, staff[0], { termId: fx.termId, name: "路由测试评审会议", meetingDate: fx.meetingDate }));
  roundId = round.id;
  await inTx((tx) => addCandidates(tx, staff[0], { roundId, declarationIds: fx.declarationIds }));
  await step((tx, v) => selectMembers(tx, chair, { roundId, version: v, termMemberIds: fx.members.map((m) => m.termMemberId) }));
  const panel = [3, 4, 5, 6, 7, 8].map((i) => fx.members[i].userId);
  const p = await inTx((tx) => formPanel(tx, chair, { roundId, name: "第一评议组", memberUserIds: panel, leaderUserId: panel[0] }));
  const cands = (await computeCandidates(t.db, roundId)).map((c) => c.id);
  await inTx((tx) => assignCandidates(tx, chair, { roundId, panelId: p.id, candidateIds: cands }));
  await step((tx, v) => distribute(tx, chair, { roundId, version: v }));
  await step((tx, v) => startPanelReview(tx, chair, { roundId, version: v }));
}, 180_000);
afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  await t?.close();
});

async function computeCandidates(db: Db, id: string) {
  return db.select({ id: roundCandidates.id, declarationId: roundCandidates.declarationId }).from(roundCandidates).where(eq(roundCandidates.roundId, id)).orderBy(roundCandidates.position);
}

async function auditOutcome(action: string, actorId: string) {
  const rows = await t.db.select({ outcome: auditLog.outcome }).from(auditLog).where(and(eq(auditLog.action, action), eq(auditLog.actorId, actorId)));
  return rows.map((r) => r.outcome);
}

describe("a declaration attachment for the round's members", () => {
  it("is refused before the 承诺书, served after it, and never to a member blocked from the candidate (403, audited)", async () => {
    signInAs(expert[4]);
    expect((await attachment(attachmentId)).status).toBe(403);
    await inTx((tx) => signPledge(tx, expert[4], { roundId, accepted: true }));
    const ok = await attachment(attachmentId);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await auditOutcome("declaration.download_attachment", expert[4].id)).toEqual(["denied", "success"]);

    await inTx((tx) => signPledge(tx, expert[5], { roundId, accepted: true }));
    signInAs(expert[5]);
    const blocked = await attachment(attachmentId);
    expect(blocked.status).toBe(403);
    expect(await message(blocked)).toBe("您须回避该申报人，不能查看材料、发表意见或投票");
    expect(await auditOutcome("declaration.download_attachment", expert[5].id)).toEqual(["denied"]);
  });

  it("is not found for a member of another panel during the review, and for an expert of another pool", async () => {
    await inTx((tx) => signPledge(tx, expert[10], { roundId, accepted: true }));
    signInAs(expert[10]);
    expect((await attachment(attachmentId)).status).toBe(404);
    const [other] = await t.db.insert(orgs).values({ name: "别的专家库单位", kind: "unit", level: "city", regionCode: "520100", status: "active" }).returning({ id: orgs.id });
    signInAs({ ...expert[4], orgId: other.id, orgName: "别的专家库单位" });
    expect((await attachment(attachmentId)).status).toBe(404);
  });
});

describe("the 纪要 PDF", () => {
  it("is refused before the round is signed, even to the forming organisation (409)", async () => {
    signInAs(staff[0]);
    const r = await minutes(roundId);
    expect(r.status).toBe(409);
    expect(await message(r)).toBe("统票签署后方可下载会议纪要");
  });

  it("after the round runs and the 主任 signs with the password, is served to the forming organisation and the 主任 only", async () => {
    const cands = await computeCandidates(t.db, roundId);
    const panel = [3, 4, 5, 6, 7, 8];
    for (const i of panel) if (i !== 4 && i !== 5) await inTx((tx) => signPledge(tx, expert[i], { roundId, accepted: true }));
    for (const c of cands) {
      for (const i of panel) {
        if (i === 5 && c.declarationId === fx.declarationIds[0]) continue;
        await inTx((tx) => submitOpinion(tx, expert[i], { roundId, candidateId: c.id, text: "符合条件，建议通过。", recommend: true }));
      }
      await inTx((tx) => writeSummary(tx, expert[3], { roundId, candidateId: c.id, text: "评议组建议通过。", recommend: true }));
    }
    await inTx((tx) => recordAttendance(tx, chair, { roundId, presentUserIds: fx.members.map((m) => m.userId) }));
    await step((tx, v) => openBallot(tx, chair, { roundId, version: v }));
    for (const i of [3, 4, 6]) {
      await inTx((tx) => castSheet(tx, expert[i], { roundId, password: FIXTURE_PASSWORD, choices: cands.map((c) => ({ candidateId: c.id, choice: "yes" as const })) }));
    }
    await step((tx, v) => closeBallot(tx, chair, { roundId, version: v }));
    const { digest } = await computeTally(t.db, staff[0], roundId);
    for (const who of [staff[0], staff[1], expert[4]]) await inTx((tx) => confirmTally(tx, who, { roundId, digest }));

    await expect(step((tx, v) => signTallyWithPassword(tx, chair, { roundId, version: v, password: "wrong-password" }))).rejects.toThrow(WRONG_PASSWORD);
    const signed = await step((tx, v) => signTallyWithPassword(tx, chair, { roundId, version: v, password: FIXTURE_PASSWORD }));

    for (const who of [staff[1], chair]) {
      signInAs(who);
      const r = await minutes(roundId);
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toBe("application/pdf");
      expect(r.headers.get("cache-control")).toBe("no-store");
      const file = path.join(tmp, `${who.id}.pdf`);
      writeFileSync(file, Buffer.from(await r.arrayBuffer()));
      const text = execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" }).replace(/\s+/g, "");
      for (const v of ["评审会议纪要", "路由测试评审会议", fx.orgName, "应到25人，实到25人", "第一评议组", signed.closingHash]) expect(text, v).toContain(v);
      expect(await auditOutcome("review_round.download_minutes", who.id)).toEqual(["success"]);
    }
  });

  it("is refused to a member (role), to another organisation and on a malformed id (404), and cross-site (403)", async () => {
    signInAs(expert[4]);
    expect((await minutes(roundId)).status).toBe(403);
    const [otherOrg] = await t.db.insert(orgs).values({ name: "另一自主评审单位", kind: "unit", level: "city", regionCode: "520100", status: "active" }).returning({ id: orgs.id });
    signInAs({ ...staff[0], orgId: otherOrg.id, orgName: "另一自主评审单位" });
    expect((await minutes(roundId)).status).toBe(404);
    signInAs(staff[0]);
    expect((await minutes("not-a-uuid")).status).toBe(404);
    expect((await minutes(roundId, { "sec-fetch-site": "cross-site" })).status).toBe(403);
  });
});
