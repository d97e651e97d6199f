/**
 * What a file really is, from its first bytes (magic numbers), whatever its name or declared MIME
 * type says. Pure and browser-safe: the server gates sharp with it (only JPEG/PNG/WebP/HEIF reach the
 * decoder, never SVG, PDF or TIFF), and the photo tool names the type when the browser cannot decode.
 */

export type SniffedType =
  | { kind: "image"; format: "jpeg" | "png" | "webp" }
  | { kind: "heif"; format: "heic" | "avif" }
  | { kind: "other"; label: string }
  | { kind: "unknown" };

const ascii = (bytes: Uint8Array, start: number, length: number) =>
  String.fromCharCode(...bytes.subarray(start, start + length));
const startsWith = (bytes: Uint8Array, sig: number[], offset = 0) => sig.every((b, i) => bytes[offset + i] === b);

const HEIC_BRANDS = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs", "mif1", "msf1", "mif2"]);
const AVIF_BRANDS = new Set(["avif", "avis"]);

export function sniffImageType(bytes: Uint8Array): SniffedType {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "image", format: "jpeg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "png" };
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 4) === "WEBP") return { kind: "image", format: "webp" };
  if (ascii(bytes, 4, 4) === "ftyp") {
    // ISO-BMFF: the major brand, then compatible brands, up to the box size.
    const boxSize = Math.min(bytes.length, ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0, 64);
    const brands = [ascii(bytes, 8, 4)];
    for (let off = 16; off + 4 <= boxSize; off += 4) brands.push(ascii(bytes, off, 4));
    if (brands.some((b) => AVIF_BRANDS.has(b))) return { kind: "heif", format: "avif" };
    if (brands.some((b) => HEIC_BRANDS.has(b))) return { kind: "heif", format: "heic" };
    if (brands.some((b) => b.startsWith("qt"))) return { kind: "other", label: "QuickTime 视频" };
    return { kind: "other", label: "MP4 等视频文件" };
  }
  if (ascii(bytes, 0, 4) === "%PDF") return { kind: "other", label: "PDF 文档" };
  if (ascii(bytes, 0, 4) === "GIF8") return { kind: "other", label: "GIF 动图" };
  if (ascii(bytes, 0, 2) === "BM") return { kind: "other", label: "BMP 位图" };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: "other", label: "TIFF 图像（或相机 RAW 文件）" };
  }
  if (ascii(bytes, 0, 4) === "8BPS") return { kind: "other", label: "Photoshop（PSD）文档" };
  if (startsWith(bytes, [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return { kind: "other", label: "JPEG 2000 图像" };
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) {
    return { kind: "other", label: "JPEG XL 图像" };
  }
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00])) return { kind: "other", label: "ICO 图标" };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { kind: "other", label: "ZIP 压缩包或 Office 文档（如 Word、Excel）" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return { kind: "other", label: "旧版 Office 文档（如 .doc、.xls）" };
  if (ascii(bytes, 0, 4) === "Rar!") return { kind: "other", label: "RAR 压缩包" };
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return { kind: "other", label: "7z 压缩包" };
  if (ascii(bytes, 0, 4) === "RIFF") return { kind: "other", label: "音频或视频文件" };

  const head = new TextDecoder("utf-8", { fatal: false }).decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, "").trimStart().toLowerCase();
  if (head.startsWith("<svg") || (head.startsWith("<?xml") && head.includes("<svg"))) return { kind: "other", label: "SVG 矢量图" };
  if (head.startsWith("<!doctype html") || head.startsWith("<html")) return { kind: "other", label: "网页（HTML）文件" };
  const sample = bytes.subarray(0, 512);
  if (sample.length > 0 && !sample.includes(0) && !head.includes("\uFFFD")) return { kind: "other", label: "文本文件" };
  return { kind: "unknown" };
}

/** The Chinese label of a sniffed type that is not accepted, for the `unsupported_type` message. */
export function sniffedLabel(type: SniffedType): string | null {
  return type.kind === "other" ? type.label : null;
}
