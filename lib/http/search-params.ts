// Reading a page's searchParams: pure functions shared by every list page.
import { checkText } from "@/lib/validation/text";

export type SearchParams = Record<string, string | string[] | undefined>;

/** The first value of a query parameter; an empty value (`?q=`) counts as absent. */
export function first(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s === "" ? undefined : s;
}

/** Search text from a GET form, NFC, trimmed and bounded; text the rule refuses (NUL …) means no search. */
export function searchText(v: string | string[] | undefined): string | undefined {
  const raw = first(v);
  if (raw === undefined) return undefined;
  const check = checkText(raw, "关键词");
  return (check.ok && check.value.slice(0, 60)) || undefined;
}

/**
 * A query parameter that must be one of an enum's values (a tuple of db/schema/enums.ts); anything
 * else counts as absent. (`s in LABELS` would also accept "toString" and other inherited keys.)
 */
export function oneOf<T extends string>(values: readonly T[], v: string | string[] | undefined): T | undefined {
  const s = first(v);
  return (values as readonly string[]).includes(s ?? "") ? (s as T) : undefined;
}

export function yearParam(v: string | string[] | undefined): number | undefined {
  const n = Number(first(v));
  return Number.isInteger(n) && n >= 1950 && n <= 2100 ? n : undefined;
}
