"use server";

import { BACKFILL_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { correctCertificateWithRecord, revokeCertificateWithRecord } from "@/lib/certificates/changes";
import { correctCertificateSchema, revokeCertificateSchema } from "@/lib/certificates/schemas";

// Only hrss accounts reach the handlers; the domain call then requires the 专技处 (orgIsCertDivision),
// so a city HR user gets 「仅省人社厅专技处…」 and a denied audit row.

export const revokeCertificateAction = protectedAction({
  name: "certificate.revoke",
  roles: ["hrss"],
  schema: revokeCertificateSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const { certificate: c, integrity } = await revokeCertificateWithRecord(tx, user, input);
    return {
      data: { certNo: c.certNo, version: c.version, integrityRecordId: integrity?.id ?? null },
      audit: {
        targetType: "certificate",
        targetId: c.id,
        detail: {
          certNo: c.certNo,
          version: c.version,
          kind: input.kind,
          reason: input.reason,
          ...(integrity ? { documentNo: integrity.documentNo, integrityRecordId: integrity.id, revokedAt: integrity.revokedAt, barUntil: integrity.barUntil } : {}),
        },
      },
      message: integrity ? `证书 ${c.certNo} 已撤销，已记入诚信档案（限制申报至 ${integrity.barUntil}）` : `证书 ${c.certNo} 已撤销`,
    };
  },
});

export const correctCertificateAction = protectedAction({
  name: "certificate.correct",
  roles: ["hrss"],
  schema: correctCertificateSchema,
  revalidate: BACKFILL_AREAS,
  handler: async ({ input, user, tx }) => {
    const c = await correctCertificateWithRecord(tx, user, input);
    return {
      data: { id: c.id, certNo: c.certNo, version: c.version },
      audit: { targetType: "certificate", targetId: c.id, detail: { certNo: c.certNo, previous: input.certificateId, version: c.version, changes: input.changes, reason: input.reason } },
      message: `证书 ${c.certNo} 已更正，发放第${c.version}版`,
    };
  },
});
