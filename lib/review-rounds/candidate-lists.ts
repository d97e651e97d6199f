/**
 * The round's candidates for the forming organisation and the 主任 (docs/domain.md §17): paged (20) and
 * searchable (姓名 contains, or a full ID number); ID numbers leave masked. The picker of declarations to
 * add is queries.ts listAddableDeclarations.
 */
import { aliasedTable, and, asc, count, desc, eq, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { declarations, orgs, panels, roundCandidates, tallies } from "@/db/schema";
import { searchCondition } from "@/lib/declarations/queries";
import { maskIdNumber } from "@/lib/validation/id-number";
import { assertManager, type RoundActor } from "./access";

export const CANDIDATE_PAGE_SIZE = 20;

type PageOpts = { q?: string; page?: number };

/**
 * The round's candidates in ballot order, with their panel and (once signed) their result, for the forming
 * organisation and the 主任. No counts: those are the 统票's, after the close.
 */
export async function listRoundCandidatesForManager(db: Db, actor: RoundActor, roundId: string, opts: PageOpts = {}) {
  const round = await assertManager(db, actor, roundId);
  const page = Math.max(1, opts.page ?? 1);
  const where = and(eq(roundCandidates.roundId, round.id), searchCondition(opts.q)) as SQL;
  const unit = aliasedTable(orgs, "unit_org");
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: roundCandidates.id,
        declarationId: declarations.id,
        position: roundCandidates.position,
        personName: declarations.personName,
        idNumber: declarations.idNumber,
        unitName: unit.name,
        specialty: declarations.specialty,
        targetLevel: declarations.targetLevel,
        panelName: panels.name,
        result: tallies.result,
      })
      .from(roundCandidates)
      .innerJoin(declarations, eq(declarations.id, roundCandidates.declarationId))
      .leftJoin(unit, eq(unit.id, declarations.unitOrgId))
      .leftJoin(panels, eq(panels.id, roundCandidates.panelId))
      .leftJoin(tallies, and(eq(tallies.roundId, roundCandidates.roundId), eq(tallies.candidateId, roundCandidates.id)))
      .where(where)
      .orderBy(asc(roundCandidates.position), desc(roundCandidates.id))
      .limit(CANDIDATE_PAGE_SIZE)
      .offset((page - 1) * CANDIDATE_PAGE_SIZE),
    db.select({ total: count() }).from(roundCandidates).innerJoin(declarations, eq(declarations.id, roundCandidates.declarationId)).where(where),
  ]);
  return { round, rows: rows.map(({ idNumber, ...r }) => ({ ...r, idNumberMasked: maskIdNumber(idNumber) })), total, page, pageSize: CANDIDATE_PAGE_SIZE };
}
export type ManagerCandidateRow = Awaited<ReturnType<typeof listRoundCandidatesForManager>>["rows"][number];
