/**
 * Round management by the forming organisation (线上评审管理, docs/domain.md §17): create a round for a
 * term whose filing covers the meeting date, add accepted declarations as candidates, select the members,
 * cancel. Every write runs in the caller's transaction and ends with its audit row.
 */
import type { Db } from "@/db/client";
import type { ReviewRound } from "@/db/schema";
import type { RoundActor } from "./access";
import type { AddCandidates, CancelRound, CreateRound, RemoveCandidate, SelectMembers } from "./schemas";

type Ip = { ip?: string | null };

export async function createRound(tx: Db, actor: RoundActor, input: CreateRound & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export type AddCandidatesResult = { added: string[]; refused: { id: string; reason: string }[] };
export async function addCandidates(tx: Db, actor: RoundActor, input: AddCandidates & Ip): Promise<AddCandidatesResult> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function removeCandidate(tx: Db, actor: RoundActor, input: RemoveCandidate & Ip): Promise<void> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export type SelectMembersResult = { seated: number; notSeated: number };
export async function selectMembers(tx: Db, actor: RoundActor, input: SelectMembers & Ip): Promise<SelectMembersResult> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function cancelRound(tx: Db, actor: RoundActor, input: CancelRound & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}
