import { renderToBuffer } from "@react-pdf/renderer";
import type { MinutesData } from "@/lib/review-rounds/minutes";
import { registerPdfFonts } from "./fonts";
import { MinutesDocument } from "./minutes-document";

/**
 * Render a signed round's 纪要 as an A4 landscape PDF with the certificate's CJK font (subset embedded).
 * Server-only; the caller has checked who asks (getMinutesData: the forming organisation and the 主任).
 */
export async function renderMinutesPdf(data: MinutesData): Promise<Buffer> {
  registerPdfFonts();
  const out = await renderToBuffer(MinutesDocument({ data }) as Parameters<typeof renderToBuffer>[0]);
  // Let React release the finished tree (lib/pdf/render-certificate.ts renderDocument).
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}
