import { sniffImageType } from "@/lib/photos/sniff";
import type { DisputeProofType } from "@/db/schema/enums";

/** What a proof file is, by its first bytes (never by its name or declared type); null = not accepted. */
export function sniffProofType(bytes: Uint8Array): DisputeProofType | null {
  if (bytes.length >= 5 && String.fromCharCode(...bytes.subarray(0, 5)) === "%PDF-") return "pdf";
  const t = sniffImageType(bytes);
  return t.kind === "image" && (t.format === "jpeg" || t.format === "png") ? t.format : null;
}

export const PROOF_TYPE_MESSAGE = "证明材料须为 PDF、JPG 或 PNG 文件（按文件内容识别），请重新选择";
export const PROOF_SIZE_MESSAGE = "证明材料不能超过10MB";
