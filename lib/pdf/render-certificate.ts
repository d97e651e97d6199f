import { renderToBuffer } from "@react-pdf/renderer";
import QRCode from "qrcode";
import type { ReactElement } from "react";
import sharp from "sharp";
import type { CertificatePdfData } from "./certificate-data";
import { CertificateDocument } from "./certificate-document";
import { registerPdfFonts } from "./fonts";

export type { CertificatePdfData, CertificatePdfStatus } from "./certificate-data";

/** docs/domain.md §7: an e-certificate, photo included, is at most 100 KB. */
export const MAX_CERTIFICATE_PDF_BYTES = 100 * 1024;
/**
 * Fonts, drawing and text take ≈ 60–70 KB (more distinct characters, more glyphs). A photo up to
 * this size is embedded as is; larger ones (the photo rule allows ≈ 60 KB) are re-encoded for the PDF
 * only — the stored photo is untouched. It prints at 1寸 (25 × 35 mm), 300 dpi either way.
 */
const PHOTO_BUDGET_BYTES = 32 * 1024;

async function encodePhoto(photo: Buffer, maxBytes: number): Promise<Buffer> {
  let out = photo;
  for (const quality of [82, 70, 58, 45]) {
    out = await sharp(photo, { limitInputPixels: 4000 * 4000 })
      .resize(295, 413, { fit: "cover", withoutEnlargement: true })
      .flatten({ background: "#ffffff" })
      .jpeg({ quality, mozjpeg: true })
      .toBuffer();
    if (out.length <= maxBytes) break;
  }
  return out;
}

/** The PDF embeds JPEG as is: anything else is converted, anything large re-encoded. */
async function fitPhoto(photo: Buffer | null, maxBytes: number): Promise<Buffer | null> {
  if (!photo) return null;
  const isJpeg = photo[0] === 0xff && photo[1] === 0xd8 && photo[2] === 0xff;
  return isJpeg && photo.length <= maxBytes ? photo : encodePhoto(photo, maxBytes);
}

/**
 * Render one e-certificate as an A4 PDF with the CJK font subset embedded. Server-only; the caller
 * decides who may download it (holder, committee organisation, provincial office) and that 评审通过时间
 * is in 2020 or later (lib/certificates/eligibility.ts).
 */
export async function renderCertificatePdf(data: CertificatePdfData): Promise<Buffer> {
  if (!/^https?:\/\//.test(data.verifyUrl)) throw new Error("verifyUrl must be an absolute http(s) URL");
  registerPdfFonts();
  // Level M (15 % recovery) keeps a ~60-character URL at version 4: large modules when printed.
  const qr = QRCode.create(data.verifyUrl, { errorCorrectionLevel: "M" }).modules;
  let photoJpeg = await fitPhoto(data.photoJpeg, PHOTO_BUDGET_BYTES);
  let out = await renderDocument(CertificateDocument({ data: { ...data, photoJpeg }, qr }));
  // Unusually long names and units add glyphs; take the overshoot (plus a margin) from the photo.
  if (out.length > MAX_CERTIFICATE_PDF_BYTES && photoJpeg) {
    const target = Math.max(8 * 1024, photoJpeg.length - (out.length - MAX_CERTIFICATE_PDF_BYTES) - 2048);
    photoJpeg = await encodePhoto(photoJpeg, target);
    out = await renderDocument(CertificateDocument({ data: { ...data, photoJpeg }, qr }));
  }
  return out;
}

/**
 * React drops a finished root from its schedule list in a macrotask. Renders back to back that never
 * yield to the event loop (a batch job, the benchmark) would keep every document's element and fiber
 * tree (≈ 0.3 MB here) alive until then: 1,000 renders grew the heap by ≈ 300 MB. One setImmediate
 * per render lets React let go; measured in tests/bench/pdf.bench.ts.
 */
async function renderDocument(doc: ReactElement): Promise<Buffer> {
  const out = await renderToBuffer(doc as Parameters<typeof renderToBuffer>[0]);
  await new Promise((resolve) => setImmediate(resolve));
  return out;
}
