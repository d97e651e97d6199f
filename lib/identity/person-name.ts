/**
 * The name half of identity binding (docs/domain.md §11): a roster record or a certificate belongs
 * to an account only when the normalised 证件类型, 证件号码 **and 姓名** are equal. Pure and
 * dependency-free, so forms may use it too.
 */

/** Every glyph people type for the 间隔号 of a transliterated name (阿卜杜拉·买买提). */
const MIDDLE_DOTS = /[\u00B7\u2022\u2027\u2219\u22C5\u30FB\uFF65\u0387\u16EB\u2E31]/g;

/**
 * NFC; full-width ASCII (U+FF01–FF5E) and the ideographic space to half-width; every middle-dot
 * variant to U+00B7 (input methods differ, the name does not); whitespace trimmed and collapsed;
 * Latin letters upper-cased (passports print names in capitals, forms are typed in any case).
 */
export function normalizePersonName(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, " ")
    .replace(MIDDLE_DOTS, "\u00B7")
    .replace(/\s+/g, " ")
    .replace(/\s*\u00B7\s*/g, "\u00B7")
    .trim()
    .replace(/[a-z]+/g, (s) => s.toUpperCase());
}

export function personNamesMatch(a: string, b: string): boolean {
  const x = normalizePersonName(a);
  return x.length > 0 && x === normalizePersonName(b);
}
