/**
 * The 主任's console (docs/domain.md §17): 评议组 (≥ 3 members, one 组长), 分发材料 in bulk, distribution
 * (refused unless every candidate has ≥ 3 unblocked reviewers), start of the panel review.
 */
import type { Db } from "@/db/client";
import type { Panel, ReviewRound } from "@/db/schema";
import type { RoundActor } from "./access";
import type { AssignCandidates, FormPanel, RoundStep } from "./schemas";

type Ip = { ip?: string | null };

export async function formPanel(tx: Db, actor: RoundActor, input: FormPanel & Ip): Promise<Panel> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function assignCandidates(tx: Db, actor: RoundActor, input: AssignCandidates & Ip): Promise<{ assigned: number }> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

/** A candidate with fewer than MIN_REVIEWERS unblocked reviewers on its panel (or no panel). */
export type ShortCandidate = { candidateId: string; personName: string; reviewers: number };

export async function distribute(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function startPanelReview(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}
