/**
 * `npm run jobs:declarations`: one run of the declarations' periodic jobs (lib/jobs/declaration-jobs.ts) on
 * DATABASE_URL, or on the PGlite directory (PGLITE_DIR, else .data/pglite) — for cron, or by hand. Applies no
 * migration. Prints what it did and exits 0; skipped (another node runs it now) is also 0; a failure exits 1.
 */
import path from "node:path";
import { openPglite, openPostgres } from "@/db/client";
import { runDeclarationJobs } from "@/lib/jobs/declaration-jobs";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  const handle = url
    ? await openPostgres(url, { migrate: false, max: 1 })
    : await openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"), { migrate: false });
  try {
    const r = await runDeclarationJobs(handle.db);
    console.log(r.ran ? `逾期未补正：${r.abandoned.length}份申报已终止（${r.today}）` : "另一进程正在运行申报定时任务，本次跳过");
    return 0;
  } finally {
    await handle.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error("申报定时任务失败：", err);
    process.exit(1);
  });
