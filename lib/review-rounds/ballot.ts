/**
 * Meeting and secret ballot (docs/domain.md §17 "Ballot"): attendance and check-in, quorum, one sheet per
 * voter (participation row + staging rows in one transaction), close. Counts stay hidden until close.
 *
 * Concurrency: a sheet holds the round row FOR SHARE for its whole transaction and closing takes it FOR
 * UPDATE, so the close waits for sheets in flight and no sheet commits after it (and the database refuses
 * staging rows of a round whose ballot is not open). A second sheet by the same voter waits on the unique
 * participation row and fails when the first commits.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, textArray, uuidArray } from "@/db/raw";
import { ballotParticipation, roundCandidates, roundMembers, users, type ReviewRound } from "@/db/schema";
import { auditBase, writeAudit } from "@/lib/audit";
import { verifyPassword as checkPasswordHash } from "@/lib/auth/password";
import { isUniqueViolation } from "@/lib/db-errors";
import { ForbiddenError, UserError } from "@/lib/errors";
import { hasQuorum, quorumNeeded } from "./arithmetic";
import { assertChair, assertMember, assertState, type RoundActor } from "./access";
import { blockedCandidateIds, refreshConflicts } from "./conflicts";
import { BLOCKED_MESSAGE, MIN_REVIEWERS } from "./constants";
import { sheetReceipt } from "./hash";
import { auditRound, moveRound } from "./moves";
import type { Attendance, CastSheet, CheckIn, RoundStep } from "./schemas";

type Ip = { ip?: string | null };

/** Re-authentication hook: the default checks the user's password hash (lib/auth/password.ts). */
export type VerifyPassword = (userId: string, password: string) => Promise<boolean>;

export function passwordChecker(db: Db): VerifyPassword {
  return async (userId, password) => {
    const [u] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, userId));
    return !!u && (await checkPasswordHash(u.hash, password));
  };
}

export const WRONG_PASSWORD = "密码错误，请重新输入";
const MEETING_STATES = ["distributed", "panel_review"] as const;

async function presentCount(db: Db, roundId: string): Promise<number> {
  const [{ n }] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(roundMembers)
    .where(and(eq(roundMembers.roundId, roundId), eq(roundMembers.seated, true), eq(roundMembers.present, true)));
  return n;
}

/** 记录出席 by the 主任 (before the ballot opens): the listed seated members are present, the others absent. */
export async function recordAttendance(tx: Db, actor: RoundActor, input: Attendance & Ip): Promise<{ present: number; members: number }> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, MEETING_STATES, "记录出席");
  const ids = [...new Set(input.presentUserIds)];
  const known = ids.length
    ? await tx
        .select({ userId: roundMembers.userId })
        .from(roundMembers)
        .where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.seated, true), inArray(roundMembers.userId, ids)))
    : [];
  if (known.length !== ids.length) throw new UserError("所选人员不是本次会议的参会委员");
  await tx
    .update(roundMembers)
    .set({ present: ids.length ? sql`${roundMembers.userId} = any(${uuidArray(ids)})` : sql`false` })
    .where(eq(roundMembers.roundId, round.id));
  const present = await presentCount(tx, round.id);
  await auditRound(tx, actor, "attendance", round.id, input.ip, { present, members: round.memberCount });
  return { present, members: round.memberCount ?? 0 };
}

/** 签到 by the member, re-entering the password (before the ballot opens). */
export async function checkIn(tx: Db, actor: RoundActor, input: CheckIn & Ip, opts: { verifyPassword?: VerifyPassword } = {}): Promise<void> {
  const { round, member } = await assertMember(tx, actor, input.roundId, { lock: "share" });
  assertState(round, MEETING_STATES, "签到");
  if (!(await (opts.verifyPassword ?? passwordChecker(tx))(actor.id, input.password))) throw new UserError(WRONG_PASSWORD, { password: WRONG_PASSWORD });
  await tx.update(roundMembers).set({ present: true, checkedInAt: new Date() }).where(eq(roundMembers.id, member.id));
  await auditRound(tx, actor, "check_in", round.id, input.ip);
}

/**
 * 开始投票 (panel_review → ballot_open, at the version seen): refused without a quorum
 * (`3 × present ≥ 2 × members`) or while a candidate lacks 3 opinions or the 组长's summary. Conflicts are
 * computed one last time and frozen with "present".
 */
export async function openBallot(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["panel_review"], "开始投票");
  const members = round.memberCount ?? 0;
  const present = await presentCount(tx, round.id);
  if (!hasQuorum(present, members)) {
    throw new UserError(`出席委员${present}人，不足应到委员${members}人的三分之二（至少${quorumNeeded(members)}人），不能开始投票`);
  }
  await refreshConflicts(tx, round.id);
  const missing = await executeRows<{ person_name: string; opinions: number; has_summary: boolean }>(
    tx,
    sql`select d.person_name,
               (select count(*)::int from opinions o where o.candidate_id = rc.id
                  and not exists (select 1 from round_conflicts x where x.candidate_id = rc.id and x.user_id = o.user_id and x.status in ('blocking', 'pinned'))) as opinions,
               exists (select 1 from panel_summaries s where s.candidate_id = rc.id) as has_summary
        from round_candidates rc join declarations d on d.id = rc.declaration_id
        where rc.round_id = ${round.id}::uuid order by rc.position`,
  );
  const short = missing.filter((m) => Number(m.opinions) < MIN_REVIEWERS || !m.has_summary);
  if (short.length > 0) {
    const names = short.slice(0, 5).map((m) => m.person_name).join("、") + (short.length > 5 ? `等${short.length}人` : "");
    throw new UserError(`${names}尚缺评议意见（至少${MIN_REVIEWERS}份）或评议组意见，不能开始投票`);
  }
  await tx.update(roundMembers).set({ presentAtBallot: sql`${roundMembers.seated} and ${roundMembers.present}` }).where(eq(roundMembers.roundId, round.id));
  const moved = await moveRound(tx, round, "panel_review", "ballot_open", input.version, { ballotOpenedAt: new Date() });
  await auditRound(tx, actor, "open_ballot", round.id, input.ip, { present, members });
  return moved;
}

export const ALREADY_VOTED = "您已提交过表决票，不能重复投票";

/**
 * 提交表决票: one sheet covering every candidate the voter is not blocked from, each exactly once, after
 * re-entering the password. The participation row (unique per voter) and the anonymous staging rows are
 * written in this one transaction; the audit row says only that a sheet was submitted. Returns the receipt.
 */
export async function castSheet(tx: Db, actor: RoundActor, input: CastSheet & Ip, opts: { verifyPassword?: VerifyPassword } = {}): Promise<{ receipt: string; votes: number }> {
  const { round, member } = await assertMember(tx, actor, input.roundId, { lock: "share" });
  if (round.state !== "ballot_open") throw new UserError(round.state === "closed" || round.ballotClosedAt ? "投票已结束，不能再投票" : "投票尚未开始");
  if (!member.presentAtBallot) throw new ForbiddenError("您未出席本次会议，不能投票");
  if (!member.pledgeSignedAt) throw new ForbiddenError("请先签署专家纪律承诺书");
  if (!(await (opts.verifyPassword ?? passwordChecker(tx))(actor.id, input.password))) throw new UserError(WRONG_PASSWORD, { password: WRONG_PASSWORD });

  const all = await tx.select({ id: roundCandidates.id }).from(roundCandidates).where(eq(roundCandidates.roundId, round.id));
  const inRound = new Set(all.map((c) => c.id));
  const blocked = await blockedCandidateIds(tx, round.id, actor.id, round.state);
  const seen = new Set<string>();
  for (const c of input.choices) {
    if (!inRound.has(c.candidateId)) throw new UserError("表决票中有不在本次评审中的申报人，请刷新后重试");
    if (blocked.has(c.candidateId)) throw new ForbiddenError(BLOCKED_MESSAGE);
    if (seen.has(c.candidateId)) throw new UserError("表决票中同一申报人出现了两次");
    seen.add(c.candidateId);
  }
  const expected = all.length - [...blocked].filter((b) => inRound.has(b)).length;
  if (seen.size !== expected) throw new UserError(`请对全部${expected}名申报人逐一表决（同意、不同意或弃权）`);

  const receipt = sheetReceipt(round.id, input.choices);
  try {
    await tx.insert(ballotParticipation).values({ roundId: round.id, userId: actor.id, receipt });
  } catch (err) {
    if (isUniqueViolation(err, "ballot_participation_uq")) throw new UserError(ALREADY_VOTED);
    throw err;
  }
  await tx.execute(
    sql`insert into ballot_staging (round_id, candidate_id, choice)
        select ${round.id}::uuid, c, ch::ballot_choice
        from unnest(${uuidArray(input.choices.map((c) => c.candidateId))}, ${textArray(input.choices.map((c) => c.choice))}) as s(c, ch)`,
  );
  await writeAudit(tx, { ...auditBase(actor, "review_round.sheet_submitted", input.ip ?? null), outcome: "success", targetType: "review_round", targetId: round.id });
  return { receipt, votes: input.choices.length };
}

/** 结束投票 (ballot_open → closed, at the version seen): waits for sheets in flight; none lands afterwards. */
export async function closeBallot(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["ballot_open"], "结束投票");
  const moved = await moveRound(tx, round, "ballot_open", "closed", input.version, { ballotClosedAt: new Date() });
  const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ballotParticipation).where(eq(ballotParticipation.roundId, round.id));
  await auditRound(tx, actor, "close_ballot", round.id, input.ip, { sheets: n });
  return moved;
}
