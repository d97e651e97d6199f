/**
 * Certificate photo rules (docs/domain.md §8) shared by the server check (lib/photos/normalize.ts, sharp) and
 * the browser photo tool (components/photo-tool, canvas). No Node or sharp imports here: a client
 * component imports this file. Both sides run the same `evaluatePhotoPixels` on a 295×413 raster, so
 * the tool's live checks predict the server's verdict; the server stays authoritative.
 */

/** Output spec: 1寸 portrait, 295×413 px (25×35 mm at 300 dpi). */
export const PHOTO_WIDTH = 295;
export const PHOTO_HEIGHT = 413;
/** Largest stored JPEG (the printed PDF embeds it; the committee downloads hundreds at once). */
export const PHOTO_MAX_OUTPUT_BYTES = 60 * 1024;

/** Upload cap, checked on the buffer length before anything is parsed (a phone JPEG is 2–6 MB). */
export const PHOTO_MAX_INPUT_BYTES = 10 * 1024 * 1024;
/**
 * Decompression-bomb guard, checked on the header before decoding: a 20000×20000 PNG is < 100 KB on
 * disk but 1.2 GB of pixels. 60 MP admits every common camera and 50 MP phone mode (8160×6120).
 */
export const PHOTO_MAX_INPUT_PIXELS = 60_000_000;

/** Alpha below this counts as a transparent pixel (anti-aliased edges of an opaque PNG stay above). */
export const PHOTO_ALPHA_OPAQUE_MIN = 250;
/**
 * Share of transparent pixels above which the photo is rejected: transparency in a portrait means a
 * cut-out (background removed by an app); we reject rather than flatten so such edits do not pass
 * the white-background rule by construction. Fewer (stray edge pixels) are flattened onto white.
 */
export const PHOTO_MAX_TRANSPARENT_FRACTION = 0.001;

/**
 * Background sample, as fractions of the 295×413 frame: a strip along the top and two strips along
 * the sides down to `sideBottom`. The bottom is skipped (shoulders and clothes fill it); the face
 * guide (`PHOTO_FACE_GUIDE`) keeps the head clear of these strips.
 */
export const PHOTO_BACKGROUND_SAMPLE = { top: 0.06, side: 0.1, sideBottom: 0.55 } as const;
/** Mean brightness (luma 0–255, Rec. 601) the background sample must reach: white or light grey. */
export const PHOTO_BG_MIN_MEAN_LUMA = 200;
/**
 * Mean colour spread (max(R,G,B) − min(R,G,B), per pixel) the background sample may have: a white
 * wall under normal white balance stays below ~20; 证件照 blue (67,142,219) is ~150, light blue ~55.
 */
export const PHOTO_BG_MAX_MEAN_CHROMA = 30;

/** Mean luma of the whole frame below which the photo is too dark (a white background lifts a good photo to ≥ 140). */
export const PHOTO_MIN_MEAN_LUMA = 90;
/**
 * Face region (fractions of the frame) inside the guide oval, where framing and overexposure are
 * measured. Only its subject pixels count (see `evaluatePhotoPixels`): the white background around a
 * head smaller than the oval, or beside the neck, is not skin.
 */
export const PHOTO_FACE_REGION = { left: 0.3, right: 0.7, top: 0.22, bottom: 0.6 } as const;
/**
 * A pixel is background-like (white wall, light-grey cloth) when its colour spread (max−min of R,G,B)
 * is ≤ PHOTO_BG_MAX_MEAN_CHROMA and its luma ≥ this, or ≥ the sampled background's mean luma − 25
 * when that is lower (a light-grey background with noise). Skin, even light skin, has a spread > 30.
 */
export const PHOTO_BG_LIKE_MIN_LUMA = 200;
/**
 * The background reaches in from each side of a row until the first subject pixel; from one row to
 * the next it may reach at most this many pixels (per 295 px of width) further in than in the row
 * above. A head outline widens and narrows gradually, so the cap costs a little background under
 * the chin (counted as subject); a blown-out cheek that touches the background (short hair) is not
 * swallowed as background: on the labelled set, 1 keeps such a face at 49 % subject (2: 40 %).
 */
export const PHOTO_BG_RUN_MAX_STEP = 1;
/**
 * Share of the face region that must be subject (head, neck, clothes). Below it the head is far too
 * small, too low or off-centre for the oval: a framing message, and exposure is not judged. On the
 * labelled set (tests/fixtures/photo-set.ts) a head on the guide fills ≈ 91 %, a head at 70 % of the
 * oval ≈ 61 %; a head at 45 %, 28 % off-centre or 35 % too low ≤ 30 %.
 */
export const PHOTO_MIN_FACE_SUBJECT_FRACTION = 0.4;
/** Luma at or above which a pixel is blown out (pure white, no detail). */
export const PHOTO_CLIPPED_LUMA = 250;
/** Share of blown-out pixels among the face region's subject pixels above which the face is overexposed (flash, sun). */
export const PHOTO_MAX_FACE_CLIPPED_FRACTION = 0.3;

/**
 * Head-position guide drawn by the browser tool (fractions of the frame): the head with hair fills
 * the oval, the top of the hair sits on `headTopY`, the shoulders on `shoulderY`. It matches the
 * usual 1寸 proportions (head ≈ 55–60 % of the width) and keeps clear of the background sample.
 */
export const PHOTO_FACE_GUIDE = { cx: 0.5, cy: 0.36, rx: 0.29, ry: 0.27, headTopY: 0.09, shoulderY: 0.8 } as const;

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const pixelsLabel = (pixels: number) =>
  pixels >= 1e8 ? `${(pixels / 1e8).toFixed(1)} 亿` : `${Math.round(pixels / 1e4)} 万`;

/** One Chinese message per rule; the argument makes it specific to the photo at hand. */
export const PHOTO_MESSAGES = {
  empty_file: () => "文件为空，请重新选择照片",
  file_too_large: (bytes: number) =>
    `文件过大（${mb(bytes)} MB），照片文件不能超过 ${mb(PHOTO_MAX_INPUT_BYTES)} MB；请使用页面上的照片工具裁剪后上传`,
  unsupported_type: (what: string | null) =>
    what
      ? `该文件实际是${/^[A-Za-z0-9]/.test(what) ? " " : ""}${what}，不是照片（与文件扩展名无关）；请上传 JPEG、PNG 或 WebP 格式的照片`
      : "无法识别的文件类型，不是 JPEG、PNG 或 WebP 格式的照片；请重新选择照片",
  heic_unsupported: (where: "server" | "browser" = "server") =>
    where === "server"
      ? "这是 HEIC/HEIF 格式的照片（苹果手机默认格式），服务器无法读取；请将照片导出为 JPEG 后上传（iPhone：设置 → 相机 → 格式 → 兼容性最佳），或使用页面上的照片工具，它会自动转换为 JPEG"
      : "这是 HEIC/HEIF 格式的照片（苹果手机默认格式），当前浏览器无法读取；请将照片导出为 JPEG 后再选择（iPhone：设置 → 相机 → 格式 → 兼容性最佳），或在手机自带浏览器中打开本页",
  too_many_pixels: (width: number, height: number) =>
    `照片像素过多（${width}×${height}，约 ${pixelsLabel(width * height)}像素），超过 ${pixelsLabel(PHOTO_MAX_INPUT_PIXELS)}像素上限，可能是异常文件；请上传相机或手机直接拍摄的照片`,
  decode_failed: () => "照片文件已损坏或不完整，无法读取；请重新拍摄或重新导出后上传",
  too_small: (width: number, height: number) =>
    `照片尺寸过小（${width}×${height} 像素），宽高至少需要 ${PHOTO_WIDTH}×${PHOTO_HEIGHT} 像素；请使用原图或更高分辨率的照片，不要过度放大`,
  transparent: (fraction: number) =>
    `照片含透明区域（约 ${Math.max(1, Math.round(fraction * 100))}% 的像素透明，多为抠图后的 PNG）；请上传在白色背景前实拍的照片`,
  background_not_white: (colour: string | null) =>
    `背景须为白色或接近白色：照片上边和两侧的背景${colour ? `呈${colour}` : "偏灰或偏暗"}；请在白墙或白布前、光线充足处重新拍摄，头部不要贴近照片上边和两侧`,
  too_dark: (meanLuma: number) =>
    `照片过暗（平均亮度 ${Math.round(meanLuma)}，至少需要 ${PHOTO_MIN_MEAN_LUMA}）；请在光线充足处正面拍摄，避免逆光`,
  face_not_framed: () =>
    "头部偏小或不在框内：请放大照片并移动，使头顶位于上方参考线、面部填满椭圆框；若原图中人像太小，请靠近一些重新拍摄",
  overexposed: (fraction: number) =>
    `面部过曝发白（约 ${Math.round(fraction * 100)}% 的面部失去细节）；请避免强光直射或闪光灯，在柔和光线下重新拍摄`,
  output_too_large: () =>
    `照片噪点过多，无法在保证清晰度的前提下压缩到 ${PHOTO_MAX_OUTPUT_BYTES / 1024} KB 以内；请在光线充足处重新拍摄`,
} as const;

export type PhotoErrorCode = keyof typeof PHOTO_MESSAGES;
export type PhotoError = { code: PhotoErrorCode; message: string };

export function photoError<C extends PhotoErrorCode>(code: C, ...args: Parameters<(typeof PHOTO_MESSAGES)[C]>): PhotoError {
  const format = PHOTO_MESSAGES[code] as (...a: unknown[]) => string;
  return { code, message: format(...args) };
}

/** An 8-bit RGB or RGBA raster (sharp raw output, or canvas ImageData with channels 4). */
export type PhotoRaster = { data: ArrayLike<number>; width: number; height: number; channels: 3 | 4 };

export type PhotoPixelStats = {
  transparentFraction: number;
  meanLuma: number;
  background: { meanLuma: number; meanChroma: number; meanRgb: [number, number, number] };
  /** Share of the face region that is subject (not background reaching in from the sides). */
  faceSubjectFraction: number;
  /** Share of those subject pixels that are blown out. */
  faceClippedFraction: number;
};

/**
 * RGBA pixels as composited onto white (how the flattened output will look), and how many were
 * transparent; a cut-out is then reported once, as transparent, not also as a dark background.
 */
function compositeOnWhite(rgba: ArrayLike<number>, n: number): { rgb: Uint8Array; transparent: number } {
  const rgb = new Uint8Array(n * 3);
  let transparent = 0;
  for (let p = 0, i = 0, o = 0; p < n; p++, i += 4, o += 3) {
    const a = rgba[i + 3];
    if (a < PHOTO_ALPHA_OPAQUE_MIN) transparent++;
    if (a === 255) {
      rgb[o] = rgba[i];
      rgb[o + 1] = rgba[i + 1];
      rgb[o + 2] = rgba[i + 2];
    } else {
      const k = a / 255;
      const white = 255 * (1 - k);
      rgb[o] = Math.round(rgba[i] * k + white);
      rgb[o + 1] = Math.round(rgba[i + 1] * k + white);
      rgb[o + 2] = Math.round(rgba[i + 2] * k + white);
    }
  }
  return { rgb, transparent };
}

/**
 * The content rules (transparency, background, brightness, framing and face exposure) on a raster
 * framed like the output (295:413, any scale). Pixels are judged as composited onto white, so a
 * cut-out PNG is reported once, as transparent, and not also as a dark background; its white-filled
 * background is background to the face rules too, so neither adds a framing or exposure error.
 * Each rule reports only itself: framing and exposure are one either-or verdict on the face region.
 */
export function evaluatePhotoPixels(raster: PhotoRaster): { stats: PhotoPixelStats; errors: PhotoError[] } {
  const { width: w, height: h } = raster;
  const n = w * h;
  const { rgb: data, transparent } = raster.channels === 4 ? compositeOnWhite(raster.data, n) : { rgb: raster.data, transparent: 0 };
  // Hot loops below (every pixel once, the samples again): RGB triples read inline, no call per pixel.

  let lumaSum = 0;
  for (let i = 0; i < n * 3; i += 3) lumaSum += 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];

  let bgN = 0;
  let bgLuma = 0;
  let bgChroma = 0;
  let bgR = 0;
  let bgG = 0;
  let bgB = 0;
  const addBgRun = (from: number, to: number) => {
    for (let i = from * 3, end = to * 3; i < end; i += 3) {
      const r = data[i];
      const g = data[i + 1];
      const b = data[i + 2];
      bgLuma += 0.299 * r + 0.587 * g + 0.114 * b;
      bgChroma += Math.max(r, g, b) - Math.min(r, g, b);
      bgR += r;
      bgG += g;
      bgB += b;
    }
    bgN += to - from;
  };
  const topRows = Math.max(1, Math.round(h * PHOTO_BACKGROUND_SAMPLE.top));
  const sideCols = Math.max(1, Math.round(w * PHOTO_BACKGROUND_SAMPLE.side));
  const sideBottom = Math.round(h * PHOTO_BACKGROUND_SAMPLE.sideBottom);
  addBgRun(0, topRows * w);
  for (let y = topRows; y < sideBottom; y++) {
    addBgRun(y * w, y * w + sideCols);
    addBgRun(y * w + w - sideCols, y * w + w);
  }

  // Subject vs background, row by row down to the bottom of the face region: the background reaches
  // in from each side over background-like pixels (see PHOTO_BG_LIKE_MIN_LUMA), at most `step`
  // pixels further than in the row above (PHOTO_BG_RUN_MAX_STEP). What lies between is the subject.
  const bgMeanLuma = bgLuma / bgN;
  const bgLikeMin = Math.min(PHOTO_BG_LIKE_MIN_LUMA, bgMeanLuma - 25);
  const step = Math.max(1, Math.round((PHOTO_BG_RUN_MAX_STEP * w) / PHOTO_WIDTH));
  const fr = PHOTO_FACE_REGION;
  const faceLeft = Math.round(w * fr.left);
  const faceRight = Math.round(w * fr.right);
  const faceTop = Math.round(h * fr.top);
  const faceBottom = Math.round(h * fr.bottom);
  const isBgLike = (i: number) => {
    const r = data[i];
    const g = data[i + 1];
    const b = data[i + 2];
    return Math.max(r, g, b) - Math.min(r, g, b) <= PHOTO_BG_MAX_MEAN_CHROMA && 0.299 * r + 0.587 * g + 0.114 * b >= bgLikeMin;
  };
  let faceN = 0;
  let faceSubject = 0;
  let faceClipped = 0;
  let leftRun = w;
  let rightRun = w;
  for (let y = 0; y < faceBottom; y++) {
    const row = y * w;
    const leftMax = Math.min(w, leftRun + step);
    let l = 0;
    while (l < leftMax && isBgLike((row + l) * 3)) l++;
    const rightMax = Math.min(w, rightRun + step);
    let r = 0;
    while (r < rightMax && isBgLike((row + w - 1 - r) * 3)) r++;
    leftRun = l;
    rightRun = r;
    if (y < faceTop) continue;
    faceN += faceRight - faceLeft;
    const from = Math.max(faceLeft, l);
    const to = Math.min(faceRight, w - r);
    for (let i = (row + from) * 3, end = (row + to) * 3; i < end; i += 3) {
      faceSubject++;
      if (0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2] >= PHOTO_CLIPPED_LUMA) faceClipped++;
    }
  }

  const stats: PhotoPixelStats = {
    transparentFraction: transparent / n,
    meanLuma: lumaSum / n,
    background: {
      meanLuma: bgMeanLuma,
      meanChroma: bgChroma / bgN,
      meanRgb: [bgR / bgN, bgG / bgN, bgB / bgN],
    },
    faceSubjectFraction: faceN ? faceSubject / faceN : 0,
    faceClippedFraction: faceSubject ? faceClipped / faceSubject : 0,
  };

  const errors: PhotoError[] = [];
  if (stats.transparentFraction > PHOTO_MAX_TRANSPARENT_FRACTION) {
    errors.push(photoError("transparent", stats.transparentFraction));
  }
  const coloured = stats.background.meanChroma > PHOTO_BG_MAX_MEAN_CHROMA;
  if (coloured || stats.background.meanLuma < PHOTO_BG_MIN_MEAN_LUMA) {
    errors.push(photoError("background_not_white", coloured ? colourName(stats.background.meanRgb) : null));
  }
  if (stats.meanLuma < PHOTO_MIN_MEAN_LUMA) errors.push(photoError("too_dark", stats.meanLuma));
  // Framing first: with too little of the head in the region, its clipped share means nothing.
  if (stats.faceSubjectFraction < PHOTO_MIN_FACE_SUBJECT_FRACTION) errors.push(photoError("face_not_framed"));
  else if (stats.faceClippedFraction > PHOTO_MAX_FACE_CLIPPED_FRACTION) {
    errors.push(photoError("overexposed", stats.faceClippedFraction));
  }
  return { stats, errors };
}

/** A Chinese colour name for a clearly coloured background (hue of the mean colour). */
export function colourName([r, g, b]: [number, number, number]): string {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  if (max - min < 1) return "灰色";
  let hue: number;
  if (max === r) hue = ((g - b) / (max - min)) * 60;
  else if (max === g) hue = ((b - r) / (max - min)) * 60 + 120;
  else hue = ((r - g) / (max - min)) * 60 + 240;
  hue = (hue + 360) % 360;
  const tint = max > 200 && min > 150 ? "浅" : "";
  if (hue < 15 || hue >= 330) return `${tint}红色`;
  if (hue < 45) return `${tint}橙色`;
  if (hue < 70) return `${tint}黄色`;
  if (hue < 165) return `${tint}绿色`;
  if (hue < 265) return `${tint}蓝色`;
  return `${tint}紫色`;
}

/** Whether the source is large enough for the output without upscaling (after EXIF orientation). */
export function isPhotoSourceLargeEnough(width: number, height: number): boolean {
  return width >= PHOTO_WIDTH && height >= PHOTO_HEIGHT;
}
