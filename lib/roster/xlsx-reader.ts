import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import type { Scalar } from "./cells";
import { IMPORT_LIMITS } from "./constants";
import { entryDataRange, readCentralDirectory, type ZipEntryInfo } from "./zip-guard";

/**
 * A streaming reader of the cell values of an .xlsx workbook, for the roster import.
 *
 * Why not exceljs's streaming reader: it builds a full cell model with styles for every cell, which
 * made reading alone take as long as everything else the import does; and it decodes every zip chunk
 * to text on its own, so a Chinese character whose bytes straddle two chunks became "��" (exceljs
 * #2063, #2316). This reader only needs values: it inflates one part at a time with node:zlib,
 * decodes with one StringDecoder per part (incomplete characters carry over), and scans complete
 * <row> elements with regular expressions. It never holds a whole worksheet in memory.
 *
 * What it understands (SpreadsheetML as written by Excel, WPS, LibreOffice, exceljs, openpyxl and the
 * .NET SDK): sheets in workbook order through the relationships part; shared strings (rich text runs
 * joined, phonetic runs dropped); inline strings; cached formula results; booleans; errors (as empty);
 * ISO dates (t="d"); numbers, which become Dates when their style has a date format (built-in ids,
 * including the Chinese ones, or a custom format with y/m/d/h/s outside quotes and brackets), in the
 * 1900 or the 1904 date system; cells and rows without a reference; namespace prefixes (x:row);
 * character entities and the _xHHHH_ escapes of OOXML.
 *
 * Anything it cannot make sense of throws XlsxFormatError; the import reports "工作簿无法读取".
 * The zip itself is checked first by ./zip-guard.ts (sizes, entry count, encryption).
 */

export class XlsxFormatError extends Error {}

/** One row: `values[c]` is column c (1-based, so values[0] is unused), as in exceljs. */
export type SheetRow = { number: number; values: Scalar[] };
export type SheetReader = {
  name: string;
  /** The rows in the batches they were decoded in (hundreds each): one await per batch, not per row. */
  batches(): AsyncIterable<SheetRow[]>;
};

/** Largest single element (a row, a shared string) accepted while streaming: a guard against a part with no row ends. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;

// --- zip parts --------------------------------------------------------------------------------

type Parts = { buf: Buffer; entries: Map<string, ZipEntryInfo> };

function openParts(buf: Buffer): Parts {
  const list = readCentralDirectory(buf, IMPORT_LIMITS);
  if (typeof list === "string") throw new XlsxFormatError(list);
  return { buf, entries: new Map(list.map((e) => [e.name, e])) };
}

function compressed(parts: Parts, e: ZipEntryInfo): Buffer {
  const range = entryDataRange(parts.buf, e);
  if (!range || (e.method !== 0 && e.method !== 8)) throw new XlsxFormatError(`cannot read ${e.name}`);
  return parts.buf.subarray(range.start, range.end);
}

/** A small part (workbook, relationships, styles) as text. */
function partText(parts: Parts, name: string): string | null {
  const e = parts.entries.get(name);
  if (!e) return null;
  const data = compressed(parts, e);
  try {
    const raw = e.method === 0 ? data : inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
    return raw.toString("utf8");
  } catch {
    throw new XlsxFormatError(`cannot inflate ${name}`);
  }
}

/** A part as text chunks, inflated as it is read. */
async function* partChunks(parts: Parts, e: ZipEntryInfo): AsyncGenerator<string> {
  const data = compressed(parts, e);
  const decoder = new StringDecoder("utf8");
  if (e.method === 0) {
    for (let i = 0; i < data.length; i += INFLATE_CHUNK) yield decoder.write(data.subarray(i, i + INFLATE_CHUNK));
  } else {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK });
    inflater.end(data);
    let inflated = 0;
    try {
      for await (const chunk of inflater as AsyncIterable<Buffer>) {
        // Never more than the directory declared (which the zip guard bounded): a second line against a bomb.
        inflated += chunk.length;
        if (inflated > e.uncompressedSize) break;
        const text = decoder.write(chunk);
        if (text) yield text;
      }
    } catch {
      throw new XlsxFormatError(`cannot inflate ${e.name}`);
    }
    if (inflated > e.uncompressedSize) {
      inflater.destroy();
      throw new XlsxFormatError(`${e.name} inflates beyond its declared size`);
    }
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

/**
 * Streams a part and hands over text holding only complete `<p:tag>…</p:tag>` elements (and whatever
 * lies between them), cut after the last closing tag seen so far. The namespace prefix is the root
 * element's. A literal "</tag>" cannot occur in text: XML escapes "<".
 */
async function* completeElements(parts: Parts, e: ZipEntryInfo, root: string, tag: string): AsyncGenerator<{ text: string; prefix: string }> {
  let pending = "";
  let prefix: string | null = null;
  let close = "";
  for await (const chunk of partChunks(parts, e)) {
    pending += chunk;
    if (prefix === null) {
      const m = new RegExp(`<([A-Za-z_][\\w.-]*:)?${root}[\\s>/]`).exec(pending);
      if (!m) {
        if (pending.length > MAX_PENDING_CHARS) throw new XlsxFormatError(`no <${root}> in ${e.name}`);
        continue;
      }
      prefix = m[1] ?? "";
      close = `</${prefix}${tag}>`;
    }
    const cut = pending.lastIndexOf(close);
    if (cut < 0) {
      if (pending.length > MAX_PENDING_CHARS) throw new XlsxFormatError(`element too large in ${e.name}`);
      continue;
    }
    const end = cut + close.length;
    yield { text: pending.slice(0, end), prefix };
    pending = pending.slice(end);
  }
  if (prefix === null) throw new XlsxFormatError(`no <${root}> in ${e.name}`);
  if (pending) yield { text: pending, prefix };
}

// --- XML text -----------------------------------------------------------------------------------

const ENTITY = /&(#[xX][0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const OOXML_ESCAPE = /_x([0-9a-fA-F]{4})_/g;

function fromCode(code: number): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
}

const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

export function decodeXmlText(s: string): string {
  // Rare in spreadsheets, but legal XML: CDATA text is taken as is, the rest is entity-decoded.
  if (s.includes("<![CDATA[")) return s.split(CDATA).map((part, i) => (i % 2 ? part : decodeXmlText(part))).join("");
  if (s.includes("&")) {
    s = s.replace(ENTITY, (_, e: string) =>
      e[0] === "#" ? fromCode(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : NAMED[e],
    );
  }
  // Excel writes control characters (and a literal "_x" sequence, as _x005F_) this way.
  if (s.includes("_x")) s = s.replace(OOXML_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return s;
}

const ATTR = /([A-Za-z_][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(ATTR)) out[m[1]] = m[2] ?? m[3];
  return out;
}

/**
 * One attribute of a start tag's attribute text, without building a map: cells are read by the
 * hundred thousand and only r, s and t matter. Handles both quote styles.
 */
function attr(s: string, name: string): string | undefined {
  let from = 0;
  for (;;) {
    const i = s.indexOf(name, from);
    if (i < 0) return undefined;
    from = i + name.length;
    const before = i === 0 ? " " : s[i - 1];
    if (before !== " " && before !== "\t" && before !== "\n" && before !== "\r") continue;
    let j = from;
    while (s[j] === " ") j++;
    if (s[j] !== "=") continue;
    j++;
    while (s[j] === " ") j++;
    const q = s[j];
    if (q !== '"' && q !== "'") continue;
    const end = s.indexOf(q, j + 1);
    return end < 0 ? undefined : s.slice(j + 1, end);
  }
}

/** Regular expressions of one namespace prefix, compiled once. */
type Patterns = { row: RegExp; cell: RegExp; value: RegExp; inline: RegExp; text: RegExp; phonetic: RegExp; si: RegExp };
const patternCache = new Map<string, Patterns>();
function patterns(p: string): Patterns {
  let c = patternCache.get(p);
  if (!c) {
    c = {
      row: new RegExp(`<${p}row\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}row>)`, "g"),
      cell: new RegExp(`<${p}c\\b([^>]*?)(?:/>|>([\\s\\S]*?)</${p}c>)`, "g"),
      value: new RegExp(`<${p}v\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}v>)`),
      inline: new RegExp(`<${p}is\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}is>)`),
      text: new RegExp(`<${p}t\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}t>)`, "g"),
      phonetic: new RegExp(`<${p}rPh\\b[\\s\\S]*?</${p}rPh>`, "g"),
      si: new RegExp(`<${p}si\\b[^>]*?(?:/>|>([\\s\\S]*?)</${p}si>)`, "g"),
    };
    patternCache.set(p, c);
  }
  return c;
}

/** The text of a shared or inline string: its runs joined, phonetic guides left out. */
function stringItemText(body: string, pt: Patterns): string {
  if (body.includes("rPh")) body = body.replace(pt.phonetic, "");
  let out = "";
  pt.text.lastIndex = 0;
  for (const m of body.matchAll(pt.text)) out += m[1] ?? "";
  return decodeXmlText(out);
}

// --- workbook, styles, shared strings -----------------------------------------------------------

type SheetRef = { name: string; path: string };

function resolveTarget(target: string): string {
  const segments = (target.startsWith("/") ? target.slice(1) : `xl/${target}`).split("/");
  const out: string[] = [];
  for (const s of segments) {
    if (s === "..") out.pop();
    else if (s !== "." && s !== "") out.push(s);
  }
  return out.join("/");
}

function readWorkbook(parts: Parts): { sheets: SheetRef[]; date1904: boolean } {
  const workbook = partText(parts, "xl/workbook.xml");
  if (!workbook) throw new XlsxFormatError("no workbook part");
  const rels = partText(parts, "xl/_rels/workbook.xml.rels") ?? "";
  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    // Worksheets only: chart sheets and dialog sheets hold no cells.
    if (a.Id && a.Target && a.TargetMode !== "External" && /\/worksheet$/.test(a.Type ?? "")) targets.set(a.Id, resolveTarget(a.Target));
  }
  const sheets: SheetRef[] = [];
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    const rid = Object.entries(a).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path && parts.entries.has(path)) sheets.push({ name: decodeXmlText(a.name ?? ""), path });
  }
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbook);
  const d1904 = pr ? attributes(pr[1]).date1904 : undefined;
  return { sheets, date1904: d1904 === "1" || d1904 === "true" };
}

/** Built-in number formats that are dates or times (ECMA-376 §18.8.30 and the zh-CN locale's 27–36, 50–58). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

export function isDateFormatCode(code: string): boolean {
  const first = code.split(";")[0];
  const bare = first
    .replace(/"[^"]*"/g, "")
    .replace(/\\./g, "")
    .replace(/\[[^\]]*\]/g, "")
    .replace(/General/gi, "");
  return /[ymdhs]/i.test(bare);
}

/** For each cell style index (the s attribute): whether numbers in it are dates. */
function readDateStyles(parts: Parts): boolean[] {
  const styles = partText(parts, "xl/styles.xml");
  if (!styles) return [];
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<(?:[\w.-]+:)?numFmt\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.numFmtId && a.formatCode !== undefined) custom.set(Number(a.numFmtId), decodeXmlText(a.formatCode));
  }
  const xfs = /<(?:[\w.-]+:)?cellXfs\b[^>]*>([\s\S]*?)<\/(?:[\w.-]+:)?cellXfs>/.exec(styles);
  if (!xfs) return [];
  const out: boolean[] = [];
  for (const m of xfs[1].matchAll(/<(?:[\w.-]+:)?xf\b([^>]*)>/g)) {
    const id = Number(attributes(m[1]).numFmtId ?? 0);
    const code = custom.get(id);
    out.push(code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(id));
  }
  return out;
}

async function readSharedStrings(parts: Parts): Promise<string[]> {
  const e = parts.entries.get("xl/sharedStrings.xml");
  if (!e) return [];
  const out: string[] = [];
  for await (const { text, prefix } of completeElements(parts, e, "sst", "si")) {
    const pt = patterns(prefix);
    for (const m of text.matchAll(pt.si)) out.push(m[1] ? stringItemText(m[1], pt) : "");
  }
  return out;
}

// --- worksheets ---------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
/** Serial 25569 is 1970-01-01 in the 1900 system (Excel's phantom 1900-02-29 included, as Excel counts). */
const EPOCH_1900 = 25569;
const EPOCH_1904 = 24107;

function columnIndex(ref: string): number {
  let n = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
  }
  return n;
}

type SheetContext = { shared: string[]; dateStyles: boolean[]; date1904: boolean };

function cellValue(attrs: string, body: string | undefined, pt: Patterns, ctx: SheetContext): Scalar {
  const t = attr(attrs, "t") ?? "n";
  if (t === "inlineStr") {
    const is = body ? pt.inline.exec(body) : null;
    return is?.[1] ? stringItemText(is[1], pt) : "";
  }
  const v = body ? pt.value.exec(body)?.[1] : undefined;
  if (v === undefined) return null;
  switch (t) {
    case "s": {
      const s = ctx.shared[Number(v)];
      if (s === undefined) throw new XlsxFormatError(`shared string ${v} missing`);
      return s;
    }
    case "str":
      return decodeXmlText(v);
    case "b":
      return v.trim() === "1" || v.trim() === "true";
    case "e":
      return null;
    case "d": {
      const d = new Date(decodeXmlText(v).trim());
      return Number.isNaN(d.getTime()) ? decodeXmlText(v) : d;
    }
    default: {
      if (v.trim() === "") return null;
      // A numeric cell stays a number even when unparsable (NaN): "typed as a number" is what matters.
      const n = Number(v);
      const s = attr(attrs, "s");
      const style = s ? Number(s) : 0;
      if (ctx.dateStyles[style]) return new Date(Math.round((n - (ctx.date1904 ? EPOCH_1904 : EPOCH_1900)) * DAY_MS));
      return n;
    }
  }
}

async function* sheetRowBatches(parts: Parts, path: string, ctx: SheetContext): AsyncGenerator<SheetRow[]> {
  const e = parts.entries.get(path)!;
  let lastRow = 0;
  for await (const { text, prefix } of completeElements(parts, e, "worksheet", "row")) {
    const pt = patterns(prefix);
    const batch: SheetRow[] = [];
    for (const rm of text.matchAll(pt.row)) {
      const r = attr(rm[1], "r");
      const number = r ? Number(r) : lastRow + 1;
      if (!Number.isInteger(number) || number <= lastRow) throw new XlsxFormatError(`row ${r} out of order`);
      lastRow = number;
      const values: Scalar[] = [null];
      let col = 0;
      if (rm[2]) {
        for (const cm of rm[2].matchAll(pt.cell)) {
          const ref = attr(cm[1], "r");
          col = ref ? columnIndex(ref) : col + 1;
          if (col < 1 || col > 16384) throw new XlsxFormatError(`bad cell reference ${ref}`);
          const value = cellValue(cm[1], cm[2], pt, ctx);
          while (values.length < col) values.push(null);
          values[col] = value;
        }
      }
      batch.push({ number, values });
    }
    if (batch.length) yield batch;
  }
}

/** The worksheets of a workbook in workbook order, each streamed (in batches of rows) when iterated. */
export async function* readWorksheets(file: Buffer): AsyncGenerator<SheetReader> {
  const parts = openParts(file);
  const { sheets, date1904 } = readWorkbook(parts);
  if (sheets.length === 0) throw new XlsxFormatError("no worksheets");
  const ctx: SheetContext = { shared: await readSharedStrings(parts), dateStyles: readDateStyles(parts), date1904 };
  for (const s of sheets) {
    yield { name: s.name, batches: () => sheetRowBatches(parts, s.path, ctx) };
  }
}
