/**
 * The quorum and pass arithmetic of a review round (EVALUATION §4.5, §4.7, §7 "Ballot and tally"),
 * integers only: a ⅔ test is `3 × a ≥ 2 × b`, never a division. Pure.
 *
 * - members: the seated members of the round (frozen at distribution);
 * - present: members present when the ballot opened (frozen then);
 * - eligiblePresent of a candidate: present minus those blocked from that candidate;
 * - 弃权 and eligible members who did not vote count as not 同意.
 */
import type { TallyResult } from "@/db/schema/enums";

function assertCount(name: string, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** Quorum: `3 × present ≥ 2 × members`; no ballot opens without it. */
export function hasQuorum(present: number, members: number): boolean {
  assertCount("present", present);
  assertCount("members", members);
  return members > 0 && 3 * present >= 2 * members;
}

/** The fewest present members that make a quorum: ⌈2 × members / 3⌉. */
export function quorumNeeded(members: number): number {
  assertCount("members", members);
  return Math.floor((2 * members + 2) / 3);
}

/** A candidate is decided only when `3 × eligiblePresent ≥ 2 × members`; otherwise deferred. */
export function isDecidable(eligiblePresent: number, members: number): boolean {
  assertCount("eligiblePresent", eligiblePresent);
  assertCount("members", members);
  return members > 0 && eligiblePresent > 0 && 3 * eligiblePresent >= 2 * members;
}

/** Pass: `3 × yes ≥ 2 × eligiblePresent`. */
export function passes(yes: number, eligiblePresent: number): boolean {
  assertCount("yes", yes);
  assertCount("eligiblePresent", eligiblePresent);
  if (yes > eligiblePresent) throw new RangeError(`yes (${yes}) exceeds eligiblePresent (${eligiblePresent})`);
  return eligiblePresent > 0 && 3 * yes >= 2 * eligiblePresent;
}

export type CandidateCount = { members: number; present: number; blocked: number; yes: number; no: number; abstain: number };
export type CandidateDecision = { eligiblePresent: number; result: TallyResult };

/** The result of one candidate: deferred without enough eligible members present, else passed or failed. */
export function decideCandidate(c: CandidateCount): CandidateDecision {
  for (const [k, v] of Object.entries(c)) assertCount(k, v);
  if (c.blocked > c.present) throw new RangeError(`blocked (${c.blocked}) exceeds present (${c.present})`);
  const eligiblePresent = c.present - c.blocked;
  if (c.yes + c.no + c.abstain > eligiblePresent) throw new RangeError("more votes than eligible members present");
  if (!isDecidable(eligiblePresent, c.members)) return { eligiblePresent, result: "deferred" };
  return { eligiblePresent, result: passes(c.yes, eligiblePresent) ? "passed" : "failed" };
}

/** The fewest 同意 that pass a candidate with this many eligible members present: ⌈2 × e / 3⌉. */
export function yesNeeded(eligiblePresent: number): number {
  assertCount("eligiblePresent", eligiblePresent);
  return Math.floor((2 * eligiblePresent + 2) / 3);
}
