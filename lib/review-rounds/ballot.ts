/**
 * Meeting and secret ballot (docs/domain.md §17 "Ballot"): attendance and check-in, quorum, one sheet per
 * voter (participation row + staging rows in one transaction), close. Counts stay hidden until close.
 */
import type { Db } from "@/db/client";
import type { ReviewRound } from "@/db/schema";
import type { RoundActor } from "./access";
import type { Attendance, CastSheet, CheckIn, RoundStep } from "./schemas";

type Ip = { ip?: string | null };

/** Re-authentication hook: the default checks the user's password hash (lib/auth/password.ts). */
export type VerifyPassword = (userId: string, password: string) => Promise<boolean>;

export async function recordAttendance(tx: Db, actor: RoundActor, input: Attendance & Ip): Promise<{ present: number; members: number }> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function checkIn(tx: Db, actor: RoundActor, input: CheckIn & Ip, opts: { verifyPassword?: VerifyPassword } = {}): Promise<void> {
  void tx; void actor; void input; void opts;
  throw new Error("not implemented");
}

export async function openBallot(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}

export async function castSheet(tx: Db, actor: RoundActor, input: CastSheet & Ip, opts: { verifyPassword?: VerifyPassword } = {}): Promise<{ receipt: string; votes: number }> {
  void tx; void actor; void input; void opts;
  throw new Error("not implemented");
}

export async function closeBallot(tx: Db, actor: RoundActor, input: RoundStep & Ip): Promise<ReviewRound> {
  void tx; void actor; void input;
  throw new Error("not implemented");
}
