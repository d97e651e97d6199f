import { ID_DISPUTE_STATUSES, type DisputeProofType, type IdDisputeStatus } from "@/db/schema/enums";

/** 证件号码被占用申诉 (docs/domain.md §11). */
export const DISPUTE_STATUS_LABELS: Record<IdDisputeStatus, string> = {
  pending: "待审核",
  upheld: "申诉成立",
  rejected: "申诉不成立",
};
export const DISPUTE_STATUSES = ID_DISPUTE_STATUSES;

/** Proof files: PDF, JPEG or PNG, recognised by content, at most 10 MB. */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;
export const PROOF_CONTENT_TYPES: Record<DisputeProofType, string> = { pdf: "application/pdf", jpeg: "image/jpeg", png: "image/png" };

/** Filings per client address and hour (besides the captcha). */
export const DISPUTE_FILINGS_PER_ADDRESS = 5;
export const DISPUTE_FILING_WINDOW_SEC = 60 * 60;
