/**
 * Whether a committee may receive a declaration (EVALUATION §3): an approved, unexpired 评审权备案 covering the
 * series, specialty and target level. Validity reuses lib/filings/can-hold.ts.
 */
import { and, eq, gte, lte } from "drizzle-orm";
import type { Db } from "@/db/client";
import { committeeFilings } from "@/db/schema";
import { TITLE_LEVELS, type TitleLevel } from "@/db/schema/enums";
import { canHoldReviewRound } from "@/lib/filings/can-hold";

export type CoverTarget = { series: string; specialty: string; level: TitleLevel };
type FilingScopeRow = { series: string; specialties: string; scope: "series" | "specialty"; levelFrom: TitleLevel; levelTo: TitleLevel };

/** A filing's 评审专业 text as a list (split on 、，,;；and spaces). */
export function filingSpecialties(text: string): string[] {
  return text
    .split(/[、，,;；\s]+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Pure: does this filing cover the target? 按系列 covers every specialty of the series; 按专业 the listed ones. */
export function filingCovers(f: FilingScopeRow, t: CoverTarget): boolean {
  if (f.series !== t.series) return false;
  const [a, b] = [TITLE_LEVELS.indexOf(f.levelFrom), TITLE_LEVELS.indexOf(f.levelTo)];
  const i = TITLE_LEVELS.indexOf(t.level);
  if (i < Math.min(a, b) || i > Math.max(a, b)) return false;
  return f.scope === "series" || filingSpecialties(f.specialties).includes(t.specialty.trim());
}

/** The reason a committee cannot receive this declaration today, or null when it can. */
export async function filingRefusal(db: Db, committeeId: string, target: CoverTarget, today: string): Promise<string | null> {
  if (!(await canHoldReviewRound(db, committeeId, today))) return "该评委会没有有效的评审权备案，暂不能申报";
  const rows = await db
    .select({ series: committeeFilings.series, specialties: committeeFilings.specialties, scope: committeeFilings.scope, levelFrom: committeeFilings.levelFrom, levelTo: committeeFilings.levelTo })
    .from(committeeFilings)
    .where(and(eq(committeeFilings.committeeId, committeeId), eq(committeeFilings.status, "approved"), lte(committeeFilings.validFrom, today), gte(committeeFilings.validTo, today)));
  return rows.some((f) => filingCovers(f, target)) ? null : "该评委会的评审权备案不包含所申报的系列、专业或级别";
}
