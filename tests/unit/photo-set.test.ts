import { describe, expect, it } from "vitest";
import { normalizeIdPhoto } from "@/lib/photos/normalize";
import { PHOTO_HEIGHT, PHOTO_WIDTH, evaluatePhotoPixels } from "@/lib/photos/rules";
import { drawPortrait } from "@/tests/fixtures/photo-images";
import { PORTRAIT_SET, encodeLabelledPortrait } from "@/tests/fixtures/photo-set";

const CJK = /[\u4e00-\u9fff]/;
const good = PORTRAIT_SET.filter((c) => c.expected.length === 0);
const bad = PORTRAIT_SET.filter((c) => c.expected.length > 0);

describe("the labelled portrait set", () => {
  it("has at least 20 portraits, good and bad", () => {
    expect(PORTRAIT_SET.length).toBeGreaterThanOrEqual(20);
    expect(good.length).toBeGreaterThanOrEqual(10);
    expect(bad.length).toBeGreaterThanOrEqual(10);
  });
});

describe("server: every good portrait passes, every bad one lists exactly the rules it fails", () => {
  it.each(PORTRAIT_SET.map((c) => [c.name, c] as const))("%s", async (_name, c) => {
    const result = await normalizeIdPhoto(await encodeLabelledPortrait(c));
    const codes = result.ok ? [] : result.errors.map((e) => e.code);
    expect(codes).toEqual(c.expected);
    if (!result.ok) for (const e of result.errors) expect(e.message).toMatch(CJK);
  });
});

describe("browser tool: the shared pixel rules give the same verdict on the 295×413 RGBA snapshot", () => {
  // The tool checks the source size itself (checks.ts), so the too-small case is the server's alone.
  const pixelCases = PORTRAIT_SET.filter((c) => !c.size);
  it.each(pixelCases.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const p = drawPortrait({ width: PHOTO_WIDTH, height: PHOTO_HEIGHT, backgroundAlpha: 255, ...c.options });
    const { errors } = evaluatePhotoPixels({ data: p.data, width: p.width, height: p.height, channels: 4 });
    expect(errors.map((e) => e.code)).toEqual(c.expected);
  });
});
