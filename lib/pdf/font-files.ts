import path from "node:path";
import { openSync, type Font } from "fontkit";

/**
 * Noto Serif SC (OFL-1.1) as static TTFs from @expo-google-fonts/noto-serif-sc: ≈ 31k characters,
 * including rare name characters (堃 喆 昇 镕 〇 䶮) that GB2312-only fonts drop silently. WOFF2 and
 * .ttc do not work in react-pdf. Absolute paths from the working directory: the fonts are read from
 * node_modules at run time, never bundled or committed.
 */
const FONT_DIR = path.join(process.cwd(), "node_modules/@expo-google-fonts/noto-serif-sc");

export const PDF_FONT_FILES = {
  regular: path.join(FONT_DIR, "400Regular/NotoSerifSC_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold/NotoSerifSC_700Bold.ttf"),
} as const;

const opened = new Map<keyof typeof PDF_FONT_FILES, Font>();

/** Our own parsed copy of a font (glyph checks, outlines), opened once per process (≈ 30 ms). */
export function getFontkitFont(weight: keyof typeof PDF_FONT_FILES): Font {
  let font = opened.get(weight);
  if (!font) {
    font = openSync(PDF_FONT_FILES[weight]);
    opened.set(weight, font);
  }
  return font;
}
