/**
 * Who chairs a review round (EVALUATION §7: "a designated 副主任 chairs when the 主任 is absent or blocked"),
 * through lib/review-rounds on a real database: the 主任 by default and no 副主任; once the forming organisation
 * designates a 副主任委员 of the term (with the reason) that 副主任 holds the console and the 主任 does not;
 * only a 副主任委员 with an active 评委会成员 grant may be designated, only by the forming organisation, at the
 * version seen; the chair can be given back to the 主任. Audited.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { auditLog, reviewRounds, roleGrants } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { ROUND_STALE } from "@/lib/review-rounds/constants";
import { getRoundDetail, listRoundsForChair } from "@/lib/review-rounds/queries";
import { createRound, setActingChair } from "@/lib/review-rounds/rounds";
import { actingChairSchema } from "@/lib/review-rounds/schemas";
import { actorOf, buildRoundFixture, type RoundFixture } from "../helpers/review-round-fixtures";
import { useTestDb, type TestDb } from "../setup/test-db";

let t: TestDb;
let fx: RoundFixture;
let roundId: string;
let staff: SessionUser;
let chair: SessionUser;
let vice: SessionUser;

const inTx = <T>(fn: (tx: Db) => Promise<T>) => t.db.transaction(fn);
const msg = async (p: Promise<unknown>) => {
  try {
    await p;
    return "no error";
  } catch (e) {
    return (e as Error).message;
  }
};
const version = async () => (await t.db.select({ v: reviewRounds.version }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].v;
const designate = async (who: SessionUser, userId: string | null, reason = "主任出差，不能到会", v?: number) => {
  // The version is read before the transaction opens (PGlite has one connection).
  const input = actingChairSchema.parse({ roundId, version: v ?? (await version()), userId, reason });
  return inTx((tx) => setActingChair(tx, who, { ...input, ip: null }));
};
const viewerOf = async (who: SessionUser) => (await getRoundDetail(t.db, who, roundId).catch(() => null))?.viewer ?? null;
const chairsIn = async (who: SessionUser) => (await listRoundsForChair(t.db, who)).map((r) => r.id);

beforeAll(async () => {
  t = await useTestDb();
  fx = await buildRoundFixture(t.db, { seed: 77, members: 5, candidates: 2 });
  staff = await actorOf(t.db, fx.staff[0]);
  chair = await actorOf(t.db, fx.chair, { role: "committee_member", position: "主任委员" });
  // Members 1 and 2 are the term's 副主任委员; only member 1 holds the 评委会成员 grant of that position.
  await t.db.insert(roleGrants).values({ userId: fx.members[1].userId, role: "committee_member", orgId: fx.orgId, committeeId: fx.committeeId, termId: fx.termId, position: "副主任委员" });
  vice = await actorOf(t.db, fx.members[1].userId, { role: "committee_member", position: "副主任委员" });
  const round = await inTx((tx) => createRound(tx, staff, { termId: fx.termId, name: "主持测试评审会", meetingDate: fx.meetingDate }));
  roundId = round.id;
}, 180_000);
afterAll(() => t?.close());

describe("the chair of a round", () => {
  it("is the 主任 by default; a 副主任 has no console", async () => {
    expect(await viewerOf(chair)).toBe("chair");
    expect(await viewerOf(vice)).toBeNull();
    expect(await chairsIn(chair)).toContain(roundId);
    expect(await chairsIn(vice)).toEqual([]);
    const detail = await getRoundDetail(t.db, staff, roundId);
    expect(detail.chair).toMatchObject({ actingUserId: null, reason: null });
    expect(detail.chair.viceChairs.map((v) => v.userId).sort()).toEqual([fx.members[1].userId, fx.members[2].userId].sort());
  });

  it("only the forming organisation designates, only a 副主任委员 of the term holding the grant, at the version seen", async () => {
    expect(await msg(designate(chair, vice.id))).toBe("评审会议不存在");
    expect(await msg(designate(staff, fx.members[3].userId))).toBe("只能指定本届评委会的副主任委员");
    expect(await msg(designate(staff, fx.members[2].userId))).toBe("该副主任委员没有有效的评委会成员身份，不能主持");
    expect(await msg(designate(staff, vice.id, "主任出差", (await version()) + 1))).toBe(ROUND_STALE);
    expect(await msg(designate(staff, null))).toBe("本次会议已由主任主持");
    expect(actingChairSchema.safeParse({ roundId, version: 1, userId: vice.id, reason: "" }).success).toBe(false);
    expect((await t.db.select({ a: reviewRounds.actingChairUserId }).from(reviewRounds).where(eq(reviewRounds.id, roundId)))[0].a).toBeNull();
  });

  it("the designated 副主任 chairs instead of the 主任, until the chair is given back", async () => {
    await designate(staff, vice.id);
    expect(await viewerOf(vice)).toBe("chair");
    expect(await viewerOf(chair)).toBeNull();
    expect(await chairsIn(vice)).toEqual([roundId]);
    expect(await chairsIn(chair)).not.toContain(roundId);
    expect((await getRoundDetail(t.db, staff, roundId)).chair).toMatchObject({ actingUserId: vice.id, reason: "主任出差，不能到会" });

    await designate(staff, null, "主任已返回");
    expect(await viewerOf(chair)).toBe("chair");
    expect(await viewerOf(vice)).toBeNull();
    const actions = await t.db.select({ a: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetId, roundId), eq(auditLog.outcome, "success")));
    expect(actions.map((r) => r.a).filter((a) => a.includes("chair"))).toEqual(["review_round.designate_acting_chair", "review_round.restore_chair"]);
  });
});
