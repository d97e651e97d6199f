/**
 * Read side of the results: the 人社部门's queue of rounds waiting for its 确认 / 备案, and one round's results
 * (公示 window, candidates with masked ID numbers, objections, the confirmation) for the forming organisation
 * or the confirming 人社部门. Anybody else reads 「评审会议不存在」.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { declarations, reviewCertificates, roundCandidates, roundResultObjections, roundResultPublicities, roundResults } from "@/db/schema";
import { NotFoundError } from "@/lib/errors";
import { isCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { isFormingOrg, loadRound, type RoundActor } from "@/lib/review-rounds/access";
import { ROUND_NOT_FOUND } from "@/lib/review-rounds/constants";
import { escapeLike } from "@/lib/roster/record-search";
import { maskIdNumber } from "@/lib/validation/id-number";
import { confirmingAuthority } from "./results";

export const RESULTS_PAGE_SIZE = 20;

export type PendingResultRow = {
  roundId: string;
  roundName: string;
  committeeName: string;
  formingOrgName: string;
  formingOrgKind: string;
  meetingDate: string;
  postedOn: string;
  endsOn: string;
  version: number;
  candidates: number;
  openObjections: number;
};

/** Rounds in 结果公示 whose filing the actor's 人社部门 approved (or, with no examiner, formed itself), by 公示 end. */
export async function listPendingResults(db: Db, actor: RoundActor, opts: { page?: number; q?: string } = {}): Promise<{ rows: PendingResultRow[]; total: number }> {
  if (actor.role !== "hrss" || !actor.orgId) return { rows: [], total: 0 };
  const page = Math.max(1, opts.page ?? 1);
  const q = (opts.q ?? "").trim();
  const like = `%${escapeLike(q)}%`;
  const where = sql`r.state = 'publicity'
    and coalesce((select f.hrss_examiner_org_id from committee_filings f where f.term_id = r.term_id and f.committee_id = r.committee_id and f.status = 'approved'
                  order by f.approved_at desc nulls last limit 1), r.forming_org_id) = ${actor.orgId}::uuid
    ${q ? sql`and (r.name ilike ${like} or c.name ilike ${like} or o.name ilike ${like})` : sql``}`;
  const rows = await executeRows<{
    round_id: string;
    round_name: string;
    committee_name: string;
    forming_org_name: string;
    forming_org_kind: string;
    meeting_date: string;
    posted_on: string;
    ends_on: string;
    version: number;
    candidates: number;
    open_objections: number;
    total: number;
  }>(
    db,
    sql`select r.id as round_id, r.name as round_name, c.name as committee_name, o.name as forming_org_name, o.kind::text as forming_org_kind,
          r.meeting_date::text, p.posted_on::text, p.ends_on::text, r.version,
          (select count(*)::int from round_candidates rc join declarations d on d.id = rc.declaration_id where rc.round_id = r.id and d.status = 'result_publicity') as candidates,
          (select count(*)::int from round_result_objections x where x.round_id = r.id and x.status = 'open') as open_objections,
          count(*) over ()::int as total
        from review_rounds r
        join committees c on c.id = r.committee_id
        join orgs o on o.id = r.forming_org_id
        join round_result_publicities p on p.round_id = r.id
        where ${where}
        order by p.ends_on asc, r.id asc
        limit ${RESULTS_PAGE_SIZE} offset ${(page - 1) * RESULTS_PAGE_SIZE}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    rows: rows.map((r) => ({
      roundId: r.round_id,
      roundName: r.round_name,
      committeeName: r.committee_name,
      formingOrgName: r.forming_org_name,
      formingOrgKind: r.forming_org_kind,
      meetingDate: r.meeting_date,
      postedOn: r.posted_on,
      endsOn: r.ends_on,
      version: r.version,
      candidates: r.candidates,
      openObjections: r.open_objections,
    })),
  };
}

export type IssueQueueRow = {
  roundId: string;
  roundName: string;
  committeeName: string;
  formingOrgName: string;
  kind: string;
  authorityName: string;
  approvalNo: string;
  issueDate: string;
  confirmedAt: Date;
  confirmedCount: number;
  issuedAt: Date | null;
  certificateCount: number | null;
};

/**
 * The 专技处's 评审结果发证 queue: confirmed rounds waiting for their certificates (oldest confirmation first),
 * or those already issued (newest first). Empty for anybody but the 专技处.
 */
export async function listResultsToIssue(
  db: Db,
  actor: ProvinceActor,
  opts: { issued?: boolean; page?: number; q?: string } = {},
): Promise<{ rows: IssueQueueRow[]; total: number; waiting: number }> {
  if (!isCertDivision(actor)) return { rows: [], total: 0, waiting: 0 };
  const page = Math.max(1, opts.page ?? 1);
  const q = (opts.q ?? "").trim();
  const like = `%${escapeLike(q)}%`;
  const where = sql`${opts.issued ? sql`rr.issued_at is not null` : sql`rr.issued_at is null`}
    ${q ? sql`and (r.name ilike ${like} or c.name ilike ${like} or o.name ilike ${like} or rr.approval_no ilike ${like})` : sql``}`;
  const rows = await executeRows<{
    round_id: string;
    round_name: string;
    committee_name: string;
    forming_org_name: string;
    kind: string;
    authority_name: string;
    approval_no: string;
    issue_date: string;
    confirmed_at: Date;
    confirmed_count: number;
    issued_at: Date | null;
    certificate_count: number | null;
    total: number;
  }>(
    db,
    sql`select r.id as round_id, r.name as round_name, c.name as committee_name, o.name as forming_org_name, rr.kind::text as kind,
          a.name as authority_name, rr.approval_no, rr.issue_date::text, rr.confirmed_at, rr.confirmed_count, rr.issued_at, rr.certificate_count,
          count(*) over ()::int as total
        from round_results rr
        join review_rounds r on r.id = rr.round_id
        join committees c on c.id = r.committee_id
        join orgs o on o.id = r.forming_org_id
        join orgs a on a.id = rr.authority_org_id
        where ${where}
        order by ${opts.issued ? sql`rr.issued_at desc` : sql`rr.confirmed_at asc`}, rr.round_id asc
        limit ${RESULTS_PAGE_SIZE} offset ${(page - 1) * RESULTS_PAGE_SIZE}`,
  );
  return {
    total: rows[0]?.total ?? 0,
    waiting: await countResultsToIssue(db),
    rows: rows.map((r) => ({
      roundId: r.round_id,
      roundName: r.round_name,
      committeeName: r.committee_name,
      formingOrgName: r.forming_org_name,
      kind: r.kind,
      authorityName: r.authority_name,
      approvalNo: r.approval_no,
      issueDate: r.issue_date,
      confirmedAt: new Date(r.confirmed_at),
      confirmedCount: r.confirmed_count,
      issuedAt: r.issued_at ? new Date(r.issued_at) : null,
      certificateCount: r.certificate_count,
    })),
  };
}

/** Confirmed rounds whose certificates the 专技处 has not issued yet (the partial index round_results_to_issue_idx). */
export async function countResultsToIssue(db: Db): Promise<number> {
  const [w] = await executeRows<{ n: number }>(db, sql`select count(*)::int as n from round_results where issued_at is null`);
  return w?.n ?? 0;
}

/** One round's results for the forming organisation, the confirming 人社部门 or (once confirmed) the 专技处. */
export async function getRoundResults(db: Db, actor: RoundActor & ProvinceActor, roundId: string) {
  const round = await loadRound(db, roundId);
  const authority = await confirmingAuthority(db, round);
  const asForming = isFormingOrg(actor, round);
  const asAuthority = actor.role === "hrss" && actor.orgId === authority.authorityOrgId;
  // The 专技处 sees every round once its results are confirmed: it issues their certificates.
  const asIssuer = isCertDivision(actor) && (round.state === "confirmed");
  if (!asForming && !asAuthority && !asIssuer) throw new NotFoundError(ROUND_NOT_FOUND);
  const [publicity] = await db.select().from(roundResultPublicities).where(eq(roundResultPublicities.roundId, round.id));
  const candidates = await db
    .select({
      declarationId: declarations.id,
      name: declarations.personName,
      idNumber: declarations.idNumber,
      series: declarations.series,
      specialty: declarations.specialty,
      level: declarations.targetLevel,
      status: declarations.status,
      finalReason: declarations.finalReason,
      certNo: reviewCertificates.certNo,
    })
    .from(roundCandidates)
    .innerJoin(declarations, eq(declarations.id, roundCandidates.declarationId))
    .leftJoin(reviewCertificates, eq(reviewCertificates.declarationId, declarations.id))
    .where(and(eq(roundCandidates.roundId, round.id), sql`${declarations.status} in ('passed', 'result_publicity', 'withheld', 'confirmed')`))
    .orderBy(asc(roundCandidates.position));
  const objections = await db.select().from(roundResultObjections).where(eq(roundResultObjections.roundId, round.id)).orderBy(asc(roundResultObjections.recordedAt));
  const [result] = await db.select().from(roundResults).where(eq(roundResults.roundId, round.id));
  return {
    round: { id: round.id, name: round.name, state: round.state, version: round.version, meetingDate: round.meetingDate, closingHash: round.closingHash },
    kind: authority.kind,
    viewer: asForming ? ("forming" as const) : asAuthority ? ("authority" as const) : ("issuer" as const),
    /** The viewer's organisation confirms the results (also when it formed the committee, e.g. the 省人社厅's 001). */
    mayConfirm: asAuthority,
    /** The viewer is the 专技处 and the confirmed results wait for its 发证. */
    mayIssue: asIssuer && !!result && !result.issuedAt,
    publicity: publicity ? { postedOn: publicity.postedOn, endsOn: publicity.endsOn, calendarKnown: publicity.calendarKnown } : null,
    candidates: candidates.map(({ idNumber, ...c }) => ({ ...c, idNumberMasked: maskIdNumber(idNumber) })),
    objections: objections.map((o) => ({ id: o.id, declarationId: o.declarationId, content: o.content, status: o.status, resolution: o.resolution, recordedAt: o.recordedAt })),
    result: result
      ? {
          approvalNo: result.approvalNo,
          issueDate: result.issueDate,
          confirmedCount: result.confirmedCount,
          withheldCount: result.withheldCount,
          confirmedAt: result.confirmedAt,
          issuedAt: result.issuedAt,
          certificateCount: result.certificateCount,
        }
      : null,
  };
}

/** Provenance of a certificate issued from a review (for the verification page), or null for a back-fill one. */
export async function certificateProvenance(db: Db, certNo: string) {
  const [row] = await db.select().from(reviewCertificates).where(eq(reviewCertificates.certNo, certNo));
  return row ? { roundId: row.roundId, filingId: row.filingId, closingHash: row.closingHash, publicityFrom: row.publicityFrom, publicityTo: row.publicityTo } : null;
}
