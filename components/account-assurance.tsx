import { Badge } from "@/components/ui/card";
import type { IdentityAssurance } from "@/db/schema/enums";
import { IDENTITY_ASSURANCE_LABELS } from "@/lib/accounts/assurance";

/**
 * The record holder's account as reviewers see it beside a photo: 自行注册 or 实名核验, and when it was
 * registered (docs/domain.md §11). A recent self-registered account deserves a closer look at the photo.
 */
export function AccountAssurance({ assurance, registeredAt }: { assurance: IdentityAssurance | null; registeredAt: string | null }) {
  if (!assurance) return <p className="text-slate-500">账号：未找到本人账号</p>;
  const { label, tone } = IDENTITY_ASSURANCE_LABELS[assurance];
  return (
    <p className="flex flex-wrap items-center gap-1" data-testid="account-assurance">
      账号：<Badge tone={tone}>{label}</Badge>
      <span className="text-slate-500">注册于 {registeredAt ?? "—"}</span>
    </p>
  );
}
