/**
 * Who may do what in a review round (docs/domain.md §17 "Who"), always from the ACTIVE grant:
 * - the forming organisation (hrss / dept / self_unit whose organisation formed the committee);
 * - the 主任 (a 评委会成员 grant on the round's committee and term, position 主任委员), or instead the 副主任委员 the
 *   forming organisation designated for the round when the 主任 is absent or blocked;
 * - a member of the round acting as expert (an expert grant of the forming organisation's pool, or a
 *   评委会成员 grant on the committee — the 组长's round grant included).
 * A round the actor has no part in answers 「评审会议不存在」 (NotFoundError), so its existence is not revealed.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { reviewRounds, roundMembers, type ReviewRound, type RoundMember } from "@/db/schema";
import type { RoundState } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { isUuid } from "@/lib/roster/access";
import { CHAIR_POSITION, ROUND_NOT_FOUND, ROUND_STATE_LABELS, VICE_CHAIR_POSITION } from "./constants";

/** The session as the round code needs it: the active grant and the person's grants. */
export type RoundActor = Pick<SessionUser, "id" | "role" | "orgId" | "grantId" | "grants">;

export function activeGrant(actor: RoundActor) {
  return actor.grants.find((g) => g.id === actor.grantId) ?? null;
}

/** The round, or 404. `lock`: FOR UPDATE (writers of the round's own row); `share`: FOR SHARE (sheets vs. close). */
export async function loadRound(db: Db, roundId: string, opts: { lock?: "update" | "share" } = {}): Promise<ReviewRound> {
  if (!isUuid(roundId)) throw new NotFoundError(ROUND_NOT_FOUND);
  const q = db.select().from(reviewRounds).where(eq(reviewRounds.id, roundId)).limit(1);
  const [round] = opts.lock === "update" ? await q.for("update") : opts.lock === "share" ? await q.for("share") : await q;
  if (!round) throw new NotFoundError(ROUND_NOT_FOUND);
  return round;
}

export function isFormingOrg(actor: RoundActor, round: Pick<ReviewRound, "formingOrgId">): boolean {
  return COMMITTEE_FORMING_ROLES.includes(actor.role) && actor.orgId === round.formingOrgId;
}

/**
 * The active grant chairs the round: the 主任 of the committee term — unless the forming organisation has
 * designated a 副主任 because the 主任 is absent or blocked (EVALUATION §7), in which case that 副主任 and only
 * that one chairs.
 */
export function isChair(actor: RoundActor, round: Pick<ReviewRound, "committeeId" | "termId" | "actingChairUserId">): boolean {
  const g = activeGrant(actor);
  if (actor.role !== "committee_member" || !g || g.committeeId !== round.committeeId || (g.termId !== null && g.termId !== round.termId)) return false;
  if (g.position === CHAIR_POSITION) return round.actingChairUserId === null;
  return g.position === VICE_CHAIR_POSITION && round.actingChairUserId === actor.id;
}

/** The active grant may act as a member of this round: an expert of the forming organisation's pool, or a 评委会成员 of the committee. */
export function actsAsMember(actor: RoundActor, round: Pick<ReviewRound, "id" | "committeeId" | "formingOrgId">): boolean {
  if (actor.role === "expert") return actor.orgId === round.formingOrgId;
  const g = activeGrant(actor);
  return actor.role === "committee_member" && !!g && g.committeeId === round.committeeId && (g.roundId === null || g.roundId === round.id);
}

export async function assertFormingOrg(db: Db, actor: RoundActor, roundId: string, opts: { lock?: "update" | "share" } = {}): Promise<ReviewRound> {
  const round = await loadRound(db, roundId, opts);
  if (!isFormingOrg(actor, round)) throw new NotFoundError(ROUND_NOT_FOUND);
  return round;
}

export async function assertChair(db: Db, actor: RoundActor, roundId: string, opts: { lock?: "update" | "share" } = {}): Promise<ReviewRound> {
  const round = await loadRound(db, roundId, opts);
  if (!isChair(actor, round)) throw new NotFoundError(ROUND_NOT_FOUND);
  return round;
}

/** The forming organisation or the 主任. */
export async function assertManager(db: Db, actor: RoundActor, roundId: string, opts: { lock?: "update" | "share" } = {}): Promise<ReviewRound> {
  const round = await loadRound(db, roundId, opts);
  if (!isFormingOrg(actor, round) && !isChair(actor, round)) throw new NotFoundError(ROUND_NOT_FOUND);
  return round;
}

/** The actor's seat in the round, acting as a member (see actsAsMember); 404 otherwise. */
export async function assertMember(db: Db, actor: RoundActor, roundId: string, opts: { lock?: "update" | "share" } = {}): Promise<{ round: ReviewRound; member: RoundMember }> {
  const round = await loadRound(db, roundId, opts);
  if (!actsAsMember(actor, round)) throw new NotFoundError(ROUND_NOT_FOUND);
  const [member] = await db.select().from(roundMembers).where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.userId, actor.id))).limit(1);
  if (!member) throw new NotFoundError(ROUND_NOT_FOUND);
  if (!member.seated) throw new ForbiddenError("您有在途的职称申报，不参加本次评审");
  return { round, member };
}

/** 「评审会议当前为“…”，不能…」 unless the round is in one of `states`. */
export function assertState(round: Pick<ReviewRound, "state">, states: readonly RoundState[], what: string): void {
  if (!states.includes(round.state)) throw new UserError(`评审会议当前为“${ROUND_STATE_LABELS[round.state].label}”，不能${what}`);
}
