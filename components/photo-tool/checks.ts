/**
 * Live checks of the photo tool: the same rules as the server (lib/photos/rules.ts) run on a 295×413
 * snapshot of the frame, plus what only the browser knows (how far the user zoomed in, and whether
 * the source had transparency before the frame flattened it onto white).
 */
import {
  PHOTO_ALPHA_OPAQUE_MIN,
  PHOTO_HEIGHT,
  PHOTO_MAX_TRANSPARENT_FRACTION,
  PHOTO_WIDTH,
  evaluatePhotoPixels,
  isPhotoSourceLargeEnough,
  photoError,
  type PhotoError,
  type PhotoErrorCode,
} from "@/lib/photos/rules";

/** The rules shown in the checklist, with the line shown when the rule passes. */
export const CHECKLIST: { code: PhotoErrorCode; passed: string }[] = [
  { code: "too_small", passed: "清晰度足够" },
  { code: "background_not_white", passed: "背景为白色或接近白色" },
  { code: "too_dark", passed: "亮度合适" },
  { code: "face_not_framed", passed: "头部大小和位置合适" },
  { code: "overexposed", passed: "面部曝光正常" },
];

/** Share of transparent pixels in the source image, measured on a small copy. */
export function sourceTransparentFraction(image: CanvasImageSource, width: number, height: number): number {
  const k = Math.min(1, 256 / Math.max(width, height));
  const w = Math.max(1, Math.round(width * k));
  const h = Math.max(1, Math.round(height * k));
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d", { willReadFrequently: true });
  if (!ctx) return 0;
  ctx.drawImage(image, 0, 0, w, h);
  const { data } = ctx.getImageData(0, 0, w, h);
  let transparent = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] < PHOTO_ALPHA_OPAQUE_MIN) transparent++;
  return transparent / (w * h);
}

export type FrameCheck = { errors: PhotoError[]; previewUrl: string };

/**
 * Evaluates the frame canvas: draws it at 295×413 into `work` (reused between calls), runs the shared
 * rules, and returns a JPEG data URL of that snapshot for the certificate preview.
 */
export function checkFrame(
  frame: HTMLCanvasElement,
  work: HTMLCanvasElement,
  crop: { width: number; height: number },
  transparentFraction: number,
): FrameCheck {
  work.width = PHOTO_WIDTH;
  work.height = PHOTO_HEIGHT;
  const ctx = work.getContext("2d", { willReadFrequently: true });
  if (!ctx) return { errors: [], previewUrl: "" };
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.drawImage(frame, 0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);
  const pixels = ctx.getImageData(0, 0, PHOTO_WIDTH, PHOTO_HEIGHT);

  const errors: PhotoError[] = [];
  if (!isPhotoSourceLargeEnough(crop.width, crop.height)) errors.push(photoError("too_small", crop.width, crop.height));
  if (transparentFraction > PHOTO_MAX_TRANSPARENT_FRACTION) errors.push(photoError("transparent", transparentFraction));
  // The frame is drawn on white, so the snapshot itself has no transparency left to report.
  errors.push(...evaluatePhotoPixels({ data: pixels.data, width: PHOTO_WIDTH, height: PHOTO_HEIGHT, channels: 4 }).errors);
  return { errors, previewUrl: work.toDataURL("image/jpeg", 0.85) };
}
