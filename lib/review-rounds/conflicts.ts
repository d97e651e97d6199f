/**
 * Conflicts (回避, docs/domain.md §17 "Conflicts"), computed on the server from the data: the candidate
 * themself, same unit (same 二级单位 in a self-review), the member's 回避声明 (ID number or unit), a member
 * with an open declaration to this committee, a member whose title level is below the candidate's target.
 * Suggestions wait for the 主任. `assertNotBlocked` guards every material, opinion and vote path.
 */
import type { Db } from "@/db/client";
import type { BlockCategory } from "@/db/schema/enums";
import type { RoundActor } from "./access";
import type { DecideConflict } from "./schemas";

/** Recompute the rule rows of a round (before the ballot opens) and add new suggestions. */
export async function refreshConflicts(tx: Db, roundId: string): Promise<{ blocking: number; suggested: number }> {
  void tx; void roundId;
  throw new Error("not implemented");
}

/** The categories blocking `userId` from `candidateId` (empty: not blocked). */
export async function blockingCategories(db: Db, roundId: string, userId: string, candidateId: string): Promise<BlockCategory[]> {
  void db; void roundId; void userId; void candidateId;
  throw new Error("not implemented");
}

/** ForbiddenError 「您须回避该申报人…」 when the member is blocked from the candidate. */
export async function assertNotBlocked(db: Db, roundId: string, memberUserId: string, candidateId: string): Promise<void> {
  void db; void roundId; void memberUserId; void candidateId;
  throw new Error("not implemented");
}

/** The ids of the round's candidates the member is blocked from. */
export async function blockedCandidateIds(db: Db, roundId: string, userId: string): Promise<Set<string>> {
  void db; void roundId; void userId;
  throw new Error("not implemented");
}

export async function decideConflict(tx: Db, actor: RoundActor, input: DecideConflict & { ip?: string | null }): Promise<void> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}
