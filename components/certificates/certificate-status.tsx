import { Badge } from "@/components/ui/card";
import { CERTIFICATE_STATUS_INFO, type CertificateStatus } from "@/lib/query/views";

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  const info = CERTIFICATE_STATUS_INFO[status];
  return (
    <span data-testid="certificate-status">
      <Badge tone={info.tone}>{info.label}</Badge>
    </span>
  );
}
