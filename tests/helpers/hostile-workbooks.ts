/**
 * Small, hostile .xlsx files for the import limits (docs/xlsx-import.md, "Limits while reading"):
 * each is a few KB zipped and expands into work the reader must refuse early. Used by
 * tests/integration/roster-hostile.test.ts and tests/bench/hostile.bench.ts.
 */
import { ROSTER_COLUMNS } from "@/lib/roster/columns";
import { buildZip } from "./zip";

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

/** The template's header row as row 1, inline strings in columns A… */
const HEADER_ROW = `<row r="1">${ROSTER_COLUMNS.map((c, i) => `<c r="${String.fromCharCode(65 + i)}1" t="inlineStr"><is><t>${c.header}</t></is></c>`).join("")}</row>`;

function workbook(sheetRows: Iterable<string>, sharedStrings?: string): Buffer {
  let rows = "";
  for (const r of sheetRows) rows += r;
  const sst = sharedStrings !== undefined;
  return buildZip([
    {
      name: "[Content_Types].xml",
      data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>`,
    },
    { name: "_rels/.rels", data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: "xl/workbook.xml", data: `<?xml version="1.0"?><workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>` },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/>${sst ? `<Relationship Id="rId2" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ""}</Relationships>`,
    },
    { name: "xl/worksheets/sheet1.xml", data: `<?xml version="1.0"?><worksheet xmlns="${MAIN}"><sheetData>${rows}</sheetData></worksheet>` },
    ...(sst ? [{ name: "xl/sharedStrings.xml", data: sharedStrings }] : []),
  ]);
}

function* range(from: number, count: number): Generator<number> {
  for (let i = 0; i < count; i++) yield from + i;
}

function* rowsOf(count: number, row: (n: number) => string, header = true): Generator<string> {
  if (header) yield HEADER_ROW;
  for (const n of range(header ? 2 : 1, count)) yield row(n);
}

export type HostileWorkbook = { kind: string; file: Buffer; message: string };

/** The template header, then 20,000 rows holding one value in column XFD (16,384). */
export function xfdColumnWorkbook(rows = 20_000): Buffer {
  return workbook(rowsOf(rows, (n) => `<row r="${n}"><c r="XFD${n}" t="inlineStr"><is><t>x</t></is></c></row>`));
}

/** The template header, then 200,000 rows that are empty in every roster column (one formatted, empty cell in XFD). */
export function emptyRowsWorkbook(rows = 200_000): Buffer {
  return workbook(rowsOf(rows, (n) => `<row r="${n}"><c r="XFD${n}" s="0"/></row>`));
}

/** 60,000 rows of numbers and no header row anywhere. */
export function headerlessWorkbook(rows = 60_000): Buffer {
  return workbook(rowsOf(rows, (n) => `<row r="${n}"><c r="A${n}"><v>${n}</v></c><c r="B${n}"><v>1</v></c><c r="C${n}"><v>2</v></c></row>`, false));
}

/** A shared-strings part of 1,500,000 one-letter strings (under 100 KB zipped). */
export function sharedStringsBombWorkbook(count = 1_500_000): Buffer {
  return workbook(rowsOf(1, () => `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), `<sst xmlns="${MAIN}" count="${count}" uniqueCount="${count}">${"<si><t>x</t></si>".repeat(count)}</sst>`);
}

/** `strings` shared strings of `chars` characters each (33 × 1M: 33M characters, a few KB zipped). */
export function longStringsWorkbook(strings: number, chars: number): Buffer {
  return workbook(rowsOf(1, () => `<row r="2"><c r="A2" t="s"><v>0</v></c></row>`), `<sst xmlns="${MAIN}">${`<si><t>${"长".repeat(chars)}</t></si>`.repeat(strings)}</sst>`);
}

/** The four kinds with the message each must be refused with (the limits of IMPORT_LIMITS). */
export function hostileWorkbooks(): HostileWorkbook[] {
  return [
    { kind: "20,000 rows × one cell in XFD", file: xfdColumnWorkbook(), message: "第2行：单元格 XFD2 超出模板范围（模板共16列），请删除多余的列后重新导入" },
    { kind: "200,000 empty rows", file: emptyRowsWorkbook(), message: "工作簿超过51000行（空行和表头以上的行也计算在内），超出单次导入上限，请删除多余的空行或拆分为多个文件分批导入" },
    { kind: "60,000 rows, no header", file: headerlessWorkbook(), message: "没有找到表头行（应包含“姓名”“证件类型”“证件号码”等列，且位于前20行）。请使用系统提供的模板" },
    { kind: "shared-strings bomb", file: sharedStringsBombWorkbook(), message: "工作簿中的文本超过1000000条，超出单次导入上限，请删除多余的内容或拆分为多个文件分批导入" },
  ];
}
