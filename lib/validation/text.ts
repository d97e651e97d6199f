import { z } from "zod";

/**
 * The one rule for user-supplied text (docs/domain.md §10 "Text"). Text is NFC-normalised and may not
 * contain characters a reader cannot see but a printer, a terminal or the database reacts to:
 * - controls (Unicode Cc: NUL, C0, DEL, C1) — except TAB, LF and CR in multi-line fields;
 * - format characters (Cf): bidi embeddings/overrides/isolates/marks (U+202A–U+202E, U+2066–U+2069,
 *   U+200E/U+200F, U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF), soft hyphen, tags…
 *   ZWJ (U+200D) only where a field asks for it (`allowZwj`): no Chinese name needs it;
 * - line and paragraph separators (U+2028, U+2029);
 * - lone surrogates (half of a UTF-16 pair: not a character at all).
 * The middle dot `·` (U+00B7) of names like 阿依古丽·买买提 is ordinary punctuation and stays allowed.
 * Private-use and not-yet-assigned code points are allowed: rare CJK characters arrive as both.
 */
export type TextOptions = { multiline?: boolean; allowZwj?: boolean };

const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
const FORBIDDEN_ALL = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const MULTILINE_OK = new Set([0x09, 0x0a, 0x0d]);
const ZWJ = 0x200d;

function allowed(cp: number, opts: TextOptions): boolean {
  return (opts.multiline === true && MULTILINE_OK.has(cp)) || (opts.allowZwj === true && cp === ZWJ);
}

/** The first code point the rule refuses, or null. */
export function findForbiddenChar(s: string, opts: TextOptions = {}): number | null {
  if (!FORBIDDEN.test(s)) return null;
  for (const m of s.matchAll(FORBIDDEN_ALL)) {
    const cp = m[0].codePointAt(0)!;
    if (!allowed(cp, opts)) return cp;
  }
  return null;
}

export function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** 「姓名包含不可见或控制字符（U+202E），请删除后重新输入」 */
export function forbiddenCharMessage(label: string, cp: number): string {
  return `${label}包含不可见或控制字符（${codePointLabel(cp)}），请删除后重新输入`;
}

export function normalizeText(s: string): string {
  // A lone surrogate survives normalize() unchanged; the check below refuses it.
  return s.normalize("NFC");
}

export type TextCheck = { ok: true; value: string } | { ok: false; codePoint: number; message: string };

/** The rule for callers outside zod: NFC, trimmed, refused with the field's message. */
export function checkText(raw: string, label: string, opts: TextOptions = {}): TextCheck {
  const value = normalizeText(raw).trim();
  const cp = findForbiddenChar(value, opts);
  return cp === null ? { ok: true, value } : { ok: false, codePoint: cp, message: forbiddenCharMessage(label, cp) };
}

/** True when the text passes the rule (for values that are data but not a form field: headers, params). */
export function isSafeText(s: string, opts: TextOptions = {}): boolean {
  return findForbiddenChar(s, opts) === null;
}

/**
 * The text as a report may show it: every refused character replaced by its code point in brackets
 * (「张\u0000三」 → 「张<U+0000>三」), so an error report can name it and the database can store it.
 */
export function visibleText(s: string): string {
  if (!FORBIDDEN.test(s)) return s;
  return s.replace(FORBIDDEN_ALL, (c) => `<${codePointLabel(c.codePointAt(0)!)}>`);
}

export type SafeTextOptions = TextOptions & {
  /** The field's Chinese name, used in every message. */
  label: string;
  /** Maximum length after normalisation: 「{label}不能超过{max}个字」. */
  max?: number;
};

/**
 * A zod string with the text rule: NFC, forbidden characters refused (and nothing else checked for
 * that value), then trimmed. Chain `.min()`, `.regex()`, `.optional()` as on `z.string()`.
 */
export function safeText({ label, max, ...opts }: SafeTextOptions) {
  const schema = z
    .string({ error: `请填写${label}` })
    .overwrite(normalizeText)
    .check(
      z.superRefine((value: string, ctx) => {
        const cp = findForbiddenChar(value, opts);
        if (cp !== null) ctx.addIssue({ code: "custom", message: forbiddenCharMessage(label, cp), continue: false });
      }),
    )
    .trim();
  return max === undefined ? schema : schema.max(max, `${label}不能超过${max}个字`);
}
