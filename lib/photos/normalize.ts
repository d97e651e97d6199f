/**
 * Server-side check and normalisation of a certificate photo (docs/domain.md §8), whatever the
 * browser sent. The browser tool is a convenience; this is the gate.
 *
 * Why each rule exists (thresholds and messages live in ./rules.ts, shared with the browser tool):
 * - Size ≤ 10 MB, checked on the buffer length first: nothing is parsed for an oversized upload.
 * - Real type by content (./sniff.ts): the name and MIME type are the client's claim. Only JPEG, PNG,
 *   WebP and HEIF reach sharp, which keeps libvips' SVG, PDF and TIFF loaders out of reach of
 *   uploads; a rejected file is named ("实际是 PDF 文档") so the user knows what went wrong.
 * - HEIC: the prebuilt sharp has libheif without an HEVC decoder (patents), so iPhone HEIC is not
 *   decodable here; AVIF (same container, AV1) is. We try and, on failure, tell the user to export JPEG.
 * - Pixel limit (60 MP) read from the header before decoding, and `limitInputPixels` on the decoder as
 *   a second line: a tiny PNG can declare 400 MP and exhaust memory and CPU (decompression bomb).
 * - Source ≥ 295×413 after EXIF orientation: upscaling makes a blurry printed photo.
 * - EXIF orientation applied: phones store portrait shots sideways plus an orientation tag. The photo
 *   is decoded as stored and the small decoded raster turned in JS (./orientation.ts).
 * - Transparency is rejected, not flattened (see PHOTO_MAX_TRANSPARENT_FRACTION): a transparent
 *   background means a cut-out, and flattening it onto white would pass the background rule by
 *   construction. An alpha channel that is (almost) unused is flattened onto white.
 * - Background near-white on a border sample (top and sides, not the bottom where the shoulders are),
 *   overall darkness, a head too small or off the guide oval, and a blown-out face (judged on the
 *   subject's pixels only, not the white background around the head): the certificate rules ask for
 *   a white-background, evenly lit portrait; each failure has its own message so the user knows what
 *   to reshoot or how to reframe, and a refusal lists only the rules that failed.
 * - Output: crop to 295:413 (the tool's output already has the aspect, so it is only resized; a
 *   whole photo is cropped around the person, found against the white background: ./framing.ts),
 *   JPEG 295×413 with quality stepped down until ≤ 60 KB (the PDF embeds it; committees download
 *   hundreds), pixels converted to sRGB from any embedded profile (Display P3, CMYK), and no
 *   metadata: EXIF may hold the GPS position and the camera's serial number.
 *
 * All content checks run on the one 295×413 raster that becomes the output: one decode per photo
 * (JPEG shrink-on-load keeps a 12 MP photo cheap), and what is checked is exactly what is stored.
 */
import { createHash } from "node:crypto";
import sharp, { type Metadata, type OutputInfo } from "sharp";
import {
  PHOTO_HEIGHT,
  PHOTO_MAX_INPUT_BYTES,
  PHOTO_MAX_INPUT_PIXELS,
  PHOTO_MAX_OUTPUT_BYTES,
  PHOTO_WIDTH,
  evaluatePhotoPixels,
  isPhotoSourceLargeEnough,
  photoError,
  type PhotoError,
} from "./rules";
import { chooseCropWindow, cropRaster } from "./framing";
import { orientRaster, swapsAxes } from "./orientation";
import { sniffImageType, sniffedLabel } from "./sniff";

export * from "./rules";

export type NormalizedPhoto = {
  ok: true;
  /** Baseline JPEG, sRGB, no EXIF/ICC/XMP. */
  jpeg: Buffer;
  /** Hex SHA-256 of `jpeg`: the content hash to store beside it (dedupe, integrity, cache key). */
  sha256: string;
  width: typeof PHOTO_WIDTH;
  height: typeof PHOTO_HEIGHT;
  bytes: number;
  /** JPEG quality that met the size cap (for diagnostics). */
  quality: number;
};
export type PhotoRejection = { ok: false; errors: PhotoError[] };

/**
 * JPEG qualities tried in order until the output fits PHOTO_MAX_OUTPUT_BYTES: the best that fits.
 * At 295×413 even q95 is 15–35 KB for a real portrait, so one encode is the rule; only very noisy
 * photos step down.
 */
const QUALITY_STEPS = [95, 90, 84, 78, 72, 65, 58, 50, 42] as const;

/**
 * Optimised Huffman tables save 3–5 % of a 15–35 KB photo at a second pass over the coefficients
 * (about a third of the encode time); the 60 KB cap is met without them.
 */
const OPTIMISE_HUFFMAN = false;

/**
 * The residual resize after shrink-on-load is small (about 0.8×, the decoder already averaged 8×8
 * blocks), where Catmull-Rom is as sharp as Lanczos-3 to the eye at 4 taps instead of 6.
 */
const RESIZE_KERNEL = "cubic";

const reject = (...errors: PhotoError[]): PhotoRejection => ({ ok: false, errors });

export async function normalizeIdPhoto(input: Buffer): Promise<NormalizedPhoto | PhotoRejection> {
  if (input.length === 0) return reject(photoError("empty_file"));
  if (input.length > PHOTO_MAX_INPUT_BYTES) return reject(photoError("file_too_large", input.length));

  const type = sniffImageType(input);
  if (type.kind === "other" || type.kind === "unknown") return reject(photoError("unsupported_type", sniffedLabel(type)));
  const isHeif = type.kind === "heif";
  const unreadable = () => reject(photoError(isHeif ? "heic_unsupported" : "decode_failed"));

  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return unreadable();
  }
  if (!meta.width || !meta.height) return unreadable();
  if (meta.width * meta.height > PHOTO_MAX_INPUT_PIXELS) return reject(photoError("too_many_pixels", meta.width, meta.height));

  const errors: PhotoError[] = [];
  const orientation = meta.orientation ?? 1;
  const swap = swapsAxes(orientation);
  const [srcW, srcH] = swap ? [meta.height, meta.width] : [meta.width, meta.height];
  const tooSmall = !isPhotoSourceLargeEnough(srcW, srcH);
  if (tooSmall) errors.push(photoError("too_small", srcW, srcH));

  // Decode once, as stored, straight to frame size: one side fits 295×413 (413×295 when the photo is
  // stored sideways), the other covers it (JPEG shrink-on-load makes this cheap); a too-small source
  // is stretched to the frame just for analysis. The small raster is then turned upright in JS.
  // failOn "error" rejects truncated files but tolerates the warnings some phone JPEGs raise.
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(input, { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: "error" })
      .resize(swap ? PHOTO_HEIGHT : PHOTO_WIDTH, swap ? PHOTO_WIDTH : PHOTO_HEIGHT, { fit: tooSmall ? "fill" : "outside", kernel: RESIZE_KERNEL })
      .toColourspace("srgb")
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch (err) {
    if (err instanceof Error && /pixel limit/i.test(err.message)) {
      return reject(photoError("too_many_pixels", meta.width, meta.height));
    }
    return unreadable();
  }
  const { info } = decoded;
  if (info.channels !== 3 && info.channels !== 4) return unreadable();
  const channels = info.channels;
  const full = orientRaster({ data: decoded.data, width: info.width, height: info.height, channels }, orientation);
  if (full.width < PHOTO_WIDTH || full.height < PHOTO_HEIGHT) return unreadable();
  const { left, top } = chooseCropWindow(full, PHOTO_WIDTH, PHOTO_HEIGHT);
  const data = cropRaster(full, left, top, PHOTO_WIDTH, PHOTO_HEIGHT);

  // A too-small source is still analysed so the user sees every problem at once.
  errors.push(...evaluatePhotoPixels({ data, width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels }).errors);
  if (errors.length) return reject(...errors);

  const encode = (quality: number) => {
    let img = sharp(data, { raw: { width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels } });
    if (channels === 4) img = img.flatten({ background: "#ffffff" });
    return img.jpeg({ quality, chromaSubsampling: "4:2:0", progressive: false, mozjpeg: false, optimiseCoding: OPTIMISE_HUFFMAN }).toBuffer();
  };

  let jpeg: Buffer | null = null;
  let quality = 0;
  for (const q of QUALITY_STEPS) {
    const out = await encode(q);
    if (out.length <= PHOTO_MAX_OUTPUT_BYTES) {
      jpeg = out;
      quality = q;
      break;
    }
  }
  if (!jpeg) return reject(photoError("output_too_large"));

  return {
    ok: true,
    jpeg,
    sha256: createHash("sha256").update(jpeg).digest("hex"),
    width: PHOTO_WIDTH,
    height: PHOTO_HEIGHT,
    bytes: jpeg.length,
    quality,
  };
}
