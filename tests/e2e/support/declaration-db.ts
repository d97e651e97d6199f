/**
 * The declaration specs' only database access. Every move a user makes goes through the browser; this file
 * stands in for waiting (a 公示 lasts 5 working days): time travel, nothing else.
 * Needs PostgreSQL: scripts/e2e-server.mjs writes the e2e database's URL to tests/.artifacts/e2e-database-url.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { shiftDay, todayInShanghai } from "./working-days-oracle";

const root = process.cwd();
const urlFile = path.join(root, "tests", ".artifacts", "e2e-database-url");

/** False when the e2e server runs on PGlite (one process only: the spec cannot open it). */
export const hasE2eDatabase = (): boolean => existsSync(urlFile);

async function withSql<T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(readFileSync(urlFile, "utf8").trim(), { max: 1, onnotice: () => {} });
  try {
    return await fn(sql);
  } finally {
    await sql.end();
  }
}

/**
 * Time travel: the open 公示 holding the declaration is moved back so that it ended yesterday (its length
 * kept), as if its working days had passed. Answers the new dates; the 公示 may then be finished in the UI.
 */
export async function backdatePublicity(declarationId: string): Promise<{ postedOn: string; endsOn: string }> {
  const endsOn = shiftDay(todayInShanghai(), -1);
  const rows = await withSql(
    (sql) => sql<{ postedOn: string; endsOn: string }[]>`
      UPDATE publicities p
         SET posted_on = p.posted_on - (p.ends_on - ${endsOn}::date), ends_on = ${endsOn}::date
        FROM publicity_items i
       WHERE i.publicity_id = p.id AND i.declaration_id = ${declarationId} AND i.current AND p.status = 'open'
   RETURNING p.posted_on::text AS "postedOn", p.ends_on::text AS "endsOn"`,
  );
  if (rows.length !== 1) throw new Error(`no open 公示 holds declaration ${declarationId}`);
  return rows[0];
}
