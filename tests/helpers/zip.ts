/** A tiny zip writer for crafting hostile or unusual .xlsx files in tests (lying sizes, many entries). */
import { crc32, deflateRawSync } from "node:zlib";

export type ZipEntry = { name: string; data: Buffer | string; store?: boolean; declaredSize?: number };

/**
 * `dataDescriptor`: write every entry as a streaming writer does (exceljs's WorkbookWriter, via
 * archiver): general-purpose bit 3 set, CRC and sizes zero in the local header, followed by a data
 * descriptor after the data; only the central directory has them up front.
 */
export function buildZip(entries: ZipEntry[], opts: { dataDescriptor?: boolean } = {}): Buffer {
  const dd = opts.dataDescriptor === true;
  const flags = 0x0800 | (dd ? 0x0008 : 0); // UTF-8 names (+ data descriptor)
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const raw = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, "utf8");
    const body = e.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(e.name, "utf8");
    const size = e.declaredSize ?? raw.length;
    const crc = crc32(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(dd ? 0 : crc, 14);
    local.writeUInt32LE(dd ? 0 : body.length, 18);
    local.writeUInt32LE(dd ? 0 : size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    let descriptorLength = 0;
    if (dd) {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(body.length, 8);
      descriptor.writeUInt32LE(size, 12);
      locals.push(descriptor);
      descriptorLength = descriptor.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length + descriptorLength;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function contentTypes(workbook: string, sheet: string, styles: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${workbook}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/${sheet}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/${styles}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`;
}
const rels = (workbook: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${workbook}"/></Relationships>`;
const workbookXml = (date1904: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">${date1904 ? `<workbookPr date1904="1"/>` : ""}<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const workbookRels = (sheetTarget: string, stylesTarget: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="${sheetTarget}"/><Relationship Id="rId2" Type="${REL}/styles" Target="${stylesTarget}"/></Relationships>`;
// numFmt 14 is the built-in short date: cells with s="1" are dates.
const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="宋体"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`;

function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function colName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export type ForeignOptions = {
  /** Part names other than Excel's (openpyxl and others choose their own): the relationships lead to them. */
  workbookPath?: string;
  sheetPath?: string;
  stylesPath?: string;
  /** <workbookPr date1904="1"/>: serials count from 1904-01-01. */
  date1904?: boolean;
  /** <mergeCell ref="…"/> elements after the sheet data, e.g. "A1:P1". */
  merges?: string[];
  dataDescriptor?: boolean;
};

/** A relationship target from one part to another, relative to the source's folder as writers usually put it. */
function relativeTarget(from: string, to: string): string {
  const dir = from.split("/").slice(0, -1);
  const target = to.split("/");
  let i = 0;
  while (i < dir.length && i < target.length - 1 && dir[i] === target[i]) i++;
  return [...dir.slice(i).map(() => ".."), ...target.slice(i)].join("/");
}

/**
 * A workbook shaped like LibreOffice / WPS / openpyxl output rather than exceljs's: inline strings, no
 * shared strings part, styles after the sheet, dates as serial numbers with a date style (`{ serial }`).
 */
export function buildForeignXlsx(rows: (string | number | { serial: number } | null)[][], extra: ZipEntry[] = [], opts: ForeignOptions = {}): Buffer {
  const workbookPath = opts.workbookPath ?? "xl/workbook.xml";
  const sheetPath = opts.sheetPath ?? "xl/worksheets/sheet1.xml";
  const stylesPath = opts.stylesPath ?? "xl/styles.xml";
  const slash = workbookPath.lastIndexOf("/");
  const workbookRelsPath = `${workbookPath.slice(0, slash + 1)}_rels/${workbookPath.slice(slash + 1)}.rels`;
  const body = rows
    .map((cells, r) => {
      const xml = cells
        .map((v, c) => {
          const ref = `${colName(c)}${r + 1}`;
          if (v === null) return "";
          if (typeof v === "number") return `<c r="${ref}"><v>${v}</v></c>`;
          if (typeof v === "object") return `<c r="${ref}" s="1"><v>${v.serial}</v></c>`;
          return `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
        })
        .join("");
      return `<row r="${r + 1}">${xml}</row>`;
    })
    .join("");
  const merges = opts.merges?.length ? `<mergeCells count="${opts.merges.length}">${opts.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>` : "";
  const sheet = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData>${merges}</worksheet>`;
  return buildZip(
    [
      { name: "[Content_Types].xml", data: contentTypes(workbookPath, sheetPath, stylesPath) },
      { name: "_rels/.rels", data: rels(workbookPath) },
      { name: workbookPath, data: workbookXml(opts.date1904 === true) },
      { name: workbookRelsPath, data: workbookRels(relativeTarget(workbookPath, sheetPath), relativeTarget(workbookPath, stylesPath)) },
      { name: sheetPath, data: sheet },
      { name: stylesPath, data: STYLES },
      ...extra,
    ],
    { dataDescriptor: opts.dataDescriptor },
  );
}
