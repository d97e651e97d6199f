/**
 * The hash chains of a signed round (docs/domain.md §17 "Immutability"): hash = sha256(prev_hash ||
 * canonical row), hex. The ballot box (ballot_votes, in shuffled order) starts from the round's genesis;
 * the tally rows continue from the ballot box's last hash; the round's closing hash is the last tally
 * hash. The verification (verify.ts, `npm run verify:tallies`) recomputes both with these functions.
 */
import { hash, randomBytes } from "node:crypto";
import type { BallotChoice, TallyResult } from "@/db/schema/enums";
import { RECEIPT_LENGTH } from "./constants";

/** One-shot sha256 (crypto.hash: a third of createHash's cost, which counts at 25,000 votes a signature). */
export function sha256Hex(text: string): string {
  return hash("sha256", text, "hex");
}

/** The chain's link: sha256(prev || canonical). */
export function chainHash(prevHash: string, canonical: string): string {
  return sha256Hex(prevHash + canonical);
}

/** The first prev_hash of a round's ballot box. */
export function genesisHash(roundId: string): string {
  return sha256Hex(`review-round|${roundId}`);
}

export type VoteRow = { roundId: string; seq: number; id: string; candidateId: string; choice: BallotChoice };
/** Fields joined by `|`: uuids, integers and enum values never contain it. */
export function canonicalVote(v: VoteRow): string {
  return `vote|${v.roundId}|${v.seq}|${v.id}|${v.candidateId}|${v.choice}`;
}

export type TallyRow = {
  roundId: string;
  seq: number;
  candidateId: string;
  members: number;
  present: number;
  eligiblePresent: number;
  yes: number;
  no: number;
  abstain: number;
  result: TallyResult;
};
export function canonicalTally(t: TallyRow): string {
  return `tally|${t.roundId}|${t.seq}|${t.candidateId}|${t.members}|${t.present}|${t.eligiblePresent}|${t.yes}|${t.no}|${t.abstain}|${t.result}`;
}

/** The receipt of a sheet: a prefix of the hash of a random nonce (never stored) and the sheet. */
export function sheetReceipt(roundId: string, sheet: readonly { candidateId: string; choice: BallotChoice }[]): string {
  const body = [...sheet].sort((a, b) => (a.candidateId < b.candidateId ? -1 : 1)).map((s) => `${s.candidateId}:${s.choice}`).join(",");
  return sha256Hex(`${randomBytes(16).toString("hex")}|${roundId}|${body}`).slice(0, RECEIPT_LENGTH);
}

/** Fisher–Yates with crypto randomness: the order ballot rows enter the signed box. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  const rnd = randomBytes(out.length * 4);
  for (let i = out.length - 1; i > 0; i--) {
    const j = rnd.readUInt32LE(i * 4) % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
