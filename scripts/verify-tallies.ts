/**
 * `npm run verify:tallies`: recompute the hash chains of every signed review round (ballot box, tallies,
 * closing hash; docs/domain.md §17) on DATABASE_URL, or on the PGlite directory (PGLITE_DIR, else
 * .data/pglite). Read-only. Prints "OK…" and exits 0, or the first broken link and exits 1.
 * `--round=<id>` checks one round.
 */
import path from "node:path";
import { openPglite, openPostgres } from "@/db/client";
import { describeChainReport, verifyRoundChains } from "@/lib/review-rounds/verify";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  const roundArg = process.argv.find((a) => a.startsWith("--round="));
  const handle = url
    ? await openPostgres(url, { migrate: false, max: 1 })
    : await openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"), { migrate: false });
  try {
    const report = await verifyRoundChains(handle.db, roundArg ? { roundId: roundArg.slice("--round=".length) } : {});
    console.log(describeChainReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error("统票哈希链校验失败：", err);
    process.exit(2);
  });
