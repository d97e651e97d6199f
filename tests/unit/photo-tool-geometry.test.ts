import { describe, expect, it } from "vitest";
import {
  FRAME_HEIGHT,
  FRAME_WIDTH,
  INITIAL_FRAMING,
  clampFraming,
  cropSourceSize,
  frameCentreInImage,
  panBy,
  turn,
  zoomTo,
} from "@/components/photo-tool/geometry";

const W = 4000;
const H = 3000; // a landscape phone photo

describe("photo tool framing", () => {
  it("the image always covers the whole frame: panning stops at the image edge", () => {
    const f = panBy(W, H, INITIAL_FRAMING, 10_000, 10_000);
    // Cover scale 826/3000: the image is 1101 frame px wide, so it can move (1101 − 590) / 2 sideways, not vertically.
    expect(f.offsetX).toBeCloseTo((W * (FRAME_HEIGHT / H) - FRAME_WIDTH) / 2, 5);
    expect(f.offsetY).toBe(0);
  });

  it("zoom stays between 100 % and 400 % and keeps the point under the frame centre", () => {
    expect(zoomTo(W, H, INITIAL_FRAMING, 9).zoom).toBe(4);
    expect(zoomTo(W, H, INITIAL_FRAMING, 0.2).zoom).toBe(1);
    const panned = panBy(W, H, INITIAL_FRAMING, -100, 0);
    const before = frameCentreInImage(W, H, panned);
    const after = frameCentreInImage(W, H, zoomTo(W, H, panned, 2));
    expect(after.x).toBeCloseTo(before.x, 5);
    expect(after.y).toBeCloseTo(before.y, 5);
  });

  it("a quarter turn swaps the sides of a sideways photo and restarts centred", () => {
    const turned = turn(panBy(W, H, INITIAL_FRAMING, 50, 0), 1);
    expect(turned).toEqual({ ...INITIAL_FRAMING, quarterTurns: 1 });
    expect(turn(INITIAL_FRAMING, -1).quarterTurns).toBe(3);
    // Turned, the photo is 3000×4000: the frame covers its full height and 4000·295/413 of its width.
    expect(cropSourceSize(W, H, turned)).toEqual({ width: 2857, height: 4000 });
  });

  it("panning a turned photo moves it the way the finger moves (frame centre maps back into the image)", () => {
    const turned = { ...INITIAL_FRAMING, quarterTurns: 1 as const, zoom: 2 };
    const moved = clampFraming(W, H, { ...turned, offsetY: 100 }); // drag down
    // Turned clockwise, the image's left edge is at the top: dragging down shows more of the left.
    expect(frameCentreInImage(W, H, moved).x).toBeLessThan(W / 2);
  });

  it("zooming in beyond the photo's resolution is detected (the crop covers fewer than 295×413 real pixels)", () => {
    const small = { w: 600, h: 840 };
    expect(cropSourceSize(small.w, small.h, INITIAL_FRAMING)).toEqual({ width: 600, height: 840 });
    expect(cropSourceSize(small.w, small.h, zoomTo(small.w, small.h, INITIAL_FRAMING, 2.5))).toEqual({ width: 240, height: 336 });
  });
});
