import { and, desc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { certificates, rosterBatches, rosterBatchItems } from "@/db/schema";

/**
 * The 专技处's confirmation behind a certificate: the batch that confirmed its record, with the 确认文号
 * and 确认日期 entered at confirmation (roster_batches.approval_no / issue_date). It belongs to the
 * certificate's history, not to its printed fields: the certificate's own 批准文号 and 发证日期 are the
 * roster's. Callers check access to the certificate first; null when no batch confirmed the record
 * (a certificate written outside the batch flow).
 */
export type CertificateConfirmation = {
  batchNo: string;
  confirmationNo: string | null;
  confirmationDate: string | null;
  confirmedAt: Date | null;
};

export async function getCertificateConfirmation(db: Db, certificateId: string): Promise<CertificateConfirmation | null> {
  const [row] = await db
    .select({
      batchNo: rosterBatches.batchNo,
      confirmationNo: rosterBatches.approvalNo,
      confirmationDate: rosterBatches.issueDate,
      confirmedAt: rosterBatches.confirmedAt,
    })
    .from(certificates)
    .innerJoin(rosterBatchItems, and(eq(rosterBatchItems.recordId, certificates.rosterRecordId), eq(rosterBatchItems.result, "confirmed")))
    .innerJoin(rosterBatches, eq(rosterBatches.id, rosterBatchItems.batchId))
    .where(eq(certificates.id, certificateId))
    .orderBy(desc(rosterBatches.confirmedAt))
    .limit(1);
  return row ?? null;
}
