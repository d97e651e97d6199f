/**
 * EXIF orientation applied to a decoded raster (values 1–8, TIFF/EXIF "Orientation" tag). The server
 * decodes a phone photo as stored (sideways, tagged 6 or 8) and turns the small decoded raster here:
 * libvips would first copy the decoded image into memory for its rotation, which costs more than
 * this one pass over 310×413 pixels. Every orientation is checked against sharp's own autoOrient
 * in tests/unit/photo-normalize.test.ts. No sharp or Node imports.
 */

import type { PhotoRaster } from "./rules";

/** A decoded raster as sharp hands it over (the same shape ./framing.ts crops). */
type DecodedRaster = PhotoRaster & { data: Uint8Array };

/** Orientations 5–8 swap width and height (a transpose is part of them). */
export const swapsAxes = (orientation: number) => orientation >= 5 && orientation <= 8;

/**
 * Where display pixel (x, y) comes from in the stored raster, as `origin + x * stepX + y * stepY`
 * (pixel units), for a stored raster `sw` wide and `sh` high.
 */
function sourceWalk(orientation: number, sw: number, sh: number): { origin: number; stepX: number; stepY: number } {
  const last = (sh - 1) * sw;
  switch (orientation) {
    case 2: // mirrored left–right
      return { origin: sw - 1, stepX: -1, stepY: sw };
    case 3: // upside down
      return { origin: last + sw - 1, stepX: -1, stepY: -sw };
    case 4: // mirrored top–bottom
      return { origin: last, stepX: 1, stepY: -sw };
    case 5: // transposed
      return { origin: 0, stepX: sw, stepY: 1 };
    case 6: // stored turned 90° counter-clockwise: display turns it clockwise
      return { origin: last, stepX: -sw, stepY: 1 };
    case 7: // transversed
      return { origin: last + sw - 1, stepX: -sw, stepY: -1 };
    case 8: // stored turned 90° clockwise
      return { origin: sw - 1, stepX: sw, stepY: -1 };
    default:
      return { origin: 0, stepX: 1, stepY: sw };
  }
}

/** The raster as it is meant to be displayed; the input itself when the orientation is 1 or unknown. */
export function orientRaster(raster: DecodedRaster, orientation: number): DecodedRaster {
  if (!(orientation >= 2 && orientation <= 8)) return raster;
  const { data, width: sw, height: sh, channels } = raster;
  const [w, h] = swapsAxes(orientation) ? [sh, sw] : [sw, sh];
  const { origin, stepX, stepY } = sourceWalk(orientation, sw, sh);
  const out = new Uint8Array(w * h * channels);
  let o = 0;
  for (let y = 0; y < h; y++) {
    let p = origin + y * stepY;
    if (channels === 3) {
      for (let x = 0; x < w; x++, p += stepX) {
        const i = p * 3;
        out[o++] = data[i];
        out[o++] = data[i + 1];
        out[o++] = data[i + 2];
      }
    } else {
      for (let x = 0; x < w; x++, p += stepX) {
        const i = p * channels;
        for (let c = 0; c < channels; c++) out[o++] = data[i + c];
      }
    }
  }
  return { data: out, width: w, height: h, channels };
}
