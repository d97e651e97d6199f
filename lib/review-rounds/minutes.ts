/**
 * Everything the 纪要 (minutes) PDF prints (docs/domain.md §17 "Minutes"): committee, term, date, members
 * present and absent, panels, candidates with the panel opinions and summary, counts, results and the
 * hashes. Only for a signed round, for the forming organisation and the 主任. The PDF is rendered by the
 * screens' code.
 */
import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { committees, committeeTerms, orgs, users } from "@/db/schema";
import type { TallyConfirmerKind, TallyResult, TermPosition, TitleLevel } from "@/db/schema/enums";
import { NotFoundError, UserError } from "@/lib/errors";
import { isChair, isFormingOrg, loadRound, type RoundActor } from "./access";
import { ROUND_NOT_FOUND } from "./constants";

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
  confirmations: { name: string; kind: TallyConfirmerKind; confirmedAt: Date }[];
};

const SIGNED = ["signed", "publicity", "confirmed"];

export async function getMinutesData(db: Db, actor: RoundActor, roundId: string): Promise<MinutesData> {
  const r = await loadRound(db, roundId);
  if (!isFormingOrg(actor, r) && !isChair(actor, r)) throw new NotFoundError(ROUND_NOT_FOUND);
  if (!SIGNED.includes(r.state) || !r.signedAt || !r.closingHash || !r.ballotBoxHash || !r.signedBy) throw new UserError("统票签署后方可下载会议纪要");
  const [c] = await db
    .select({ name: committees.name, code: committees.code, series: committees.series, formingOrgName: orgs.name })
    .from(committees)
    .innerJoin(orgs, eq(orgs.id, committees.formingOrgId))
    .where(eq(committees.id, r.committeeId));
  const [t] = await db.select({ startDate: committeeTerms.startDate, endDate: committeeTerms.endDate }).from(committeeTerms).where(eq(committeeTerms.id, r.termId));
  const [signer] = await db.select({ name: users.name }).from(users).where(eq(users.id, r.signedBy));
  const members = await executeRows<{ name: string; position: TermPosition; title: string | null; present: boolean | null }>(
    db,
    sql`select u.name, rm.position, pm.title, rm.present_at_ballot as present
        from round_members rm join users u on u.id = rm.user_id
        join committee_term_members tm on tm.id = rm.term_member_id join expert_pool_members pm on pm.id = tm.pool_member_id
        where rm.round_id = ${r.id}::uuid and rm.seated order by rm.position, u.name`,
  );
  const panelRows = await executeRows<{ name: string; member_name: string; is_leader: boolean }>(
    db,
    sql`select p.name, u.name as member_name, pm.is_leader from panels p join panel_members pm on pm.panel_id = p.id join users u on u.id = pm.user_id
        where p.round_id = ${r.id}::uuid order by p.created_at, p.name, pm.is_leader desc, u.name`,
  );
  const panels = new Map<string, { name: string; leaderName: string | null; memberNames: string[] }>();
  for (const p of panelRows) {
    const e = panels.get(p.name) ?? { name: p.name, leaderName: null, memberNames: [] };
    e.memberNames.push(p.member_name);
    if (p.is_leader) e.leaderName = p.member_name;
    panels.set(p.name, e);
  }
  const cands = await executeRows<{
    position: number;
    person_name: string;
    unit_name: string | null;
    specialty: string;
    target_level: TitleLevel;
    panel_name: string | null;
    rec: number;
    not_rec: number;
    summary_text: string | null;
    summary_rec: boolean | null;
    eligible_present: number;
    yes: number;
    no: number;
    abstain: number;
    result: TallyResult;
    hash: string;
  }>(
    db,
    sql`select rc.position, d.person_name, o.name as unit_name, d.specialty, d.target_level, p.name as panel_name,
               (select count(*)::int from opinions op where op.candidate_id = rc.id and op.recommend) as rec,
               (select count(*)::int from opinions op where op.candidate_id = rc.id and not op.recommend) as not_rec,
               s.text as summary_text, s.recommend as summary_rec,
               t.eligible_present, t.yes, t.no, t.abstain, t.result, t.hash
        from tallies t join round_candidates rc on rc.id = t.candidate_id join declarations d on d.id = rc.declaration_id
        left join orgs o on o.id = d.unit_org_id left join panels p on p.id = rc.panel_id left join panel_summaries s on s.candidate_id = rc.id
        where t.round_id = ${r.id}::uuid order by t.seq`,
  );
  const confirmations = await executeRows<{ name: string; kind: TallyConfirmerKind; confirmed_at: Date }>(
    db,
    sql`select u.name, tc.kind, tc.confirmed_at from tally_confirmations tc join users u on u.id = tc.user_id where tc.round_id = ${r.id}::uuid order by tc.confirmed_at`,
  );
  return {
    round: { id: r.id, name: r.name, meetingDate: r.meetingDate, signedAt: r.signedAt, signedByName: signer?.name ?? "", closingHash: r.closingHash, ballotBoxHash: r.ballotBoxHash },
    committee: c,
    term: t,
    members: members.map((m) => ({ name: m.name, position: m.position, title: m.title, present: !!m.present })),
    memberCount: r.memberCount ?? members.length,
    presentCount: members.filter((m) => m.present).length,
    panels: [...panels.values()],
    candidates: cands.map((x) => ({
      position: Number(x.position),
      personName: x.person_name,
      unitName: x.unit_name,
      specialty: x.specialty,
      targetLevel: x.target_level,
      panelName: x.panel_name,
      opinions: { recommend: Number(x.rec), notRecommend: Number(x.not_rec) },
      summary: x.summary_text === null ? null : { text: x.summary_text, recommend: !!x.summary_rec },
      eligiblePresent: Number(x.eligible_present),
      yes: Number(x.yes),
      no: Number(x.no),
      abstain: Number(x.abstain),
      result: x.result,
      hash: x.hash,
    })),
    confirmations: confirmations.map((x) => ({ name: x.name, kind: x.kind, confirmedAt: new Date(x.confirmed_at) })),
  };
}
