import { getFontkitFont } from "./font-files";

/**
 * Characters of `text` the certificate font cannot draw (each once, in order). A name with such a
 * character would print as a blank box, so callers (roster import, the PDF route) can warn first.
 */
export function findMissingGlyphs(text: string): string[] {
  const font = getFontkitFont("regular");
  const missing = new Set<string>();
  for (const ch of text) {
    if (/\s/.test(ch)) continue;
    if (!font.hasGlyphForCodePoint(ch.codePointAt(0)!)) missing.add(ch);
  }
  return [...missing];
}
