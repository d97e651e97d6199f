/**
 * Panel review (docs/domain.md §17): the 专家纪律承诺书, materials access, opinions (others' visible only
 * after mine), the 组长's summary.
 */
import type { Db } from "@/db/client";
import type { Opinion, PanelSummary } from "@/db/schema";
import type { RoundActor } from "./access";
import type { OpinionInput, SignPledge, SummaryInput } from "./schemas";

type Ip = { ip?: string | null };

export async function signPledge(tx: Db, actor: RoundActor, input: SignPledge & Ip): Promise<void> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

/**
 * May the actor open this candidate's materials (pages, attachments, PDF)? Returns the declaration id;
 * throws NotFound / Forbidden (blocked, pledge not signed, not their panel) otherwise. Audited by the caller.
 */
export async function assertMaterialsAccess(db: Db, actor: RoundActor, roundId: string, candidateId: string): Promise<{ declarationId: string }> {
  void db; void actor; void roundId; void candidateId;
  throw new Error("not implemented");
}

/** The same check by declaration id (attachment and PDF routes): some round of the actor holds it and allows it. */
export async function assertExpertMayOpenDeclaration(db: Db, actor: RoundActor, declarationId: string): Promise<{ roundId: string; candidateId: string }> {
  void db; void actor; void declarationId;
  throw new Error("not implemented");
}

export async function submitOpinion(tx: Db, actor: RoundActor, input: OpinionInput & Ip): Promise<Opinion> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function writeSummary(tx: Db, actor: RoundActor, input: SummaryInput & Ip): Promise<PanelSummary> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export type OpinionView = { userId: string; name: string; mine: boolean; text: string; recommend: boolean; submittedAt: Date };
/** My opinion, and the panel's others only once mine is submitted; the 组长's summary likewise. */
export async function listOpinionsForExpert(
  db: Db,
  actor: RoundActor,
  roundId: string,
  candidateId: string,
): Promise<{ mine: OpinionView | null; others: OpinionView[] | null; summary: { text: string; recommend: boolean; writtenAt: Date } | null; isLeader: boolean }> {
  void db; void actor; void roundId; void candidateId;
  throw new Error("not implemented");
}
