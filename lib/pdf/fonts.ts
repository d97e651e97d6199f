import { Font } from "@react-pdf/renderer";
import { hasFallbackFont, PDF_FALLBACK_FONT_FILES, PDF_FONT_FILES } from "./font-files";

export { PDF_FONT_FILES };

/** react-pdf embeds only the glyphs a document uses: a certificate carries a few KB per weight. */
export const PDF_FONT_FAMILY = "NotoSerifSC";
/** For characters Noto Serif SC lacks (CJK Extension B, e.g. 𠮷): see font-files.ts. */
export const PDF_FALLBACK_FONT_FAMILY = "NotoSerifJP";

/**
 * The style's font family: react-pdf picks, per character, the first family of the list that has the
 * glyph (textkit's font substitution), so a rare character comes from the fallback and nothing prints
 * as a box. Without the fallback installed, the main font alone.
 */
export function pdfFontFamilies(): string | string[] {
  return hasFallbackFont() ? [PDF_FONT_FAMILY, PDF_FALLBACK_FONT_FAMILY] : PDF_FONT_FAMILY;
}

/** Closing punctuation never starts a line: it stays with the character before it. */
const CLOSING = new Set("，。、；：？！）」』】〕〉》”’…—·%‰℃,.;:?!)]}".split(""));
/** Opening punctuation never ends a line: it stays with the character after it. */
const OPENING = new Set("（「『【〔〈《“‘([{".split(""));
/** Han (incl. extensions), CJK symbols and punctuation, kana, full-width forms. */
const CJK = /[\p{Script=Han}\u3000-\u303F\u3040-\u30FF\uFF00-\uFFEF\u2014\u2018\u2019\u201C\u201D\u2026\u00B7]/u;

/**
 * react-pdf breaks lines only between the parts this returns. Split CJK text into single characters
 * (closing punctuation kept with the previous one, opening with the next) and keep runs of Latin
 * letters and digits whole. The parts are separated by empty strings: react-pdf turns an empty part
 * into a zero-width glue, a break point that adds no hyphen (a break between two adjacent parts
 * would print "-").
 */
export function splitCjkForLineBreaks(word: string): string[] {
  // 1. Units: one CJK character each, or a maximal run of anything else (Latin, digits, spaces).
  const units: string[] = [];
  let inLatin = false;
  for (const ch of word) {
    const cjk = CJK.test(ch);
    if (!cjk && inLatin) units[units.length - 1] += ch;
    else units.push(ch);
    inLatin = !cjk;
  }
  // 2. Glue punctuation to its neighbour.
  const merged: string[] = [];
  let open = "";
  for (const u of units) {
    if (OPENING.has(u)) open += u;
    else if (CLOSING.has(u) && merged.length > 0 && !open) merged[merged.length - 1] += u;
    else {
      merged.push(open + u);
      open = "";
    }
  }
  if (open) merged.push(open);
  if (merged.length <= 1) return [word];
  return merged.flatMap((u, i) => (i === 0 ? [u] : ["", u]));
}

const REGISTERED = Symbol.for("gz.pdf.fonts.registered");
type GuardedGlobal = typeof globalThis & { [REGISTERED]?: boolean };

/**
 * Register the fonts and the line-break callback once per process. The guard sits on globalThis, not
 * in this module, because dev-mode reloads re-evaluate this module while react-pdf (an external
 * package) keeps its font store.
 */
export function registerPdfFonts(): void {
  const g = globalThis as GuardedGlobal;
  if (g[REGISTERED]) return;
  Font.register({
    family: PDF_FONT_FAMILY,
    fonts: [
      { src: PDF_FONT_FILES.regular, fontWeight: 400 },
      { src: PDF_FONT_FILES.bold, fontWeight: 700 },
    ],
  });
  if (hasFallbackFont()) {
    Font.register({
      family: PDF_FALLBACK_FONT_FAMILY,
      fonts: [
        { src: PDF_FALLBACK_FONT_FILES.regular, fontWeight: 400 },
        { src: PDF_FALLBACK_FONT_FILES.bold, fontWeight: 700 },
      ],
    });
  }
  Font.registerHyphenationCallback(splitCjkForLineBreaks);
  g[REGISTERED] = true;
}
