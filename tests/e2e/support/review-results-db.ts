/**
 * The review-results spec's only database access: time travel, nothing else (a 结果公示 lasts at least 5
 * working days). Needs PostgreSQL: scripts/e2e-server.mjs writes the e2e database's URL to
 * tests/.artifacts/e2e-database-url.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { shiftDay, todayInShanghai } from "./working-days-oracle";

const urlFile = path.join(process.cwd(), "tests", ".artifacts", "e2e-database-url");

/**
 * The round's 结果公示 is moved back so that it ended the day before yesterday (its length kept), as if its
 * working days had passed; a 发文日期 of yesterday or today is then after its end. Answers the new dates.
 */
export async function backdateResultPublicity(roundId: string): Promise<{ postedOn: string; endsOn: string }> {
  const endsOn = shiftDay(todayInShanghai(), -2);
  const sql = postgres(readFileSync(urlFile, "utf8").trim(), { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ postedOn: string; endsOn: string }[]>`
      UPDATE round_result_publicities p
         SET posted_on = p.posted_on - (p.ends_on - ${endsOn}::date), ends_on = ${endsOn}::date
       WHERE p.round_id = ${roundId}
   RETURNING p.posted_on::text AS "postedOn", p.ends_on::text AS "endsOn"`;
    if (rows.length !== 1) throw new Error(`round ${roundId} has no 结果公示`);
    return rows[0];
  } finally {
    await sql.end();
  }
}
