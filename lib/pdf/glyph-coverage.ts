import { getFallbackFontkitFont, getFontkitFont } from "./font-files";

/**
 * Characters of `text` the certificate font cannot draw (each once, in order). A name with such a
 * character would print as a blank box without the fallback font, so callers warn first.
 */
export function findMissingGlyphs(text: string): string[] {
  return classifyGlyphs(text).notInMainFont;
}

export type GlyphCoverage = {
  /** Not in Noto Serif SC: printed with the fallback font when it has them. */
  notInMainFont: string[];
  /** In neither font: would print as a blank box. */
  uncovered: string[];
};

/** Which characters of `text` need the fallback font, and which no embedded font can draw. */
export function classifyGlyphs(text: string): GlyphCoverage {
  const main = getFontkitFont("regular");
  const fallback = getFallbackFontkitFont("regular");
  const notInMainFont = new Set<string>();
  const uncovered = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    const cp = ch.codePointAt(0)!;
    if (main.hasGlyphForCodePoint(cp)) continue;
    notInMainFont.add(ch);
    if (!fallback?.hasGlyphForCodePoint(cp)) uncovered.add(ch);
  }
  return { notInMainFont: [...notInMainFont], uncovered: [...uncovered] };
}

export type GlyphIssues = {
  /** Printed with the fallback font: saved, with a warning per field. */
  warnings: string[];
  /** Not printable at all: one message per field, keyed by the field. */
  errors: Record<string, string>;
};

const quote = (chars: string[]) => chars.map((c) => `“${c}”`).join("");

/**
 * The warnings and errors of the certificate's printed fields (docs/domain.md §7): a character only
 * the fallback font has is a warning; one no embedded font has is an error — it would print as a box.
 */
export function certificateGlyphIssues(fields: { key: string; label: string; value: string | null | undefined }[]): GlyphIssues {
  const warnings: string[] = [];
  const errors: Record<string, string> = {};
  for (const { key, label, value } of fields) {
    if (!value) continue;
    const { notInMainFont, uncovered } = classifyGlyphs(value);
    const substituted = notInMainFont.filter((c) => !uncovered.includes(c));
    if (substituted.length) warnings.push(`${label}中的${quote(substituted)}不在证书字体中，将使用备用字体显示`);
    if (uncovered.length) errors[key] = `${label}中的${quote(uncovered)}证书字体均无法显示，打印时将是空白方框，请核对后改用规范字`;
  }
  return { warnings, errors };
}
