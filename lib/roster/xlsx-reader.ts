import { StringDecoder } from "node:string_decoder";
import { createInflateRaw, inflateRawSync } from "node:zlib";
import type { Scalar } from "./cells";
import { columnLetter } from "./columns";
import { IMPORT_LIMITS } from "./constants";
import { excelSerialToDate } from "./dates";
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
 * .NET SDK): parts found through the relationships (_rels/.rels → the workbook, whatever its name; the
 * workbook's rels → worksheets in workbook order, shared strings, styles; relative and absolute
 * targets); zip entries with data descriptors; shared strings (rich text runs joined, phonetic runs
 * dropped) or, without a shared strings part, inline strings only; cached formula results; booleans;
 * errors (as empty); ISO dates (t="d"); numbers, which become Dates when their style has a date format
 * (built-in ids, including the Chinese ones, or a custom format with y/m/d/h/s outside quotes and
 * brackets), in the 1900 or the 1904 date system (workbookPr date1904, read before any sheet and also
 * reported as SheetReader.date1904 for serials without a date format); cells and rows without a
 * reference; namespace prefixes (x:row); character entities and the _xHHHH_ escapes of OOXML; merged
 * ranges, reported as they are (values stay in the top-left cell) for the importer to judge.
 * The rules are written up in docs/xlsx-import.md.
 *
 * Anything it cannot make sense of throws XlsxFormatError; the import reports "工作簿无法读取".
 * The zip itself is checked first by ./zip-guard.ts (sizes, entry count, encryption).
 */

export class XlsxFormatError extends Error {}

/** Which reading limit a workbook crossed (docs/xlsx-import.md); the importer words the message. */
export type XlsxLimit =
  | { kind: "column"; row: number; ref: string }
  | { kind: "rows"; max: number }
  | { kind: "cells"; max: number }
  | { kind: "sharedStrings"; max: number }
  | { kind: "sharedStringChars"; max: number }
  | { kind: "partSize"; part: string; max: number };

/** A workbook that is well-formed but larger than the import reads: refused before it costs memory or time. */
export class XlsxLimitError extends XlsxFormatError {
  constructor(readonly limit: XlsxLimit) {
    super(`xlsx limit: ${limit.kind}`);
  }
}

export type ReadLimits = Pick<
  typeof IMPORT_LIMITS,
  "maxZipEntries" | "maxUncompressedBytes" | "maxSheetRows" | "maxColumns" | "maxCells" | "maxSharedStrings" | "maxSharedStringChars" | "maxPartBytes" | "maxSmallPartBytes"
>;

/** One row: `values[c]` is column c (1-based, so values[0] is unused), as in exceljs. */
export type SheetRow = { number: number; values: Scalar[] };
/** A merged range of a sheet, as written in its <mergeCell ref="C5:D5"/>; rows and columns 1-based. */
export type MergedRange = { ref: string; top: number; left: number; bottom: number; right: number };
export type SheetReader = {
  name: string;
  /**
   * The workbook counts date serials from 1904-01-01 (<workbookPr date1904="1"/>). Date-formatted
   * cells already come out as Dates; this is for numbers without a date format (./cells.ts convertDate).
   */
  date1904: boolean;
  /** The rows in the batches they were decoded in (hundreds each): one await per batch, not per row. */
  batches(): AsyncIterable<SheetRow[]>;
  /**
   * The sheet's merged ranges. SpreadsheetML writes <mergeCells> after <sheetData>, so a streaming
   * reader knows them only at the end: complete once batches() has been iterated to its end.
   */
  mergedRanges(): readonly MergedRange[];
};

/** Largest single element (a row, a shared string) accepted while streaming: a guard against a part with no row ends. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;
const INFLATE_CHUNK = 256 * 1024;

// --- zip parts --------------------------------------------------------------------------------

type Parts = { buf: Buffer; entries: Map<string, ZipEntryInfo>; lowerCase: Map<string, ZipEntryInfo>; limits: ReadLimits };

/**
 * Sizes and offsets come from the central directory only; local headers are read just for the length
 * of their name and extra field. So entries written with a data descriptor (general-purpose bit 3:
 * zeros in the local header, sizes after the data), as exceljs's streaming writer writes every entry,
 * read like any other.
 */
function openParts(buf: Buffer, limits: ReadLimits): Parts {
  const list = readCentralDirectory(buf, limits);
  if (typeof list === "string") throw new XlsxFormatError(list);
  return { buf, entries: new Map(list.map((e) => [e.name, e])), lowerCase: new Map(list.map((e) => [e.name.toLowerCase(), e])), limits };
}

/** A part by name. OPC part names are case-insensitive (ECMA-376 Part 2 §9.1.1.1); exact spelling is tried first. */
function entry(parts: Parts, name: string): ZipEntryInfo | undefined {
  return parts.entries.get(name) ?? parts.lowerCase.get(name.toLowerCase());
}

function compressed(parts: Parts, e: ZipEntryInfo): Buffer {
  const range = entryDataRange(parts.buf, e);
  if (!range || (e.method !== 0 && e.method !== 8)) throw new XlsxFormatError(`cannot read ${e.name}`);
  return parts.buf.subarray(range.start, range.end);
}

/** A small part (workbook, relationships, styles) as text. */
function partText(parts: Parts, name: string): string | null {
  const e = entry(parts, name);
  if (!e) return null;
  // Declared sizes are what the reader inflates at most (below), so checking them bounds the work.
  if (e.uncompressedSize > parts.limits.maxSmallPartBytes) throw new XlsxLimitError({ kind: "partSize", part: e.name, max: parts.limits.maxSmallPartBytes });
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
  if (e.uncompressedSize > parts.limits.maxPartBytes) throw new XlsxLimitError({ kind: "partSize", part: e.name, max: parts.limits.maxPartBytes });
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
type Patterns = { row: RegExp; cell: RegExp; value: RegExp; inline: RegExp; text: RegExp; phonetic: RegExp; si: RegExp; mergeCell: RegExp };
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
      mergeCell: new RegExp(`<${p}mergeCell\\b([^>]*?)/?>`, "g"),
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

/**
 * A relationship target as a part name (no leading slash): absolute targets ("/xl/workbook.xml") from
 * the package root, relative ones from the folder of the part the relationships belong to.
 */
export function resolveTarget(sourcePart: string, target: string): string {
  let t = decodeXmlText(target).split("#")[0];
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: take it as written.
  }
  const base = t.startsWith("/") ? "" : sourcePart.slice(0, sourcePart.lastIndexOf("/") + 1);
  const out: string[] = [];
  for (const s of (base + t).split("/")) {
    if (s === "..") out.pop();
    else if (s !== "." && s !== "") out.push(s);
  }
  return out.join("/");
}

/** The relationships part of a part: `<dir>/_rels/<name>.rels`; the package's own is "_rels/.rels". */
function relsPathOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

type Relationship = { id: string; type: string; path: string };

/** The internal relationships of a part (external links are of no use here); none when it has no rels part. */
function readRelationships(parts: Parts, sourcePart: string): Relationship[] {
  const rels = partText(parts, relsPathOf(sourcePart));
  if (!rels) return [];
  const out: Relationship[] = [];
  for (const m of rels.matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    if (a.Id && a.Target && a.TargetMode !== "External") out.push({ id: a.Id, type: a.Type ?? "", path: resolveTarget(sourcePart, a.Target) });
  }
  return out;
}

/** Type URIs differ between transitional and strict OOXML; the last segment does not. */
function ofType(rels: Relationship[], kind: string): Relationship[] {
  return rels.filter((r) => r.type.endsWith(`/${kind}`));
}

type WorkbookParts = { sheets: SheetRef[]; date1904: boolean; sharedStrings: string | null; styles: string | null };

/**
 * Finds the parts through the relationships, as the Open Packaging Conventions define them: the
 * package's _rels/.rels names the workbook (officeDocument); the workbook's rels name its worksheets,
 * shared strings and styles. Writers that omit a relationship fall back to the usual names
 * (xl/workbook.xml; sharedStrings.xml and styles.xml beside the workbook). A missing shared strings
 * part means inline strings only; missing styles mean no date formats.
 */
function readWorkbook(parts: Parts): WorkbookParts {
  const office = ofType(readRelationships(parts, ""), "officeDocument").find((r) => entry(parts, r.path));
  const workbookPath = office?.path ?? "xl/workbook.xml";
  const workbook = partText(parts, workbookPath);
  if (!workbook) throw new XlsxFormatError("no workbook part");
  const rels = readRelationships(parts, workbookPath);
  const dir = workbookPath.slice(0, workbookPath.lastIndexOf("/") + 1);
  const optional = (kind: string, usual: string): string | null => {
    const named = ofType(rels, kind).find((r) => entry(parts, r.path));
    if (named) return named.path;
    return entry(parts, dir + usual) ? dir + usual : null;
  };
  // Worksheets only: chart sheets and dialog sheets hold no cells.
  const targets = new Map(ofType(rels, "worksheet").map((r) => [r.id, r.path]));
  const sheets: SheetRef[] = [];
  for (const m of workbook.matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const a = attributes(m[1]);
    const rid = Object.entries(a).find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
    const path = rid ? targets.get(rid) : undefined;
    if (path && entry(parts, path)) sheets.push({ name: decodeXmlText(a.name ?? ""), path });
  }
  // Read before any sheet: the date system decides what every date serial means.
  const pr = /<(?:[\w.-]+:)?workbookPr\b([^>]*)>/.exec(workbook);
  const d1904 = pr ? attributes(pr[1]).date1904 : undefined;
  return {
    sheets,
    date1904: d1904 === "1" || d1904 === "true",
    sharedStrings: optional("sharedStrings", "sharedStrings.xml"),
    styles: optional("styles", "styles.xml"),
  };
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
function readDateStyles(parts: Parts, path: string | null): boolean[] {
  const styles = path ? partText(parts, path) : null;
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

async function readSharedStrings(parts: Parts, path: string | null): Promise<string[]> {
  const e = path ? entry(parts, path) : undefined;
  if (!e) return [];
  const out: string[] = [];
  const { maxSharedStrings, maxSharedStringChars } = parts.limits;
  let chars = 0;
  for await (const { text, prefix } of completeElements(parts, e, "sst", "si")) {
    const pt = patterns(prefix);
    for (const m of text.matchAll(pt.si)) {
      const s = m[1] ? stringItemText(m[1], pt) : "";
      chars += s.length;
      if (out.length >= maxSharedStrings) throw new XlsxLimitError({ kind: "sharedStrings", max: maxSharedStrings });
      if (chars > maxSharedStringChars) throw new XlsxLimitError({ kind: "sharedStringChars", max: maxSharedStringChars });
      out.push(s);
    }
  }
  return out;
}

// --- worksheets ---------------------------------------------------------------------------------

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

/** `budget` counts rows and cells over the whole workbook: every sheet, every <row> and <c> element. */
type SheetContext = { shared: string[]; dateStyles: boolean[]; date1904: boolean; limits: ReadLimits; budget: { rows: number; cells: number } };

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
      if (ctx.dateStyles[style]) return excelSerialToDate(n, ctx.date1904);
      return n;
    }
  }
}

const CELL_REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/;

/** "C5:D5" (or a single "C5") as a range; null when it is not a cell range. */
export function parseRange(ref: string): MergedRange | null {
  const [a, b = a] = ref.trim().split(":");
  const from = CELL_REF.exec(a ?? "");
  const to = CELL_REF.exec(b ?? "");
  if (!from || !to) return null;
  const [c1, r1, c2, r2] = [columnIndex(from[1]), Number(from[2]), columnIndex(to[1]), Number(to[2])];
  return { ref: ref.trim().toUpperCase().replace(/\$/g, ""), top: Math.min(r1, r2), bottom: Math.max(r1, r2), left: Math.min(c1, c2), right: Math.max(c1, c2) };
}

/**
 * Merged cells are reported, never filled in: the reader gives each cell what the file stores, which
 * for a merge is the value in its top-left cell and nothing in the others. What a merge means for the
 * roster is the importer's decision (./import-parse.ts: a merged title above the header is fine, a
 * merge over data is refused; docs/xlsx-import.md).
 */
function collectMerges(text: string, pt: Patterns, into: MergedRange[]): void {
  if (!text.includes("mergeCell")) return;
  for (const m of text.matchAll(pt.mergeCell)) {
    const ref = attr(m[1], "ref");
    const range = ref ? parseRange(decodeXmlText(ref)) : null;
    if (range) into.push(range);
  }
}

async function* sheetRowBatches(parts: Parts, path: string, ctx: SheetContext, merges: MergedRange[]): AsyncGenerator<SheetRow[]> {
  const e = entry(parts, path)!;
  let lastRow = 0;
  merges.length = 0;
  for await (const { text, prefix } of completeElements(parts, e, "worksheet", "row")) {
    const pt = patterns(prefix);
    // <mergeCells> follows <sheetData>, so it arrives in the text after the last row.
    collectMerges(text, pt, merges);
    const batch: SheetRow[] = [];
    const { maxSheetRows, maxCells, maxColumns } = ctx.limits;
    const budget = ctx.budget;
    for (const rm of text.matchAll(pt.row)) {
      // Every <row> counts, empty or not: 200,000 rows of nothing are still 200,000 rows to scan.
      if (++budget.rows > maxSheetRows) throw new XlsxLimitError({ kind: "rows", max: maxSheetRows });
      const r = attr(rm[1], "r");
      const number = r ? Number(r) : lastRow + 1;
      if (!Number.isInteger(number) || number <= lastRow) throw new XlsxFormatError(`row ${r} out of order`);
      lastRow = number;
      const values: Scalar[] = [null];
      let col = 0;
      if (rm[2]) {
        for (const cm of rm[2].matchAll(pt.cell)) {
          if (++budget.cells > maxCells) throw new XlsxLimitError({ kind: "cells", max: maxCells });
          const ref = attr(cm[1], "r");
          col = ref ? columnIndex(ref) : col + 1;
          if (col < 1 || col > 16384) throw new XlsxFormatError(`bad cell reference ${ref}`);
          const value = cellValue(cm[1], cm[2], pt, ctx);
          if (col > maxColumns) {
            // Padding the row out to column XFD for one value is what made a 3.5 KB file cost gigabytes.
            // An empty (formatted) cell out there is skipped; a value is refused, naming its cell.
            if (value === null || value === "") continue;
            throw new XlsxLimitError({ kind: "column", row: number, ref: ref ? ref.replace(/\$/g, "").toUpperCase() : `${columnLetter(col)}${number}` });
          }
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
export async function* readWorksheets(file: Buffer, limits: ReadLimits = IMPORT_LIMITS): AsyncGenerator<SheetReader> {
  const parts = openParts(file, limits);
  const wb = readWorkbook(parts);
  if (wb.sheets.length === 0) throw new XlsxFormatError("no worksheets");
  const ctx: SheetContext = {
    shared: await readSharedStrings(parts, wb.sharedStrings),
    dateStyles: readDateStyles(parts, wb.styles),
    date1904: wb.date1904,
    limits,
    budget: { rows: 0, cells: 0 },
  };
  for (const s of wb.sheets) {
    const merges: MergedRange[] = [];
    yield { name: s.name, date1904: wb.date1904, batches: () => sheetRowBatches(parts, s.path, ctx, merges), mergedRanges: () => merges };
  }
}
