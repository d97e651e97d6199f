/** 账号核验方式 (docs/domain.md §11 "Single sign-on"): how far the account's identity is vouched for. */
import type { IdentityAssurance } from "@/db/schema/enums";
import type { Tone } from "@/lib/tone";

export const IDENTITY_ASSURANCE_LABELS: Record<IdentityAssurance, { label: string; tone: Tone }> = {
  self_registered: { label: "自行注册", tone: "amber" },
  verified: { label: "实名核验", tone: "green" },
};
