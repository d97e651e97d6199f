import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterCertCounters } from "@/db/schema";
import { UserError } from "@/lib/errors";
import { CHECK_CHARS, CHECK_WEIGHTS, idCheckChar } from "@/lib/validation/id-number";
import type { TitleLevel } from "./constants";
import { titleCodeOf } from "./title-codes";

/** `52` = 贵州 (docs/domain.md §6). */
export const PROVINCE_PREFIX = "52";
export const MAX_SEQUENCE = 99_999;

/**
 * 18-character certificate number: 52 + year (4) + title code (3) + committee code (3) + sequence (5)
 * + check character computed like the ID number's (ISO 7064 MOD 11-2).
 */
export function buildCertNo(year: number, titleCode: string, committeeCode: string, seq: number): string {
  if (!/^\d{4}$/.test(String(year))) throw new Error(`bad year ${year}`);
  if (!/^\d{3}$/.test(titleCode) || !/^\d{3}$/.test(committeeCode)) throw new Error("bad title or committee code");
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQUENCE) throw new Error(`bad sequence ${seq}`);
  const first17 = PROVINCE_PREFIX + String(year) + titleCode + committeeCode + String(seq).padStart(5, "0");
  return first17 + idCheckChar(first17);
}

/**
 * The first 12 characters of a certificate number (52 + year + title code + committee code) and
 * their weighted digit sum for the check character: what a bulk insert needs to finish numbers on
 * the server (certNoSql) once the sequences are allocated.
 */
export function certNoPrefix(year: number, titleCode: string, committeeCode: string): { prefix: string; weightedSum: number } {
  const prefix = PROVINCE_PREFIX + String(year) + titleCode + committeeCode;
  if (!/^\d{12}$/.test(prefix)) throw new Error(`bad certificate number prefix ${prefix}`);
  let weightedSum = 0;
  for (let i = 0; i < 12; i++) weightedSum += Number(prefix[i]) * CHECK_WEIGHTS[i];
  return { prefix, weightedSum };
}

/**
 * SQL for the whole number from the prefix, its weighted sum and the sequence, given as COLUMN
 * references (each is used several times): the same digits and check character as buildCertNo
 * (tests/integration/roster-import.test.ts compares them), the sequence digits weighted on the server.
 */
export function certNoSql(prefix: SQL, weightedSum: SQL, seq: SQL): SQL {
  const digitTerms = sql.join(
    [10_000, 1_000, 100, 10, 1].map((div, i) => sql`((${seq} / ${sql.raw(String(div))}) % 10) * ${sql.raw(String(CHECK_WEIGHTS[12 + i]))}`),
    sql` + `,
  );
  return sql`(${prefix} || lpad(${seq}::text, 5, '0') || substr(${CHECK_CHARS}::text, ((${weightedSum} + ${digitTerms}) % 11)::int + 1, 1))`;
}

/** True when the number has the right shape and its check character matches. */
export function isValidCertNo(certNo: string): boolean {
  return /^52\d{15}[\dX]$/.test(certNo) && idCheckChar(certNo.slice(0, 17)) === certNo[17];
}

export function requireTitleCode(series: string, level: TitleLevel): string {
  const code = titleCodeOf(series, level);
  if (!code) throw new UserError("该系列没有所选级别", { level: "该系列没有所选级别" });
  return code;
}

/**
 * Hands out `count` consecutive sequence numbers for one committee and year, inside the caller's
 * transaction: the counter row stays locked until commit, so concurrent allocations queue up and a
 * rolled-back import gives its numbers back.
 */
export async function allocateCertSequences(tx: Db, committeeId: string, year: number, count: number): Promise<number> {
  if (count <= 0) return 0;
  const [row] = await tx
    .insert(rosterCertCounters)
    .values({ committeeId, year, lastSeq: count })
    .onConflictDoUpdate({
      target: [rosterCertCounters.committeeId, rosterCertCounters.year],
      set: { lastSeq: sql`${rosterCertCounters.lastSeq} + ${count}` },
    })
    .returning({ lastSeq: rosterCertCounters.lastSeq });
  if (row.lastSeq > MAX_SEQUENCE) {
    throw new UserError(`该评委会${year}年度的证书编号已用完（每年最多${MAX_SEQUENCE}个），请联系管理员`);
  }
  return row.lastSeq - count + 1;
}
