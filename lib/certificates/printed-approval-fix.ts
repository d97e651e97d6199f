import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { executeRows } from "@/db/raw";
import { writeAudit } from "@/lib/audit";
import { personMessages } from "@/lib/notifications/notify";
import { moveRecords } from "@/lib/roster/move-record";
import { correctCertificate } from "./issue";
import { getCertificateSigningSecret } from "./token";

/**
 * Data fix for certificates issued before the confirmation stopped overwriting the printed fields: they
 * hold the 专技处's 确认文号/确认日期 (the batch's approval_no / issue_date) as their 批准文号/发证日期
 * instead of the roster's. It runs after the SQL migrations, wherever they run (db/client.ts, so both
 * `npm run db:migrate` and a server start that applies migrations), under the migration lock.
 *
 * Why a corrected version and not an in-place re-signing: a certificate is an immutable, signed
 * snapshot (docs/domain.md §7), and PDFs with the wrong values may already be printed or shared. A
 * SQL migration cannot re-sign at all (the secret lives in the environment), and re-signing in place
 * would make the QR code of an already-printed PDF show other values than the paper, which a verifier
 * must read as forgery. Issuing version n+1 exactly like a 更正 keeps every promise: the old version
 * stays on record and verifies as 已更正 with the values it printed, the new version carries the
 * roster's values with a fresh token and signature, the record gets a confirmed → confirmed event with
 * the reason, the holder a message, and the audit log one row for the whole fix.
 *
 * Which certificates: the current valid version of a chain in which EVERY version still holds the
 * confirming batch's number and date while the roster holds other values. A chain the 专技处 already
 * corrected by hand (any version with other values) is left alone, and a chain this fix corrected no
 * longer matches (its new version holds the roster's values), so running it again does nothing.
 * Revoked certificates are left as they are: a revoked certificate cannot be corrected (§7).
 */
export const PRINTED_APPROVAL_FIX_REASON = "系统更正：证书上的批准文号和发证日期应为名册所填，而非专技处的确认文号和确认日期";

type Affected = { id: string; cert_no: string; record_id: string; approval_no: string; issue_date: string };

async function findAffected(db: Db): Promise<Affected[]> {
  return executeRows<Affected>(db, sql`
    select c.id, c.cert_no, r.id as record_id, r.approval_no, r.issue_date::text as issue_date
    from certificates c
    join roster_records r on r.id = c.roster_record_id
    join roster_batch_items i on i.record_id = r.id and i.result = 'confirmed'
    join roster_batches b on b.id = i.batch_id
    where c.status = 'valid'
      and b.approval_no is not null
      and c.approval_no = b.approval_no and c.issue_date = b.issue_date
      and (r.approval_no <> c.approval_no or r.issue_date <> c.issue_date)
      and not exists (
        select 1 from certificates o
        where o.cert_no = c.cert_no and (o.approval_no <> b.approval_no or o.issue_date <> b.issue_date))
    order by c.cert_no`);
}

export type PrintedApprovalFixResult = { reissued: number; pending: number; skipped?: string };

/** Issues a corrected version of every affected certificate, in one transaction. Idempotent. */
export async function fixPrintedApprovalFields(db: Db): Promise<PrintedApprovalFixResult> {
  return db.transaction(async (tx) => {
    const affected = await findAffected(tx);
    if (affected.length === 0) return { reissued: 0, pending: 0 };
    try {
      getCertificateSigningSecret();
    } catch {
      return { reissued: 0, pending: affected.length, skipped: "CERT_SIGNING_SECRET（或 AUTH_SECRET）未设置，无法重新签名" };
    }
    const byVersion = new Map<number, string[]>();
    for (const a of affected) {
      const created = await correctCertificate(tx, a.id, { approvalNo: a.approval_no, issueDate: a.issue_date }, PRINTED_APPROVAL_FIX_REASON, null);
      byVersion.set(created.version, [...(byVersion.get(created.version) ?? []), a.record_id]);
    }
    for (const [version, recordIds] of byVersion) {
      await moveRecords(tx, {
        recordIds,
        from: ["confirmed"],
        to: "confirmed",
        actorId: null,
        reason: `证书更正为第${version}版：${PRINTED_APPROVAL_FIX_REASON}`,
        notify: { kind: "corrected", message: personMessages.corrected(version, PRINTED_APPROVAL_FIX_REASON) },
      });
    }
    await writeAudit(tx, {
      action: "certificate.fix_printed_approval",
      targetType: "certificate",
      outcome: "success",
      detail: { reissued: affected.length, certNos: affected.slice(0, 1000).map((a) => a.cert_no) },
    });
    return { reissued: affected.length, pending: 0 };
  });
}
