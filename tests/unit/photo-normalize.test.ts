import { createHash } from "node:crypto";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { normalizeIdPhoto, PHOTO_MAX_OUTPUT_BYTES, type PhotoError } from "@/lib/photos/normalize";
import { orientRaster } from "@/lib/photos/orientation";
import { bombPng, drawPortrait, type PortraitOptions } from "@/tests/fixtures/photo-images";

const CJK = /[\u4e00-\u9fff]/;

async function portrait(format: "jpeg" | "png" | "webp" | "avif", o: Partial<PortraitOptions> = {}) {
  const { data, width, height, channels } = drawPortrait({ width: 590, height: 826, ...o });
  const img = sharp(data, { raw: { width, height, channels } });
  return format === "jpeg" ? img.jpeg({ quality: 92 }).toBuffer() : img.toFormat(format).toBuffer();
}

async function rejected(input: Buffer): Promise<PhotoError[]> {
  const result = await normalizeIdPhoto(input);
  if (result.ok) throw new Error("expected the photo to be rejected");
  for (const e of result.errors) expect(e.message).toMatch(CJK);
  return result.errors;
}
const codes = (errors: PhotoError[]) => errors.map((e) => e.code);

/** Mean RGB of a region (frame fractions) of a decoded JPEG. */
async function meanColour(jpeg: Buffer, x0: number, y0: number, x1: number, y1: number) {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.round(y0 * info.height); y < Math.round(y1 * info.height); y++) {
    for (let x = Math.round(x0 * info.width); x < Math.round(x1 * info.width); x++) {
      for (let k = 0; k < 3; k++) sum[k] += data[(y * info.width + x) * info.channels + k];
      n++;
    }
  }
  return sum.map((s) => s / n);
}
const isRed = ([r, g, b]: number[]) => r > 170 && g < 90 && b < 90;
const isSkin = ([r, g, b]: number[]) => Math.abs(r - 224) + Math.abs(g - 182) + Math.abs(b - 152) < 30;
const isWhite = ([r, g, b]: number[]) => Math.min(r, g, b) > 225;

describe("a good white-background portrait", () => {
  it("comes out as a 295×413 baseline JPEG ≤ 60 KB with no EXIF, ICC or XMP, and its SHA-256", async () => {
    const result = await normalizeIdPhoto(await portrait("jpeg"));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const meta = await sharp(result.jpeg).metadata();
    expect(meta.format).toBe("jpeg");
    expect([meta.width, meta.height]).toEqual([295, 413]);
    expect([result.width, result.height]).toEqual([295, 413]);
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.isProgressive).toBe(false);
    expect(meta.channels).toBe(3);
    expect(result.bytes).toBe(result.jpeg.length);
    expect(result.bytes).toBeLessThanOrEqual(PHOTO_MAX_OUTPUT_BYTES);
    expect(result.bytes).toBeGreaterThanOrEqual(10 * 1024);
    expect(result.sha256).toBe(createHash("sha256").update(result.jpeg).digest("hex"));
  });

  it.each(["png", "webp", "avif"] as const)("is accepted as %s too (AVIF: the HEIF container sharp can decode)", async (format) => {
    const result = await normalizeIdPhoto(await portrait(format));
    expect(result.ok ? "ok" : codes(result.errors)).toBe("ok");
  });

  it("is accepted from a PNG whose alpha channel is fully opaque (flattened onto white)", async () => {
    const result = await normalizeIdPhoto(await portrait("png", { backgroundAlpha: 255 }));
    expect(result.ok ? "ok" : codes(result.errors)).toBe("ok");
  });

  it("a Display P3 photo (iPhone) is converted to sRGB pixels and its profile dropped", async () => {
    // A green patch on the shoulder, drawn as sRGB (30,160,80); in P3 it is stored as about (77,158,89).
    const { data, width, height, channels } = drawPortrait({ width: 590, height: 826, marker: { x0: 0.78, y0: 0.86, x1: 0.96, y1: 0.98, colour: [30, 160, 80] } });
    const p3 = await sharp(data, { raw: { width, height, channels } }).withIccProfile("p3").jpeg({ quality: 95 }).toBuffer();
    const result = await normalizeIdPhoto(p3);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect((await sharp(result.jpeg).metadata()).icc).toBeUndefined();
    const [r, g, b] = await meanColour(result.jpeg, 0.8, 0.88, 0.94, 0.96);
    expect(Math.abs(r - 30) + Math.abs(g - 160) + Math.abs(b - 80)).toBeLessThan(20);
  });

  it("is cropped around the person when a whole 4:3 landscape photo arrives with the person off-centre", async () => {
    const { data, width, height, channels } = drawPortrait({ width: 1600, height: 1200, shiftX: -0.12 });
    const result = await normalizeIdPhoto(await sharp(data, { raw: { width, height, channels } }).jpeg().toBuffer());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect((await sharp(result.jpeg).metadata()).height).toBe(413);
    // Both cheeks are inside the frame, the background is seen at both sides at eye height.
    for (const x of [0.3, 0.62]) expect(await meanColour(result.jpeg, x, 0.42, x + 0.06, 0.46)).toSatisfy(isSkin);
    for (const x of [0.01, 0.95]) expect(await meanColour(result.jpeg, x, 0.3, x + 0.04, 0.4)).toSatisfy(isWhite);
  });

  it("a tall photo keeps the head near the top instead of cutting it", async () => {
    const { data, width, height, channels } = drawPortrait({ width: 590, height: 1400 });
    const result = await normalizeIdPhoto(await sharp(data, { raw: { width, height, channels } }).jpeg().toBuffer());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(await meanColour(result.jpeg, 0.3, 0.0, 0.7, 0.05)).toSatisfy(isWhite);
    expect(await meanColour(result.jpeg, 0.45, 0.1, 0.55, 0.2)).toSatisfy((c: number[]) => !isWhite(c));
  });

  it("noisy photos are compressed below 60 KB by lowering the quality", async () => {
    const { data, width, height, channels } = drawPortrait({ width: 295, height: 413, noise: 200 });
    const result = await normalizeIdPhoto(await sharp(data, { raw: { width, height, channels } }).png().toBuffer());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.bytes).toBeLessThanOrEqual(PHOTO_MAX_OUTPUT_BYTES);
    expect(result.quality).toBeLessThan(90);
  });
});

describe("EXIF orientation", () => {
  // Upright source with a red marker on the left shoulder, stored turned and tagged so that a viewer
  // shows it upright again: 6 as a phone held upright stores it, 8 held the other way, 3 upside down.
  for (const [orientation, storedTurn] of [[6, 270], [8, 90], [3, 180]] as const) {
    it(`a phone JPEG stored turned with orientation ${orientation} comes out upright: the marker drawn bottom-left lands bottom-left`, async () => {
      const upright = drawPortrait({ width: 590, height: 826, marker: { x0: 0.04, y0: 0.86, x1: 0.2, y1: 0.98, colour: [230, 20, 20] } });
      const stored = await sharp(upright.data, { raw: { width: upright.width, height: upright.height, channels: upright.channels } })
        .rotate(storedTurn)
        .withMetadata({ orientation })
        .jpeg({ quality: 92 })
        .toBuffer();
      const meta = await sharp(stored).metadata();
      expect([meta.width, meta.height, meta.orientation]).toEqual(orientation === 3 ? [590, 826, 3] : [826, 590, orientation]);

      const result = await normalizeIdPhoto(stored);
      if (!result.ok) throw new Error(JSON.stringify(result.errors));
      expect((await sharp(result.jpeg).metadata()).orientation).toBeUndefined();
      expect(isRed(await meanColour(result.jpeg, 0.06, 0.88, 0.18, 0.96))).toBe(true);
      for (const [x0, y0] of [[0.06, 0.04], [0.82, 0.04], [0.82, 0.88]]) {
        expect(isRed(await meanColour(result.jpeg, x0, y0, x0 + 0.12, y0 + 0.08))).toBe(false);
      }
    });
  }

  it("the raster is turned exactly as sharp's autoOrient turns it, for each of the 8 orientations", async () => {
    // A small raster with no symmetry (distinct bytes), decoded once as stored and once by sharp upright.
    const [w, h] = [7, 5];
    const pixels = Buffer.from(Array.from({ length: w * h * 3 }, (_, i) => (i * 37 + 11) % 256));
    for (let orientation = 1; orientation <= 8; orientation++) {
      const jpeg = await sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
        .withMetadata({ orientation })
        .jpeg({ quality: 100, chromaSubsampling: "4:4:4" })
        .toBuffer();
      const asStored = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
      const upright = await sharp(jpeg).autoOrient().raw().toBuffer({ resolveWithObject: true });
      const ours = orientRaster({ data: asStored.data, width: asStored.info.width, height: asStored.info.height, channels: 3 }, orientation);
      expect([ours.width, ours.height], `orientation ${orientation}`).toEqual([upright.info.width, upright.info.height]);
      expect(Buffer.from(ours.data).equals(upright.data), `orientation ${orientation}`).toBe(true);

      // Four channels take the generic path: alpha (here a copy of red) travels with its pixel.
      const rgba = new Uint8Array(w * h * 4);
      for (let p = 0; p < w * h; p++) {
        rgba.set(asStored.data.subarray(p * 3, p * 3 + 3), p * 4);
        rgba[p * 4 + 3] = asStored.data[p * 3];
      }
      const ours4 = orientRaster({ data: rgba, width: w, height: h, channels: 4 }, orientation);
      for (let p = 0; p < w * h; p++) {
        expect([...ours4.data.subarray(p * 4, p * 4 + 4)]).toEqual([...upright.data.subarray(p * 3, p * 3 + 3), upright.data[p * 3]]);
      }
    }
  });
});

describe("each bad photo is rejected with its own Chinese message", () => {
  it("a file over 10 MB is rejected before it is parsed", async () => {
    const big = Buffer.alloc(12 * 1024 * 1024);
    big.set([0xff, 0xd8, 0xff, 0xe0]);
    const errors = await rejected(big);
    expect(codes(errors)).toEqual(["file_too_large"]);
    expect(errors[0].message).toContain("12.0 MB");
    expect(errors[0].message).toContain("10.0 MB");
  });

  it("a PDF named .jpg is rejected as a PDF document", async () => {
    const pdf = Buffer.from("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n", "latin1");
    const errors = await rejected(pdf);
    expect(codes(errors)).toEqual(["unsupported_type"]);
    expect(errors[0].message).toContain("PDF 文档");
    expect(errors[0].message).toContain("不是照片");
  });

  it("a GIF is named as a GIF and an unknown binary file as unrecognised", async () => {
    const gif = await sharp({ create: { width: 300, height: 420, channels: 3, background: "#fff" } }).gif().toBuffer();
    expect((await rejected(gif))[0].message).toContain("GIF");
    const unknown = await rejected(Buffer.from([0, 1, 2, 3, 0, 250, 251, 252]));
    expect(codes(unknown)).toEqual(["unsupported_type"]);
    expect(unknown[0].message).toContain("无法识别");
  });

  it("an iPhone HEIC that sharp cannot decode asks for a JPEG export", async () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypheic\0\0\0\0mif1heic"), Buffer.alloc(64)]);
    const errors = await rejected(heic);
    expect(codes(errors)).toEqual(["heic_unsupported"]);
    expect(errors[0].message).toContain("JPEG");
  });

  it("a decompression-bomb PNG (20000×20000, small on disk) is rejected from its header", async () => {
    const bomb = bombPng(20000, 20000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    const errors = await rejected(bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(codes(errors)).toEqual(["too_many_pixels"]);
    expect(errors[0].message).toContain("20000×20000");
  });

  it("a truncated JPEG (an interrupted upload) is reported as damaged, not padded with grey", async () => {
    const jpeg = await portrait("jpeg");
    const errors = await rejected(jpeg.subarray(0, Math.round(jpeg.length * 0.9)));
    expect(codes(errors)).toEqual(["decode_failed"]);
    expect(errors[0].message).toContain("损坏或不完整");
  });

  it("a source smaller than 295×413 is rejected with its size", async () => {
    const { data, width, height, channels } = drawPortrait({ width: 200, height: 280 });
    const errors = await rejected(await sharp(data, { raw: { width, height, channels } }).jpeg().toBuffer());
    expect(codes(errors)).toEqual(["too_small"]);
    expect(errors[0].message).toContain("200×280");
  });

  it("a source that is only small once EXIF-rotated is rejected (400×300 shown as 300×400)", async () => {
    const { data, width, height, channels } = drawPortrait({ width: 300, height: 400 });
    const sideways = await sharp(data, { raw: { width, height, channels } })
      .rotate(270)
      .withMetadata({ orientation: 6 })
      .jpeg()
      .toBuffer();
    expect(codes(await rejected(sideways))).toEqual(["too_small"]);
  });

  it("a PNG with a transparent (cut-out) background is rejected, not flattened", async () => {
    const errors = await rejected(await portrait("png", { background: [0, 0, 0], backgroundAlpha: 0 }));
    expect(codes(errors)).toEqual(["transparent"]);
    expect(errors[0].message).toContain("透明");
  });

  it("a blue background is rejected and named", async () => {
    const errors = await rejected(await portrait("jpeg", { background: [67, 142, 219] }));
    expect(codes(errors)).toEqual(["background_not_white"]);
    expect(errors[0].message).toContain("背景须为白色或接近白色");
    expect(errors[0].message).toContain("蓝色");
  });

  it("a red background is named red; a grey one is called grey", async () => {
    const red = await rejected(await portrait("jpeg", { background: [200, 30, 40] }));
    expect(red[0].message).toContain("红色");
    const grey = await rejected(await portrait("jpeg", { background: [150, 150, 150] }));
    expect(codes(grey)).toEqual(["background_not_white"]);
    expect(grey[0].message).toContain("偏灰");
  });

  it("an underexposed photo is too dark (its white background turns grey too)", async () => {
    const errors = await rejected(await portrait("jpeg", { exposure: 0.3 }));
    expect(codes(errors)).toEqual(["background_not_white", "too_dark"]);
    expect(errors[1].message).toContain("过暗");
  });

  it("an overexposed face is rejected", async () => {
    const errors = await rejected(await portrait("jpeg", { exposure: 1.6 }));
    expect(codes(errors)).toEqual(["overexposed"]);
    expect(errors[0].message).toContain("过曝");
  });

  it("an empty upload is rejected", async () => {
    expect(codes(await rejected(Buffer.alloc(0)))).toEqual(["empty_file"]);
  });
});
