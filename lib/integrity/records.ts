import type { Db } from "@/db/client";
import { integrityRecords, type Certificate, type IntegrityRecord } from "@/db/schema";
import { assertCertDivision, type ProvinceActor } from "@/lib/orgs/cert-division";
import { todayInChina } from "@/lib/roster/dates";
import { resolveIntegrityRegionOrg } from "./region";
import { integrityBarUntil } from "./rules";

/**
 * Writes the 诚信档案 record of a certificate the 专技处 has just revoked for fraud, in the revocation's
 * transaction (the caller's guarded UPDATE made it revoked exactly once). `revokedOn` defaults to
 * today in China; the bar runs to `integrityBarUntil(revokedOn)`.
 */
export async function recordFraudRevocation(
  tx: Db,
  actor: ProvinceActor,
  cert: Pick<Certificate, "id" | "idType" | "idNumber" | "name">,
  input: { reason: string; documentNo: string; revokedOn?: string },
): Promise<IntegrityRecord> {
  assertCertDivision(actor);
  const revokedOn = input.revokedOn ?? todayInChina();
  const [row] = await tx
    .insert(integrityRecords)
    .values({
      idType: cert.idType,
      idNumber: cert.idNumber,
      name: cert.name,
      reason: input.reason,
      revokedAt: revokedOn,
      barUntil: integrityBarUntil(revokedOn),
      certificateId: cert.id,
      documentNo: input.documentNo,
      recordedByOrgId: actor.orgId,
      regionOrgId: await resolveIntegrityRegionOrg(tx, cert.idType, cert.idNumber),
      createdBy: actor.id,
    })
    .returning();
  return row;
}
