import { Badge } from "@/components/ui/card";
import { FILING_STATUS_LABELS, type FilingDisplayStatus } from "@/lib/filings/constants";

/**
 * A filing's state as every list and page shows it: a returned filing is a draft again, but with its
 * return reason it reads 「已退回」, so the filer knows why it is back (docs/domain.md §14).
 */
export function FilingStatusBadge({ display, returnReason }: { display: FilingDisplayStatus; returnReason?: string | null }) {
  const info = FILING_STATUS_LABELS[display];
  return <Badge tone={info.tone}>{display === "draft" && returnReason ? "已退回" : info.label}</Badge>;
}
