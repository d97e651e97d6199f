import { existsSync } from "node:fs";
import path from "node:path";
import { openSync, type Font } from "fontkit";

/**
 * Noto Serif SC (OFL-1.1) as static TTFs from @expo-google-fonts/noto-serif-sc: ≈ 31k characters,
 * all of CJK Extension A and rare name characters (堃 喆 昇 镕 〇 䶮) that GB2312-only fonts drop
 * silently. WOFF2 and .ttc do not work in react-pdf. Absolute paths from the working directory: the
 * fonts are read from node_modules at run time, never bundled or committed.
 */
const FONT_DIR = path.join(process.cwd(), "node_modules/@expo-google-fonts/noto-serif-sc");

export const PDF_FONT_FILES = {
  regular: path.join(FONT_DIR, "400Regular/NotoSerifSC_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold/NotoSerifSC_700Bold.ttf"),
} as const;

/**
 * The fallback for characters Noto Serif SC lacks — CJK Extension B name characters such as 𠮷
 * (U+20BB7): Noto Serif JP (OFL-1.1, @expo-google-fonts/noto-serif-jp), the same design family, so a
 * substituted character matches its neighbours. docs/domain.md §7. `PDF_FALLBACK_FONT_DIR` points
 * elsewhere (a test, or a font unpacked by hand).
 */
const FALLBACK_DIR = process.env.PDF_FALLBACK_FONT_DIR || path.join(process.cwd(), "node_modules/@expo-google-fonts/noto-serif-jp");

export const PDF_FALLBACK_FONT_FILES = {
  regular: path.join(FALLBACK_DIR, "400Regular/NotoSerifJP_400Regular.ttf"),
  bold: path.join(FALLBACK_DIR, "700Bold/NotoSerifJP_700Bold.ttf"),
} as const;

export type FontWeightKey = keyof typeof PDF_FONT_FILES;

/** Whether the fallback font is installed (the PDF then uses it; glyph checks count it). */
export function hasFallbackFont(): boolean {
  return existsSync(PDF_FALLBACK_FONT_FILES.regular) && existsSync(PDF_FALLBACK_FONT_FILES.bold);
}

const opened = new Map<string, Font>();

function openOnce(file: string): Font {
  let font = opened.get(file);
  if (!font) {
    font = openSync(file);
    opened.set(file, font);
  }
  return font;
}

/** Our own parsed copy of a font (glyph checks, outlines), opened once per process (≈ 30 ms). */
export function getFontkitFont(weight: FontWeightKey): Font {
  return openOnce(PDF_FONT_FILES[weight]);
}

/** The fallback font, or null when it is not installed. */
export function getFallbackFontkitFont(weight: FontWeightKey): Font | null {
  return hasFallbackFont() ? openOnce(PDF_FALLBACK_FONT_FILES[weight]) : null;
}
