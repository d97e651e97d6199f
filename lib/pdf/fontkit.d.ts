// fontkit 2 ships no types; the little we use (react-pdf uses fontkit internally).
declare module "fontkit" {
  export interface Path {
    transform(m0: number, m1: number, m2: number, m3: number, m4: number, m5: number): Path;
    toSVG(): string;
  }
  export interface Glyph {
    advanceWidth: number;
    path: Path;
  }
  export interface Font {
    postscriptName: string;
    unitsPerEm: number;
    hasGlyphForCodePoint(codePoint: number): boolean;
    glyphForCodePoint(codePoint: number): Glyph;
  }
  export function openSync(filename: string, postscriptName?: string): Font;
}
