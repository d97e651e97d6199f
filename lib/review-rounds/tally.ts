/**
 * 统票, confirmation and signature (docs/domain.md §17 "Tally"). The counts are read from the closed
 * ballot box; signing copies it in shuffled order into ballot_votes, deletes the staging rows, writes the
 * chained tally rows and moves the round to `signed` — all in one transaction.
 */
import type { Db } from "@/db/client";
import type { TallyConfirmerKind, TallyResult } from "@/db/schema/enums";
import type { RoundActor } from "./access";
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
  members: number;
  present: number;
  voters: number;
  lines: TallyLine[];
  /** sha256 of the counts: what the confirmations name. */
  digest: string;
  confirmations: { userId: string; name: string; kind: TallyConfirmerKind; current: boolean; confirmedAt: Date }[];
};

/** The counts of a closed (or signed) round; hidden before the ballot closes. */
export async function computeTally(db: Db, actor: RoundActor, roundId: string): Promise<TallyPreview> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}

export async function confirmTally(tx: Db, actor: RoundActor, input: ConfirmTally & Ip): Promise<{ kind: TallyConfirmerKind }> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function signTally(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<{ closingHash: string; ballotBoxHash: string; passed: number; failed: number; deferred: number }> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}
