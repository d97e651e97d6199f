import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows, uuidArray } from "@/db/raw";
import { TITLE_LEVELS, type DeclarationStatus, type TitleLevel } from "@/db/schema/enums";
import type { SessionUser } from "@/lib/auth/session-user";
import { ACCEPTED_OR_LATER, NOT_PASSED_STATUSES, PASSED_STATUSES, STATISTICS_STAGES } from "./constants";
import { resolveStatisticsScope, type RegionBucket, type StatisticsScope } from "./scope";
import type { StatisticsFilter } from "./schemas";

export type StageCount = { status: DeclarationStatus; count: number };
export type PassRateRow = { series: string; level: TitleLevel; decided: number; passed: number };
export type CertificateCount = { series: string; level: TitleLevel; count: number };
export type RegionRow = RegionBucket & { declarations: number; accepted: number; decided: number; passed: number; certificates: number };

export type Statistics = {
  filter: StatisticsFilter;
  scope: { name: string; breakdownLabel: string };
  totals: { declarations: number; accepted: number; decided: number; passed: number; certificates: number };
  byStage: StageCount[];
  /** Series × level with at least one outcome; empty: no review results yet. */
  passRates: PassRateRow[];
  certificatesByMonth: number[];
  certificatesBySeriesLevel: CertificateCount[];
  byRegion: RegionRow[];
};

const PASSED = new Set<string>(PASSED_STATUSES);
const NOT_PASSED = new Set<string>(NOT_PASSED_STATUSES);
const ACCEPTED = new Set<string>(ACCEPTED_OR_LATER);

/** The two aggregate statements of a scope and filter, over the counter tables (exported for the benchmark's EXPLAIN). */
export function statisticsStatements(scope: StatisticsScope, filter: StatisticsFilter): { declarations: SQL; certificates: SQL } {
  const declarationWhere: SQL[] = [sql`b.year = ${filter.year}`];
  if (scope.hrssIds) declarationWhere.push(sql`c.hrss_org_id = any(${uuidArray(scope.hrssIds)})`);
  if (filter.series) declarationWhere.push(sql`c.series = ${filter.series}`);
  if (filter.level) declarationWhere.push(sql`c.target_level = ${filter.level}`);

  const certificateWhere: SQL[] = [sql`month >= ${`${filter.year}-01-01`}::date`, sql`month < ${`${filter.year + 1}-01-01`}::date`];
  if (scope.hrssIds) certificateWhere.push(sql`committee_id = any(${uuidArray([...scope.bucketOfCommittee.keys()])})`);
  if (filter.series) certificateWhere.push(sql`series = ${filter.series}`);
  if (filter.level) certificateWhere.push(sql`level = ${filter.level}`);

  return {
    // Two groupings in one pass: by office and status (stages, regions, totals) and by series, level and
    // status (pass rates); a few thousand rows however many declarations the year holds.
    declarations: sql`select grouping(c.hrss_org_id) = 1 as by_series, c.hrss_org_id, c.series, c.target_level as level, c.status, sum(c.n)::int as n
        from declaration_counts c join declaration_batches b on b.id = c.batch_id
        where ${sql.join(declarationWhere, sql` and `)}
        group by grouping sets ((c.hrss_org_id, c.status), (c.series, c.target_level, c.status)) having sum(c.n) <> 0`,
    certificates: sql`select grouping(committee_id) = 1 as by_series, extract(month from month)::int as month, committee_id, series, level, sum(n)::int as n
        from certificate_counts where ${sql.join(certificateWhere, sql` and `)}
        group by grouping sets ((extract(month from month)::int, committee_id), (series, level)) having sum(n) <> 0`,
  };
}

/**
 * The statistics of the viewer's region for one year (docs/domain.md §19), from two aggregates over the
 * counter tables (db/schema/statistics.ts): submitted declarations of the year's 申报批次 by (人社部门, status,
 * series, level), and first-issue certificates of the year by (month, committee, series, level). Every
 * figure of the page is summed from those groups here.
 */
export async function getStatistics(db: Db, user: Pick<SessionUser, "role" | "orgId">, filter: StatisticsFilter): Promise<Statistics> {
  const scope = await resolveStatisticsScope(db, user);
  const statements = statisticsStatements(scope, filter);
  const [declarationGroups, certificateGroups] = await Promise.all([
    executeRows<{ by_series: boolean; hrss_org_id: string | null; series: string; level: TitleLevel; status: DeclarationStatus; n: number }>(db, statements.declarations),
    executeRows<{ by_series: boolean; month: number; committee_id: string; series: string; level: TitleLevel; n: number }>(db, statements.certificates),
  ]);

  const own = scope.buckets.find((b) => b.own)!.id;
  const regions = new Map<string, RegionRow>(scope.buckets.map((b) => [b.id, { ...b, declarations: 0, accepted: 0, decided: 0, passed: 0, certificates: 0 }]));
  const stages = new Map<DeclarationStatus, number>(STATISTICS_STAGES.map((s) => [s, 0]));
  const rates = new Map<string, PassRateRow>();
  const totals = { declarations: 0, accepted: 0, decided: 0, passed: 0, certificates: 0 };

  for (const g of declarationGroups) {
    const passed = PASSED.has(g.status) ? g.n : 0;
    const decided = passed + (NOT_PASSED.has(g.status) ? g.n : 0);
    if (g.by_series) {
      if (decided === 0) continue;
      const key = `${g.series}\u0000${g.level}`;
      const r = rates.get(key) ?? { series: g.series, level: g.level, decided: 0, passed: 0 };
      r.decided += decided;
      r.passed += passed;
      rates.set(key, r);
      continue;
    }
    stages.set(g.status, (stages.get(g.status) ?? 0) + g.n);
    const region = regions.get((g.hrss_org_id && scope.bucketOfHrss.get(g.hrss_org_id)) || own)!;
    for (const t of [totals, region]) {
      t.declarations += g.n;
      t.accepted += ACCEPTED.has(g.status) ? g.n : 0;
      t.decided += decided;
      t.passed += passed;
    }
  }

  const months = Array.from({ length: 12 }, () => 0);
  const bySeriesLevel: CertificateCount[] = [];
  for (const g of certificateGroups) {
    if (g.by_series) {
      bySeriesLevel.push({ series: g.series, level: g.level, count: g.n });
      continue;
    }
    months[g.month - 1] += g.n;
    totals.certificates += g.n;
    regions.get(scope.bucketOfCommittee.get(g.committee_id) ?? own)!.certificates += g.n;
  }

  const bySeriesThenLevel = <T extends { series: string; level: TitleLevel }>(a: T, b: T) =>
    a.series.localeCompare(b.series, "zh-CN") || TITLE_LEVELS.indexOf(a.level) - TITLE_LEVELS.indexOf(b.level);
  return {
    filter,
    scope: { name: scope.name, breakdownLabel: scope.breakdownLabel },
    totals,
    byStage: STATISTICS_STAGES.map((status) => ({ status, count: stages.get(status) ?? 0 })),
    passRates: [...rates.values()].sort(bySeriesThenLevel),
    certificatesByMonth: months,
    certificatesBySeriesLevel: bySeriesLevel.sort(bySeriesThenLevel),
    byRegion: scope.buckets.map((b) => regions.get(b.id)!),
  };
}
