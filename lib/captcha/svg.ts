/**
 * Draws a captcha question as an SVG of stroked paths — no <text>, so the answer is not in the markup
 * for a script to read — with each character rotated, scaled and wobbled, over noise curves and dots.
 * Randomness here only shapes the drawing; the question itself comes from crypto.randomInt.
 */
type Point = [number, number];
type Glyph = Point[][];

/** Strokes on a 10 × 16 grid. */
const GLYPHS: Record<string, Glyph> = {
  "0": [[[2, 1], [8, 1], [9, 3], [9, 13], [8, 15], [2, 15], [1, 13], [1, 3], [2, 1]]],
  "1": [[[3, 4], [6, 1], [6, 15]], [[3, 15], [9, 15]]],
  "2": [[[1, 4], [2, 1], [8, 1], [9, 4], [9, 6], [1, 15], [9, 15]]],
  "3": [[[1, 2], [8, 1], [9, 4], [8, 7], [4, 8]], [[4, 8], [8, 9], [9, 12], [8, 15], [1, 14]]],
  "4": [[[7, 15], [7, 1], [1, 11], [9, 11]]],
  "5": [[[9, 1], [2, 1], [1, 7], [7, 7], [9, 10], [8, 14], [5, 15], [1, 14]]],
  "6": [[[8, 1], [4, 2], [1, 8], [1, 13], [3, 15], [7, 15], [9, 12], [8, 8], [4, 8], [1, 10]]],
  "7": [[[1, 1], [9, 1], [4, 15]]],
  "8": [[[5, 8], [2, 6], [2, 3], [4, 1], [6, 1], [8, 3], [8, 6], [5, 8], [1, 11], [2, 14], [4, 15], [6, 15], [8, 14], [9, 11], [5, 8]]],
  "9": [[[9, 6], [6, 8], [2, 7], [1, 4], [3, 1], [7, 1], [9, 4], [9, 9], [7, 14], [2, 15]]],
  "+": [[[5, 4], [5, 12]], [[1, 8], [9, 8]]],
  "-": [[[1, 8], [9, 8]]],
  "=": [[[1, 6], [9, 6]], [[1, 10], [9, 10]]],
  "?": [[[1, 4], [3, 1], [7, 1], [9, 4], [8, 7], [5, 9], [5, 11]], [[5, 14], [5, 15.5]]],
};

export const CAPTCHA_WIDTH = 168;
export const CAPTCHA_HEIGHT = 52;

const rand = (min: number, max: number) => min + Math.random() * (max - min);
const f = (n: number) => n.toFixed(1);
const INKS = ["#1e3a8a", "#7c2d12", "#14532d", "#581c87", "#0f172a", "#9f1239"];

function glyphPaths(ch: string, x0: number): string {
  const strokes = GLYPHS[ch];
  if (!strokes) throw new Error(`captcha: no glyph for ${JSON.stringify(ch)}`);
  const scale = rand(1.9, 2.4);
  const angle = (rand(-18, 18) * Math.PI) / 180;
  const cx = 5;
  const cy = 8;
  const y0 = CAPTCHA_HEIGHT / 2 + rand(-4, 4);
  const ink = INKS[Math.floor(Math.random() * INKS.length)];
  const width = f(rand(2.2, 3.2));
  return strokes
    .map((stroke) => {
      const pts = stroke.map(([gx, gy]) => {
        const dx = (gx - cx + rand(-0.45, 0.45)) * scale;
        const dy = (gy - cy + rand(-0.45, 0.45)) * scale;
        return [x0 + dx * Math.cos(angle) - dy * Math.sin(angle), y0 + dx * Math.sin(angle) + dy * Math.cos(angle)];
      });
      const d = pts.map(([x, y], i) => `${i ? "L" : "M"}${f(x)} ${f(y)}`).join("");
      return `<path d="${d}" fill="none" stroke="${ink}" stroke-width="${width}" stroke-linecap="round" stroke-linejoin="round"/>`;
    })
    .join("");
}

function noise(): string {
  const out: string[] = [];
  for (let i = 0; i < 5; i++) {
    const y1 = rand(5, CAPTCHA_HEIGHT - 5);
    const y2 = rand(5, CAPTCHA_HEIGHT - 5);
    const d = `M0 ${f(y1)}C${f(rand(30, 70))} ${f(rand(0, CAPTCHA_HEIGHT))} ${f(rand(90, 140))} ${f(rand(0, CAPTCHA_HEIGHT))} ${CAPTCHA_WIDTH} ${f(y2)}`;
    out.push(`<path d="${d}" fill="none" stroke="${INKS[i % INKS.length]}" stroke-opacity="0.45" stroke-width="${f(rand(0.8, 1.8))}"/>`);
  }
  for (let i = 0; i < 40; i++) {
    out.push(`<circle cx="${f(rand(0, CAPTCHA_WIDTH))}" cy="${f(rand(0, CAPTCHA_HEIGHT))}" r="${f(rand(0.6, 1.6))}" fill="#334155" fill-opacity="0.5"/>`);
  }
  return out.join("");
}

/** `question` uses only 0–9 + - = ? and spaces (spaces just add room). */
export function renderCaptchaSvg(question: string): string {
  const chars = [...question].filter((c) => c !== " ");
  const step = (CAPTCHA_WIDTH - 20) / chars.length;
  const glyphs = chars.map((c, i) => glyphPaths(c, 14 + i * step + rand(-2, 2))).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${CAPTCHA_WIDTH}" height="${CAPTCHA_HEIGHT}" viewBox="0 0 ${CAPTCHA_WIDTH} ${CAPTCHA_HEIGHT}">` +
    `<rect width="100%" height="100%" fill="#f8fafc"/>${noise()}${glyphs}</svg>`
  );
}
