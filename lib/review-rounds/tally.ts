/**
 * 统票, confirmation and signature (docs/domain.md §17 "Tally"). The counts are read from the closed
 * ballot box; signing copies it in shuffled order into ballot_votes, deletes the staging rows, writes the
 * chained tally rows and moves the round to `signed` — all in one transaction.
 */
import { randomUUID } from "node:crypto";
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, intArray, textArray, uuidArray } from "@/db/raw";
import { ballotStaging, roundMembers, tallyConfirmations, users, type ReviewRound } from "@/db/schema";
import type { BallotChoice, RoundState, TallyConfirmerKind, TallyResult } from "@/db/schema/enums";
import { NotFoundError, StaleStateError, UserError } from "@/lib/errors";
import { decideCandidate } from "./arithmetic";
import { actsAsMember, assertChair, assertState, isChair, isFormingOrg, loadRound, type RoundActor } from "./access";
import { REQUIRED_SCRUTINEER_CONFIRMATIONS, REQUIRED_STAFF_CONFIRMATIONS, ROUND_NOT_FOUND, ROUND_STALE } from "./constants";
import { canonicalTally, canonicalVote, chainHash, genesisHash, sha256Hex, shuffled } from "./hash";
import { auditRound, moveDeclarations, moveRound } from "./moves";
import { revokeLeaderGrants } from "./rounds";
import type { ConfirmTally, RoundStep } from "./schemas";

type Ip = { ip?: string | null };

export type TallyLine = {
  candidateId: string;
  declarationId: string;
  position: number;
  personName: string;
  members: number;
  present: number;
  blocked: number;
  eligiblePresent: number;
  yes: number;
  no: number;
  abstain: number;
  result: TallyResult;
};
export type TallyPreview = {
  roundId: string;
  state: RoundState;
  members: number;
  present: number;
  voters: number;
  lines: TallyLine[];
  /** sha256 of the counts: what the confirmations name. */
  digest: string;
  confirmations: { userId: string; name: string; kind: TallyConfirmerKind; current: boolean; confirmedAt: Date }[];
  /** Staff and 监票人 confirmations on the current digest, and how many signing needs. */
  confirmed: { staff: number; scrutineer: number; staffNeeded: number; scrutineerNeeded: number };
};

const SIGNED_STATES: readonly RoundState[] = ["signed", "publicity", "confirmed"];

type StagedVote = { id: string; candidate_id: string; choice: BallotChoice };
/** Votes per INSERT of the signature (five statements for 25,000 votes). */
const VOTE_CHUNK = 5000;
type Counts = Map<string, { yes: number; no: number; abstain: number }>;

function countVotes(staged: readonly StagedVote[]): Counts {
  const out: Counts = new Map();
  for (const v of staged) {
    const c = out.get(v.candidate_id) ?? { yes: 0, no: 0, abstain: 0 };
    c[v.choice] += 1;
    out.set(v.candidate_id, c);
  }
  return out;
}

/** The open (or closed) box's counts per candidate, counted by the database. */
async function stagedCounts(db: Db, roundId: string): Promise<Counts> {
  const rows = await executeRows<{ candidate_id: string; yes: number; no: number; abstain: number }>(
    db,
    sql`select candidate_id, count(*) filter (where choice = 'yes')::int as yes, count(*) filter (where choice = 'no')::int as no,
               count(*) filter (where choice = 'abstain')::int as abstain
        from ballot_staging where round_id = ${roundId}::uuid group by candidate_id`,
  );
  return new Map(rows.map((r) => [r.candidate_id, { yes: Number(r.yes), no: Number(r.no), abstain: Number(r.abstain) }]));
}

/** The per-candidate counts: from the tally rows once signed, else from the closed ballot box. */
async function tallyLines(db: Db, round: ReviewRound, staged?: readonly StagedVote[]): Promise<{ lines: TallyLine[]; present: number; voters: number }> {
  const [{ voters }] = await executeRows<{ voters: number }>(db, sql`select count(*)::int as voters from ballot_participation where round_id = ${round.id}::uuid`);
  if (SIGNED_STATES.includes(round.state)) {
    const rows = await executeRows<{ candidate_id: string; declaration_id: string; position: number; person_name: string; members: number; present: number; eligible_present: number; yes: number; no: number; abstain: number; result: TallyResult }>(
      db,
      sql`select t.candidate_id, rc.declaration_id, rc.position, d.person_name, t.members, t.present, t.eligible_present, t.yes, t.no, t.abstain, t.result
          from tallies t join round_candidates rc on rc.id = t.candidate_id join declarations d on d.id = rc.declaration_id
          where t.round_id = ${round.id}::uuid order by t.seq`,
    );
    const lines = rows.map((r) => ({
      candidateId: r.candidate_id,
      declarationId: r.declaration_id,
      position: Number(r.position),
      personName: r.person_name,
      members: Number(r.members),
      present: Number(r.present),
      blocked: Number(r.present) - Number(r.eligible_present),
      eligiblePresent: Number(r.eligible_present),
      yes: Number(r.yes),
      no: Number(r.no),
      abstain: Number(r.abstain),
      result: r.result,
    }));
    return { lines, present: lines[0]?.present ?? 0, voters: Number(voters) };
  }
  const members = round.memberCount ?? 0;
  const [{ present }] = await executeRows<{ present: number }>(db, sql`select count(*)::int as present from round_members where round_id = ${round.id}::uuid and present_at_ballot`);
  const rows = await executeRows<{ candidate_id: string; declaration_id: string; position: number; person_name: string; blocked: number }>(
    db,
    sql`with b as (
          select x.candidate_id, count(distinct x.user_id)::int as blocked
          from round_conflicts x join round_members rm on rm.round_id = x.round_id and rm.user_id = x.user_id and rm.present_at_ballot
          where x.round_id = ${round.id}::uuid and x.status in ('blocking', 'pinned') group by x.candidate_id)
        select rc.id as candidate_id, rc.declaration_id, rc.position, d.person_name, coalesce(b.blocked, 0) as blocked
        from round_candidates rc join declarations d on d.id = rc.declaration_id left join b on b.candidate_id = rc.id
        where rc.round_id = ${round.id}::uuid order by rc.position`,
  );
  const counts = staged ? countVotes(staged) : await stagedCounts(db, round.id);
  const p = Number(present);
  const lines = rows.map((r) => {
    const v = counts.get(r.candidate_id) ?? { yes: 0, no: 0, abstain: 0 };
    const c = { members, present: p, blocked: Number(r.blocked), ...v };
    const d = decideCandidate(c);
    return { candidateId: r.candidate_id, declarationId: r.declaration_id, position: Number(r.position), personName: r.person_name, ...c, ...d };
  });
  return { lines, present: p, voters: Number(voters) };
}

/** The digest of the counts the confirmations name. */
export function tallyDigest(roundId: string, lines: readonly TallyLine[]): string {
  return sha256Hex(JSON.stringify([roundId, lines.map((l) => [l.candidateId, l.members, l.present, l.eligiblePresent, l.yes, l.no, l.abstain, l.result])]));
}

/**
 * The counts of a closed (or signed) round, for the forming organisation, the 主任 and the round's
 * members; before the ballot closes nobody sees them.
 */
export async function computeTally(db: Db, actor: RoundActor, roundId: string): Promise<TallyPreview> {
  const round = await loadRound(db, roundId);
  let allowed = isFormingOrg(actor, round) || isChair(actor, round);
  if (!allowed && actsAsMember(actor, round)) {
    const [m] = await db.select({ id: roundMembers.id }).from(roundMembers).where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.userId, actor.id)));
    allowed = !!m;
  }
  if (!allowed) throw new NotFoundError(ROUND_NOT_FOUND);
  if (round.state !== "closed" && !SIGNED_STATES.includes(round.state)) throw new UserError("投票结束前不公布票数");
  const { lines, present, voters } = await tallyLines(db, round);
  const digest = tallyDigest(round.id, lines);
  const conf = await db
    .select({ userId: tallyConfirmations.userId, name: users.name, kind: tallyConfirmations.kind, digest: tallyConfirmations.digest, confirmedAt: tallyConfirmations.confirmedAt })
    .from(tallyConfirmations)
    .innerJoin(users, eq(users.id, tallyConfirmations.userId))
    .where(eq(tallyConfirmations.roundId, round.id))
    .orderBy(asc(tallyConfirmations.confirmedAt));
  const confirmations = conf.map((c) => ({ userId: c.userId, name: c.name, kind: c.kind, current: c.digest === digest, confirmedAt: c.confirmedAt }));
  return {
    roundId: round.id,
    state: round.state,
    members: round.memberCount ?? 0,
    present,
    voters,
    lines,
    digest,
    confirmations,
    confirmed: {
      staff: confirmations.filter((c) => c.current && c.kind === "staff").length,
      scrutineer: confirmations.filter((c) => c.current && c.kind === "scrutineer").length,
      staffNeeded: REQUIRED_STAFF_CONFIRMATIONS,
      scrutineerNeeded: REQUIRED_SCRUTINEER_CONFIRMATIONS,
    },
  };
}

/**
 * 确认统票 on a closed round: a staff member of the forming organisation (`staff`) or an expert member who
 * was present, not the 主任 (`scrutineer`, 监票人), naming the digest of the counts they saw.
 */
export async function confirmTally(tx: Db, actor: RoundActor, input: ConfirmTally & Ip): Promise<{ kind: TallyConfirmerKind }> {
  const round = await loadRound(tx, input.roundId, { lock: "share" });
  let kind: TallyConfirmerKind | null = isFormingOrg(actor, round) ? "staff" : null;
  if (!kind && actor.role === "expert" && actsAsMember(actor, round)) {
    const [m] = await tx.select().from(roundMembers).where(and(eq(roundMembers.roundId, round.id), eq(roundMembers.userId, actor.id)));
    if (m?.presentAtBallot && m.position !== "chair") kind = "scrutineer";
    else if (m) throw new UserError("监票人须是出席会议的专家（主任委员除外）");
  }
  if (!kind) throw new NotFoundError(ROUND_NOT_FOUND);
  assertState(round, ["closed"], "确认统票");
  const { lines } = await tallyLines(tx, round);
  if (tallyDigest(round.id, lines) !== input.digest) throw new StaleStateError("统票结果已变化，请刷新后重新确认");
  await tx
    .insert(tallyConfirmations)
    .values({ roundId: round.id, userId: actor.id, kind, digest: input.digest })
    .onConflictDoUpdate({ target: [tallyConfirmations.roundId, tallyConfirmations.userId], set: { kind, digest: input.digest, confirmedAt: new Date() } });
  await auditRound(tx, actor, "confirm_tally", round.id, input.ip, { kind, digest: input.digest });
  return { kind };
}


/**
 * 签署统票 (closed → signed, at the version seen) after 2 staff and 1 监票人 confirmed the current counts.
 * In this one transaction: the round row gets its signature and both hashes; the staging rows are copied in
 * shuffled order (new random ids) into the insert-only ballot_votes, chained from the round's genesis, and
 * deleted; the tally rows are written, chained from the box's last hash; results go to the candidates and
 * their declarations (deferred ones back to accepted); the 组长 grants end.
 */
export async function signTally(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<{ closingHash: string; ballotBoxHash: string; passed: number; failed: number; deferred: number }> {
  const round = await assertChair(tx, actor, input.roundId, { lock: "update" });
  assertState(round, ["closed"], "签署统票");
  // The box is read once: its rows give both the counts and the copy.
  const staged = await executeRows<StagedVote>(tx, sql`select id, candidate_id, choice from ballot_staging where round_id = ${round.id}::uuid`);
  const { lines } = await tallyLines(tx, round, staged);
  const digest = tallyDigest(round.id, lines);
  const conf = await tx.select({ kind: tallyConfirmations.kind }).from(tallyConfirmations).where(and(eq(tallyConfirmations.roundId, round.id), eq(tallyConfirmations.digest, digest)));
  const staff = conf.filter((c) => c.kind === "staff").length;
  const scrutineer = conf.filter((c) => c.kind === "scrutineer").length;
  if (staff < REQUIRED_STAFF_CONFIRMATIONS || scrutineer < REQUIRED_SCRUTINEER_CONFIRMATIONS) {
    throw new UserError(
      `统票须经${REQUIRED_STAFF_CONFIRMATIONS}名工作人员和${REQUIRED_SCRUTINEER_CONFIRMATIONS}名监票人确认后方可签署（已确认：工作人员${staff}名，监票人${scrutineer}名）`,
    );
  }

  // We hold the round's row lock: a stale version is refused before any work.
  if (round.version !== input.version) throw new StaleStateError(ROUND_STALE);

  // The ballot box, shuffled, with new ids: nothing of the staging row (id, physical order) survives.
  // Each chunk is sent as soon as it is hashed, so the database inserts while the next chunk is hashed.
  let prev = genesisHash(round.id);
  const order = shuffled(staged);
  const inserts: Promise<unknown>[] = [];
  for (let i = 0; i < order.length; i += VOTE_CHUNK) {
    const part = order.slice(i, i + VOTE_CHUNK).map((v, j) => {
      const row = { roundId: round.id, seq: i + j + 1, id: randomUUID(), candidateId: v.candidate_id, choice: v.choice };
      prev = chainHash(prev, canonicalVote(row));
      return { ...row, hash: prev };
    });
    const sent = Promise.resolve(
        tx.execute(
          sql`insert into ballot_votes (id, round_id, candidate_id, choice, seq, hash)
              select id, ${round.id}::uuid, candidate_id, choice::ballot_choice, seq, hash
              from unnest(${uuidArray(part.map((v) => v.id))}, ${uuidArray(part.map((v) => v.candidateId))}, ${textArray(part.map((v) => v.choice))},
                          ${intArray(part.map((v) => v.seq))}, ${textArray(part.map((v) => v.hash))})
                   as s(id, candidate_id, choice, seq, hash)`,
        ),
      );
    sent.catch(() => undefined); // awaited below; this only keeps an early failure from being "unhandled"
    inserts.push(sent);
    await new Promise((resolve) => setImmediate(resolve));
  }
  await Promise.all(inserts);
  const ballotBoxHash = prev;
  const tallyRows = lines.map((l, i) => {
    const row = { roundId: round.id, seq: i + 1, candidateId: l.candidateId, members: l.members, present: l.present, eligiblePresent: l.eligiblePresent, yes: l.yes, no: l.no, abstain: l.abstain, result: l.result };
    const prevHash = prev;
    prev = chainHash(prevHash, canonicalTally(row));
    return { ...row, prevHash, hash: prev };
  });
  const closingHash = prev;
  const signed = await moveRound(tx, round, "closed", "signed", input.version, { signedAt: new Date(), signedBy: actor.id, ballotBoxHash, closingHash });
  await tx.delete(ballotStaging).where(eq(ballotStaging.roundId, round.id));
  if (tallyRows.length > 0) {
    await tx.execute(
      sql`insert into tallies (round_id, candidate_id, seq, members, present, eligible_present, yes, no, abstain, result, prev_hash, hash)
          select ${round.id}::uuid, candidate_id, seq, members, present, eligible_present, yes, no, abstain, result::tally_result, prev_hash, hash
          from unnest(${uuidArray(tallyRows.map((r) => r.candidateId))}, ${intArray(tallyRows.map((r) => r.seq))}, ${intArray(tallyRows.map((r) => r.members))}, ${intArray(tallyRows.map((r) => r.present))},
                      ${intArray(tallyRows.map((r) => r.eligiblePresent))}, ${intArray(tallyRows.map((r) => r.yes))}, ${intArray(tallyRows.map((r) => r.no))}, ${intArray(tallyRows.map((r) => r.abstain))},
                      ${textArray(tallyRows.map((r) => r.result))}, ${textArray(tallyRows.map((r) => r.prevHash))}, ${textArray(tallyRows.map((r) => r.hash))})
               as s(candidate_id, seq, members, present, eligible_present, yes, no, abstain, result, prev_hash, hash)`,
    );
  }
  if (lines.length > 0) {
    await tx.execute(
      sql`update round_candidates rc set result = s.result::tally_result
          from unnest(${uuidArray(lines.map((l) => l.candidateId))}, ${textArray(lines.map((l) => l.result))}) as s(id, result)
          where rc.id = s.id`,
    );
  }
  const by = (r: TallyResult) => lines.filter((l) => l.result === r).map((l) => l.declarationId);
  await moveDeclarations(tx, actor, by("passed"), "in_review", "passed", `评审通过：${round.name}`);
  await moveDeclarations(tx, actor, by("failed"), "in_review", "failed", `评审未通过：${round.name}`);
  await moveDeclarations(tx, actor, by("deferred"), "in_review", "accepted", `到会人数不足，暂缓至下次评审：${round.name}`);
  await revokeLeaderGrants(tx, actor.id, round.id);
  const counts = { passed: by("passed").length, failed: by("failed").length, deferred: by("deferred").length };
  await auditRound(tx, actor, "sign", signed.id, input.ip, { closingHash, ballotBoxHash, votes: order.length, ...counts });
  return { closingHash, ballotBoxHash, ...counts };
}
