/**
 * Framing math of the photo tool, kept pure so it is unit-tested without a browser. The frame is the
 * output canvas (2× the 295×413 photo); the image is drawn centred at an offset, turned by quarter
 * turns, and scaled to cover the frame times a zoom factor. Offsets are in frame (canvas) pixels.
 */
import { PHOTO_HEIGHT, PHOTO_WIDTH } from "@/lib/photos/rules";

/** Output canvas: twice the photo for a sharper result (the server normalises it to 295×413). */
export const FRAME_WIDTH = PHOTO_WIDTH * 2;
export const FRAME_HEIGHT = PHOTO_HEIGHT * 2;
export const MIN_ZOOM = 1;
export const MAX_ZOOM = 4;

export type Framing = { quarterTurns: 0 | 1 | 2 | 3; zoom: number; offsetX: number; offsetY: number };
export const INITIAL_FRAMING: Framing = { quarterTurns: 0, zoom: 1, offsetX: 0, offsetY: 0 };

/** Image size after the quarter turns. */
export function turnedSize(imageWidth: number, imageHeight: number, quarterTurns: number) {
  return quarterTurns % 2 ? { width: imageHeight, height: imageWidth } : { width: imageWidth, height: imageHeight };
}

/** Frame pixels per image pixel. */
export function drawScale(imageWidth: number, imageHeight: number, f: Framing): number {
  const t = turnedSize(imageWidth, imageHeight, f.quarterTurns);
  return Math.max(FRAME_WIDTH / t.width, FRAME_HEIGHT / t.height) * f.zoom;
}

/** Keeps the zoom in range and the image covering the whole frame (no empty edge). */
export function clampFraming(imageWidth: number, imageHeight: number, f: Framing): Framing {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, f.zoom));
  const next = { ...f, zoom };
  const t = turnedSize(imageWidth, imageHeight, f.quarterTurns);
  const s = drawScale(imageWidth, imageHeight, next);
  const maxX = Math.max(0, (t.width * s - FRAME_WIDTH) / 2);
  const maxY = Math.max(0, (t.height * s - FRAME_HEIGHT) / 2);
  return { ...next, offsetX: Math.max(-maxX, Math.min(maxX, f.offsetX)), offsetY: Math.max(-maxY, Math.min(maxY, f.offsetY)) };
}

/** Zoom about the frame centre: the point under the centre stays there. */
export function zoomTo(imageWidth: number, imageHeight: number, f: Framing, zoom: number): Framing {
  const z = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  const k = z / f.zoom;
  return clampFraming(imageWidth, imageHeight, { ...f, zoom: z, offsetX: f.offsetX * k, offsetY: f.offsetY * k });
}

export function panBy(imageWidth: number, imageHeight: number, f: Framing, dx: number, dy: number): Framing {
  return clampFraming(imageWidth, imageHeight, { ...f, offsetX: f.offsetX + dx, offsetY: f.offsetY + dy });
}

/** A quarter turn (1 = clockwise, −1 = counter-clockwise); the framing restarts centred. */
export function turn(f: Framing, direction: 1 | -1): Framing {
  return { ...INITIAL_FRAMING, quarterTurns: (((f.quarterTurns + direction) % 4) + 4) % 4 as Framing["quarterTurns"] };
}

/** How many real image pixels the frame covers: below 295×413 the photo is being upscaled. */
export function cropSourceSize(imageWidth: number, imageHeight: number, f: Framing) {
  const s = drawScale(imageWidth, imageHeight, f);
  return { width: Math.floor(FRAME_WIDTH / s), height: Math.floor(FRAME_HEIGHT / s) };
}

/** Where the frame's centre falls in the original image (for tests and debugging). */
export function frameCentreInImage(imageWidth: number, imageHeight: number, f: Framing) {
  const s = drawScale(imageWidth, imageHeight, f);
  // Undo the offset in the turned image, then undo the turn (clockwise quarter turns).
  const tx = -f.offsetX / s;
  const ty = -f.offsetY / s;
  const [x, y] = [
    [tx, ty],
    [ty, -tx],
    [-tx, -ty],
    [-ty, tx],
  ][f.quarterTurns];
  return { x: imageWidth / 2 + x, y: imageHeight / 2 + y };
}

/** Draws the framed image onto a FRAME_WIDTH×FRAME_HEIGHT canvas, on white. */
export function drawFramed(ctx: CanvasRenderingContext2D, image: CanvasImageSource, imageWidth: number, imageHeight: number, f: Framing) {
  const s = drawScale(imageWidth, imageHeight, f);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = "#ffffff";
  ctx.fillRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = "high";
  ctx.translate(FRAME_WIDTH / 2 + f.offsetX, FRAME_HEIGHT / 2 + f.offsetY);
  ctx.rotate((f.quarterTurns * Math.PI) / 2);
  ctx.scale(s, s);
  ctx.drawImage(image, -imageWidth / 2, -imageHeight / 2, imageWidth, imageHeight);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
