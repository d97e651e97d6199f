/**
 * `npm run audit:verify`: walk the audit log's hash chain (docs/domain.md §12) on DATABASE_URL, or on
 * the PGlite directory (PGLITE_DIR, else .data/pglite) like `npm run db:migrate`. Read-only: it applies
 * no migration. Prints "OK, N rows" and exits 0, or the first broken link and exits 1.
 */
import path from "node:path";
import { describeAuditChainReport, verifyAuditChain } from "@/lib/audit/chain";
import { openPglite, openPostgres } from "@/db/client";

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  const handle = url
    ? await openPostgres(url, { migrate: false, max: 1 })
    : await openPglite(process.env.PGLITE_DIR ?? path.join(process.cwd(), ".data", "pglite"), { migrate: false });
  try {
    const report = await verifyAuditChain(handle.db);
    console.log(describeAuditChainReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((err: unknown) => {
    console.error("审计链校验失败：", err);
    process.exit(2);
  });
