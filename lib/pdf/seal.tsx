import { Circle, Path, Svg } from "@react-pdf/renderer";
import type { Style } from "@react-pdf/types";
import { getFontkitFont } from "./font-files";

const SEAL_RED = "#D42A2A";
const INK_OPACITY = 0.82;

/** Five-pointed star centred on (cx, cy) with outer radius r. */
function starPath(cx: number, cy: number, r: number): string {
  const inner = r * 0.382;
  const pts: string[] = [];
  for (let k = 0; k < 10; k++) {
    const rad = ((k * 36 - 90) * Math.PI) / 180;
    const rr = k % 2 === 0 ? r : inner;
    pts.push(`${(cx + rr * Math.cos(rad)).toFixed(2)} ${(cy + rr * Math.sin(rad)).toFixed(2)}`);
  }
  return `M${pts.join("L")}Z`;
}

const arcTextCache = new Map<string, string>();

/**
 * The text along the upper arc as one outline path (bold glyphs, each rotated about the centre).
 * Thirteen separately laid-out SVG texts cost ≈ 15 ms per render; the outline is built once per
 * text and size and reused.
 */
function arcTextPath(text: string, size: number): string {
  const key = `${size}|${text}`;
  const cached = arcTextCache.get(key);
  if (cached !== undefined) return cached;
  const font = getFontkitFont("bold");
  const chars = Array.from(text);
  const c = size / 2;
  const ring = c - 2;
  // Up to 250° of the upper arc, centred on the top; long names get smaller characters, not overlaps.
  const span = Math.min(250, chars.length * 22);
  const step = chars.length > 1 ? span / (chars.length - 1) : 0;
  const maxFont = size * 0.12;
  const arcPerChar = (ring - 3.5 - maxFont * 0.55) * ((step * Math.PI) / 180);
  const fontSize = chars.length > 1 ? Math.min(maxFont, arcPerChar * 0.92) : maxFont;
  const textRadius = ring - 3.5 - fontSize * 0.55;
  const s = fontSize / font.unitsPerEm;
  const d = chars
    .map((ch, k) => {
      const glyph = font.glyphForCodePoint(ch.codePointAt(0)!);
      const theta = ((-span / 2 + k * step) * Math.PI) / 180;
      const cos = Math.cos(theta);
      const sin = Math.sin(theta);
      // Upright at the top: glyph centred on x = c, baseline just below the text radius; then rotated
      // by theta about (c, c). Font units are y-up, PDF/SVG y-down.
      const ex = c - (glyph.advanceWidth * s) / 2 - c;
      const fy = c - textRadius + fontSize * 0.38 - c;
      return glyph.path
        .transform(s * cos, s * sin, s * sin, -s * cos, cos * ex - sin * fy + c, sin * ex + cos * fy + c)
        .toSVG();
    })
    .join("")
    // 0.1 pt is far below what print or screen shows, and the path is ~40 % shorter in the PDF.
    .replace(/-?\d+\.\d+/g, (n) => String(Math.round(Number(n) * 10) / 10));
  arcTextCache.set(key, d);
  return d;
}

/**
 * A seal-like mark drawn in vector: a ring, the issuing authority's name on an arc, a star. It is a
 * typographic ornament that names the issuer, not a reproduction of a real seal; authenticity comes
 * from the QR verification. A province that has an authorised electronic seal (电子印章) would
 * replace this with its signed seal image.
 */
export function SealMark({ text, size, style }: { text: string; size: number; style?: Style }) {
  const c = size / 2;
  return (
    <Svg width={size} height={size} style={style}>
      <Circle cx={c} cy={c} r={c - 2} stroke={SEAL_RED} strokeWidth={2.6} fill="none" strokeOpacity={INK_OPACITY} />
      <Path d={starPath(c, c, size * 0.13)} fill={SEAL_RED} fillOpacity={INK_OPACITY} />
      <Path d={arcTextPath(text, size)} fill={SEAL_RED} fillOpacity={INK_OPACITY} />
    </Svg>
  );
}
