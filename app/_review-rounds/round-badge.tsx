import { Badge } from "@/components/ui/card";
import type { RoundState } from "@/db/schema/enums";
import { ROUND_STATE_LABELS } from "@/lib/review-rounds/constants";

export function RoundStateBadge({ state }: { state: RoundState }) {
  const s = ROUND_STATE_LABELS[state];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
