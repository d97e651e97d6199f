import type { Db } from "./client";

/**
 * Data fixes that need the application (e.g. the certificate signing secret), run after the SQL
 * migrations by db/client.ts — so by `npm run db:migrate` and by any start that applies migrations —
 * under the same migration lock. Each fix is idempotent: it finds its own work and does nothing when
 * there is none, so no bookkeeping table is needed. Imported lazily so db/ does not load lib/ for
 * callers that skip migrations.
 */
export async function runDataFixes(db: Db): Promise<void> {
  const { movePhotoFreeRecordsToReady } = await import("../lib/roster/photo-rule-fix");
  const ready = await movePhotoFreeRecordsToReady(db);
  if (ready > 0) console.info(`数据修复：${ready}条2020年度之前的记录无需照片，已转为待提交。`);
  const { fixPrintedApprovalFields } = await import("../lib/certificates/printed-approval-fix");
  const r = await fixPrintedApprovalFields(db);
  if (r.reissued > 0) console.info(`数据修复：${r.reissued}张证书的批准文号和发证日期已按名册更正（发放新版本，原版本标记为已更正）。`);
  if (r.skipped) console.warn(`数据修复未执行：${r.pending}张证书的批准文号和发证日期有误，但${r.skipped}。设置密钥后重新运行 npm run db:migrate。`);
}
