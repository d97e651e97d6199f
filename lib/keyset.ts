import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * Keyset ("seek") pagination for the long back-office lists (roster, 证书管理, 审计日志): a page is
 * asked for by the sort key of the row before it (`?after=`) or after it (`?before=`), never by an
 * OFFSET, so the 5,000th page costs what the first does (tests/bench/lists.bench.ts).
 *
 * A cursor is opaque to the browser: base64url of a JSON array of the sort key's values. It is decoded
 * against the list's own shape and anything else (tampered, too long, wrong types) reads as "no
 * cursor", i.e. the first page — a cursor grants nothing, every query still applies its own scope.
 */

export type KeysetRequest = { after?: string; before?: string };
export type CursorValue = string | number;
export type CursorShape = readonly ("string" | "int")[];

/** The page the list shows and the cursors of its neighbours (undefined: no such page). */
export type KeysetPage<T> = { rows: T[]; nextCursor?: string; prevCursor?: string };

const MAX_CURSOR_LENGTH = 512;

export function encodeCursor(values: readonly CursorValue[]): string {
  return Buffer.from(JSON.stringify(values), "utf8").toString("base64url");
}

export function decodeCursor(raw: string | undefined, shape: CursorShape): CursorValue[] | undefined {
  if (!raw || raw.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(raw)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) return undefined;
  for (let i = 0; i < shape.length; i++) {
    const v: unknown = parsed[i];
    if (shape[i] === "int" ? !(typeof v === "string" && /^-?\d{1,19}$/.test(v)) : !(typeof v === "string" && v.length <= 200)) return undefined;
  }
  return parsed as CursorValue[];
}

/** `?after=` / `?before=` from a page's searchParams (at most one is used: `before` wins). */
export function keysetRequest(params: Record<string, string | string[] | undefined>): KeysetRequest {
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const before = one(params.before);
  if (before) return { before };
  const after = one(params.after);
  return after ? { after } : {};
}

/**
 * Assembles a page from rows fetched with LIMIT pageSize + 1 in the direction asked: forward (first
 * page or `after`) in list order, backward (`before`) in reverse list order.
 */
export function keysetPage<T>(fetched: T[], pageSize: number, direction: "forward" | "backward", hadCursor: boolean, cursorOf: (row: T) => CursorValue[]): KeysetPage<T> {
  const more = fetched.length > pageSize;
  const page = fetched.slice(0, pageSize);
  const rows = direction === "backward" ? page.reverse() : page;
  if (rows.length === 0) return { rows };
  const first = encodeCursor(cursorOf(rows[0]));
  const last = encodeCursor(cursorOf(rows[rows.length - 1]));
  return direction === "forward"
    ? { rows, nextCursor: more ? last : undefined, prevCursor: hadCursor ? first : undefined }
    : { rows, nextCursor: last, prevCursor: more ? first : undefined };
}

/** A timestamptz as microseconds since the epoch (text): exact, unlike a JS Date (milliseconds). */
export function epochMicros(column: SQLWrapper): SQL<string> {
  return sql<string>`(extract(epoch from ${column}) * 1000000)::bigint::text`;
}

/** The timestamptz of epochMicros's value. */
export function fromEpochMicros(micros: CursorValue): SQL {
  return sql`(timestamptz 'epoch' + ${String(micros)}::bigint * interval '1 microsecond')`;
}
