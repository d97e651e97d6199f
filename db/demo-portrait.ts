/**
 * Synthetic ID-photo portraits for the demo data: a head, hair, neck and shoulders on a white wall,
 * drawn as SVG and rasterised by sharp into a phone-sized JPEG, which then goes through the same
 * server normaliser (lib/photos/normalize.ts) as an upload. Each person gets their own colours.
 */
import sharp from "sharp";
import { normalizeIdPhoto, type NormalizedPhoto } from "../lib/photos/normalize";

export type PortraitStyle = {
  /** Hair colour (CSS). */
  hair: string;
  /** Jacket colour (CSS). */
  jacket: string;
  skin?: string;
  /** Long hair framing the face (drawn behind the head down to the shoulders). */
  longHair?: boolean;
};

const WIDTH = 600;
const HEIGHT = 840;

function portraitSvg(s: PortraitStyle): string {
  const skin = s.skin ?? "#e0b698";
  const longHair = s.longHair ? `<path d="M168 300 Q160 560 210 600 L390 600 Q440 560 432 300 Z" fill="${s.hair}"/>` : "";
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">
  <rect width="${WIDTH}" height="${HEIGHT}" fill="#f7f7f5"/>
  ${longHair}
  <ellipse cx="300" cy="880" rx="330" ry="280" fill="${s.jacket}"/>
  <path d="M262 640 L300 720 L338 640 Z" fill="#f4f4f4"/>
  <rect x="252" y="430" width="96" height="220" rx="30" fill="${skin}"/>
  <ellipse cx="300" cy="290" rx="146" ry="150" fill="${s.hair}"/>
  <ellipse cx="300" cy="335" rx="120" ry="150" fill="${skin}"/>
  <ellipse cx="254" cy="320" rx="18" ry="8" fill="#2a2222"/>
  <ellipse cx="346" cy="320" rx="18" ry="8" fill="#2a2222"/>
  <path d="M300 335 L290 385 L308 385" fill="none" stroke="#b98a70" stroke-width="4"/>
  <ellipse cx="300" cy="420" rx="32" ry="9" fill="#b2605f"/>
</svg>`;
}

/** A JPEG as a phone would send it (600×840, quality 90). */
export async function demoPortraitJpeg(style: PortraitStyle): Promise<Buffer> {
  return sharp(Buffer.from(portraitSvg(style))).jpeg({ quality: 90 }).toBuffer();
}

const DECLARATION_STYLES = { 男: { hair: "#1f1a17", jacket: "#2c3854" }, 女: { hair: "#2e2119", jacket: "#5a3d6b", longHair: true } } satisfies Record<string, PortraitStyle>;
const normalisedCache = new Map<string, Promise<NormalizedPhoto>>();

/**
 * A normalised 证件照 for a demo or test declaration (docs/domain.md §16), made once per process and gender: the
 * synthetic portrait through the server's normaliser, as an upload would be stored.
 */
export function demoDeclarationPhoto(gender: "男" | "女" = "男"): Promise<NormalizedPhoto> {
  let photo = normalisedCache.get(gender);
  if (!photo) {
    photo = demoPortraitJpeg(DECLARATION_STYLES[gender]).then(async (jpeg) => {
      const n = await normalizeIdPhoto(jpeg);
      if (!n.ok) throw new Error(`demo declaration photo rejected: ${n.errors.map((e) => e.message).join("；")}`);
      return n;
    });
    normalisedCache.set(gender, photo);
  }
  return photo;
}
