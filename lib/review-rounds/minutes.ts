/**
 * Everything the 纪要 (minutes) PDF prints (docs/domain.md §17 "Minutes"): committee, term, date, members
 * present and absent, candidates with the panel opinions, counts, results and the closing hash. Only for a
 * signed round, for the forming organisation and the 主任. The PDF itself is rendered by the screens' code.
 */
import type { Db } from "@/db/client";
import type { TallyResult, TermPosition, TitleLevel } from "@/db/schema/enums";
import type { RoundActor } from "./access";

export type MinutesData = {
  round: { id: string; name: string; meetingDate: string; signedAt: Date; signedByName: string; closingHash: string; ballotBoxHash: string };
  committee: { name: string; code: string; series: string; formingOrgName: string };
  term: { startDate: string; endDate: string };
  members: { name: string; position: TermPosition; title: string | null; present: boolean }[];
  memberCount: number;
  presentCount: number;
  panels: { name: string; leaderName: string | null; memberNames: string[] }[];
  candidates: {
    position: number;
    personName: string;
    unitName: string | null;
    specialty: string;
    targetLevel: TitleLevel;
    panelName: string | null;
    opinions: { recommend: number; notRecommend: number };
    summary: { text: string; recommend: boolean } | null;
    eligiblePresent: number;
    yes: number;
    no: number;
    abstain: number;
    result: TallyResult;
    hash: string;
  }[];
  confirmations: { name: string; kind: "staff" | "scrutineer"; confirmedAt: Date }[];
};

export async function getMinutesData(db: Db, actor: RoundActor, roundId: string): Promise<MinutesData> {
  void db; void actor; void roundId;
  throw new Error("not implemented");
}
