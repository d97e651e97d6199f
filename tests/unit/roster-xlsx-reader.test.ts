import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { ROSTER_COLUMNS } from "@/lib/roster/columns";
import { parseRosterWorkbook } from "@/lib/roster/import-parse";
import { isDateFormatCode, readWorksheets, resolveTarget, XlsxFormatError } from "@/lib/roster/xlsx-reader";
import { checkXlsxZip, readCentralDirectory } from "@/lib/roster/zip-guard";
import { buildLargeRosterWorkbook, validRow, type RowSpec } from "../helpers/roster-workbook";
import { buildForeignXlsx, buildZip, type ForeignOptions } from "../helpers/zip";

/** Rare and common characters, 3 and 4 UTF-8 bytes each: some will straddle a chunk boundary. */
const GIVEN = Array.from("堃喆昇镕〇𠀋晓明");
const NAMES = Array.from({ length: 6000 }, (_, i) => `${"王李张刘陈杨黄赵吴周"[i % 10]}${GIVEN[i % GIVEN.length]}${GIVEN[(i + 3) % GIVEN.length]}${i}`);

/** Every row of every sheet, in order. */
async function allRows(file: Buffer): Promise<{ sheet: string; number: number; values: unknown[] }[]> {
  const out: { sheet: string; number: number; values: unknown[] }[] = [];
  for await (const sheet of readWorksheets(file)) {
    for await (const batch of sheet.batches()) {
      for (const row of batch) out.push({ sheet: sheet.name, number: row.number, values: row.values.slice(1) });
    }
  }
  return out;
}

async function readColumnA(file: Buffer): Promise<string[]> {
  return (await allRows(file)).map(({ values: [v] }) => (typeof v === "string" ? v : JSON.stringify(v)));
}

describe("streaming workbook reader", () => {
  it("reads Chinese text in shared strings intact across zip chunk boundaries", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名册");
    for (const n of NAMES) ws.addRow([n]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const names = await readColumnA(file);
    expect(names.filter((n) => n.includes("\uFFFD"))).toEqual([]);
    expect(names).toEqual(NAMES);
  });

  it("reads Chinese text in inline strings (WPS / LibreOffice style) intact", async () => {
    const file = buildForeignXlsx(NAMES.map((n) => [n]));
    expect(await readColumnA(file)).toEqual(NAMES);
  });
});

const NS = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;

/** A workbook from hand-written parts, for shapes other writers produce. */
function handmade(opts: { sheets: { name: string; xml: string }[]; shared?: string; styles?: string; workbookPr?: string; store?: boolean }): Buffer {
  const rels = opts.sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/s${i + 1}.xml"/>`)
    .join("");
  const workbook = `<workbook ${NS}>${opts.workbookPr ?? ""}<sheets>${opts.sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("")}</sheets></workbook>`;
  return buildZip([
    { name: "[Content_Types].xml", data: "<Types/>" },
    { name: "xl/workbook.xml", data: workbook, store: opts.store },
    { name: "xl/_rels/workbook.xml.rels", data: `<Relationships>${rels}</Relationships>` },
    ...opts.sheets.map((s, i) => ({ name: `xl/worksheets/s${i + 1}.xml`, data: s.xml, store: opts.store })),
    ...(opts.shared ? [{ name: "xl/sharedStrings.xml", data: opts.shared }] : []),
    ...(opts.styles ? [{ name: "xl/styles.xml", data: opts.styles }] : []),
  ]);
}


describe("cell values", () => {
  const styles = `<styleSheet ${NS}><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="0.00&quot;元&quot;"/></numFmts>
    <cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="31"/></cellXfs></styleSheet>`;

  it("reads shared, inline, formula, boolean, error, ISO-date and dated numeric cells", async () => {
    const shared = `<sst ${NS} count="3"><si><t>张三</t></si><si><r><rPr><b/></rPr><t>黔人社</t></r><r><t xml:space="preserve"> 〔2020〕&amp;12号</t></r><rPh sb="0" eb="1"><t>ケン</t></rPh></si><si/></sst>`;
    const sheet = `<worksheet ${NS}><sheetData>
      <row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="inlineStr"><is><t>a&lt;b&gt;&quot;c&quot;&#x4E2D;&#22269;_x000D_x_x005F_x0041_</t></is></c></row>
      <row r="2"><c r="A2" t="str"><f>A1&amp;"x"</f><v>张三x</v></c><c r="B2" t="b"><v>1</v></c><c r="C2" t="e"><v>#N/A</v></c><c r="D2" t="d"><v>2020-12-01T00:00:00Z</v></c></row>
      <row r="3"><c r="A3" s="1"><v>44166</v></c><c r="B3" s="2"><v>44166</v></c><c r="C3" s="3"><v>12.5</v></c><c r="D3" s="4"><v>44166</v></c><c r="E3" s="1"/></row>
    </sheetData></worksheet>`;
    const rows = await allRows(handmade({ sheets: [{ name: "名册", xml: sheet }], shared, styles }));
    const dec1 = new Date(Date.UTC(2020, 11, 1));
    expect(rows).toEqual([
      { sheet: "名册", number: 1, values: ["张三", "黔人社 〔2020〕&12号", "", 'a<b>"c"中国\rx_x0041_'] },
      { sheet: "名册", number: 2, values: ["张三x", true, null, dec1] },
      { sheet: "名册", number: 3, values: [dec1, dec1, 12.5, dec1, null] },
    ]);
  });

  it("counts dates in the 1904 system when the workbook says so", async () => {
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" s="1"><v>42704</v></c></row></sheetData></worksheet>`;
    const rows = await allRows(handmade({ sheets: [{ name: "S", xml: sheet }], styles, workbookPr: `<workbookPr date1904="1"/>` }));
    expect(rows[0].values).toEqual([new Date(Date.UTC(2020, 11, 1))]);
  });

  it("follows cells and rows without references, namespace prefixes, stored parts and sheets in workbook order", async () => {
    const prefixed = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row><x:c t="inlineStr"><x:is><x:t>甲</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row>
      <x:row r="4" spans="1:3"><x:c r="C4"><x:v>9</x:v></x:c></x:row><x:row r="5"/><x:row><x:c/></x:row>
    </x:sheetData></x:worksheet>`;
    const first = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>说明</t></is></c></row></sheetData></worksheet>`;
    const rows = await allRows(handmade({ sheets: [{ name: "说明", xml: first }, { name: "名册", xml: prefixed }], store: true }));
    expect(rows).toEqual([
      { sheet: "说明", number: 1, values: ["说明"] },
      { sheet: "名册", number: 1, values: ["甲", 7] },
      { sheet: "名册", number: 4, values: [null, null, 9] },
      { sheet: "名册", number: 5, values: [] },
      { sheet: "名册", number: 6, values: [null] },
    ]);
  });

  it("skips chart sheets and takes CDATA text as written", async () => {
    const sheet = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t><![CDATA[A&B <王>]]> &amp; C</t></is></c></row></sheetData></worksheet>`;
    const file = buildZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "xl/workbook.xml", data: `<workbook ${NS}><sheets><sheet name="图表" sheetId="1" r:id="rId1"/><sheet name="名册" sheetId="2" r:id="rId2"/></sheets></workbook>` },
      {
        name: "xl/_rels/workbook.xml.rels",
        data: `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      },
      { name: "xl/chartsheets/sheet1.xml", data: `<chartsheet ${NS}><drawing r:id="rId1"/></chartsheet>` },
      { name: "xl/worksheets/sheet1.xml", data: sheet },
    ]);
    expect(await allRows(file)).toEqual([{ sheet: "名册", number: 1, values: ["A&B <王> & C"] }]);
  });

  it("refuses what it cannot read instead of guessing", async () => {
    const missingShared = `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>3</v></c></row></sheetData></worksheet>`;
    await expect(allRows(handmade({ sheets: [{ name: "S", xml: missingShared }] }))).rejects.toBeInstanceOf(XlsxFormatError);
    const backwards = `<worksheet ${NS}><sheetData><row r="2"/><row r="1"/></sheetData></worksheet>`;
    await expect(allRows(handmade({ sheets: [{ name: "S", xml: backwards }] }))).rejects.toBeInstanceOf(XlsxFormatError);
    await expect(allRows(Buffer.from("not a zip at all, just text"))).rejects.toBeInstanceOf(XlsxFormatError);
  });

  it("tells date formats from number formats", () => {
    for (const code of ["yyyy-mm-dd", "m/d/yy", 'yyyy"年"m"月"', "[$-804]yyyy/m/d", "hh:mm", "[DBNum1][$-804]yyyy\"年\"m\"月\"d\"日\""]) expect(isDateFormatCode(code), code).toBe(true);
    for (const code of ["General", "0.00", '0.00"元"', "@", "#,##0;[Red]-#,##0", '"day"0']) expect(isDateFormatCode(code), code).toBe(false);
  });
});

const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const dec1 = new Date(Date.UTC(2020, 11, 1));
const committee = { series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full" } as const;

type ForeignCell = string | number | { serial: number } | null;
/** A row spec whose dates may also be serials with a date style. */
type ForeignRow = { [K in keyof RowSpec]: RowSpec[K] | { serial: number } };
/** A roster in the template's column order (A–P), as another program would write it. */
function foreignRoster(rows: ForeignRow[], opts: ForeignOptions & { above?: ForeignCell[][]; extraColumn?: string } = {}): Buffer {
  const header: ForeignCell[] = [...ROSTER_COLUMNS.map((c) => c.header), ...(opts.extraColumn ? [opts.extraColumn] : [])];
  const body = rows.map((r) => [
    ...ROSTER_COLUMNS.map((c): ForeignCell => {
      const v = r[c.key];
      return v instanceof Date ? null : (v ?? null);
    }),
    ...(opts.extraColumn ? ["备注"] : []),
  ]);
  return buildForeignXlsx([...(opts.above ?? []), header, ...body], [], opts);
}

/** Whether each zip entry's local header has general-purpose bit 3 (a data descriptor follows the data). */
function dataDescriptorFlags(file: Buffer): boolean[] {
  const entries = readCentralDirectory(file, { maxZipEntries: 500, maxUncompressedBytes: 200 * 1024 * 1024 });
  if (typeof entries === "string") throw new Error(entries);
  return entries.map((e) => (file.readUInt16LE(e.localOffset + 6) & 0x8) !== 0);
}

describe("parts found through the relationships", () => {
  it("resolves relative, absolute and dotted targets from the source part's folder", () => {
    expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
    expect(resolveTarget("", "/xl/workbook2.xml")).toBe("xl/workbook2.xml");
    expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
    expect(resolveTarget("book/main.xml", "../shared/strings.xml")).toBe("shared/strings.xml");
    expect(resolveTarget("xl/workbook.xml", "./a/../sheet%201.xml")).toBe("xl/sheet 1.xml");
  });

  it("reads the workbook, sheets, shared strings and styles the relationships name, not the usual names", async () => {
    const sheetAt = (text: string) => `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1"><v>42704</v></c><c r="C1"><v>42704</v></c><c r="D1" t="inlineStr"><is><t>${text}</t></is></c></row></sheetData></worksheet>`;
    const file = buildZip([
      { name: "[Content_Types].xml", data: "<Types/>" },
      { name: "_rels/.rels", data: `<Relationships><Relationship Id="rId1" Type="${REL}/officeDocument" Target="/xl/workbook2.xml"/></Relationships>` },
      // Decoys at Excel's usual names: a reader with fixed paths would read these.
      { name: "xl/workbook.xml", data: `<workbook ${NS}><sheets><sheet name="错" sheetId="1" r:id="rId1"/></sheets></workbook>` },
      { name: "xl/_rels/workbook.xml.rels", data: `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>` },
      { name: "xl/worksheets/sheet1.xml", data: sheetAt("错") },
      { name: "xl/sharedStrings.xml", data: `<sst ${NS}><si><t>错</t></si></sst>` },
      { name: "xl/styles.xml", data: `<styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="0"/></cellXfs></styleSheet>` },
      // The real parts.
      { name: "xl/workbook2.xml", data: `<workbook ${NS}><workbookPr date1904="true"/><sheets><sheet name="名册" sheetId="1" r:id="rIdA"/></sheets></workbook>` },
      {
        name: "xl/_rels/workbook2.xml.rels",
        data: `<Relationships><Relationship Id="rIdS" Type="${REL}/sharedStrings" Target="/xl/strings/sst.xml"/><Relationship Id="rIdA" Type="${REL}/worksheet" Target="worksheets/data.xml"/><Relationship Id="rIdT" Type="${REL}/styles" Target="./strings/../fmt/styles1.xml"/></Relationships>`,
      },
      { name: "xl/worksheets/data.xml", data: sheetAt("对") },
      { name: "xl/strings/sst.xml", data: `<sst ${NS}><si><t>张三</t></si></sst>` },
      { name: "xl/fmt/styles1.xml", data: `<styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>` },
    ]);
    expect(await allRows(file)).toEqual([{ sheet: "名册", number: 1, values: ["张三", dec1, 42704, "对"] }]);
    for await (const sheet of readWorksheets(file)) expect(sheet.date1904).toBe(true);
  });

  it("imports an openpyxl/LibreOffice-style roster: inline strings only, no shared strings part, renamed workbook, sheet and styles", async () => {
    const file = foreignRoster([{ ...validRow(1), passDate: { serial: 44166 } }, validRow(2, { passDate: "2020年12月1日", name: "欧阳晓明" })], {
      workbookPath: "xl/workbook2.xml",
      sheetPath: "xl/worksheets/data.xml",
      stylesPath: "xl/formats.xml",
    });
    expect(file.includes("sharedStrings")).toBe(false);
    expect(await checkXlsxZip(file)).toMatchObject({ ok: true });
    const outcome = await parseRosterWorkbook(file, { committee });
    expect(outcome).toMatchObject({ ok: true, headerRow: 1, validCount: 2, rejected: [] });
    if (!outcome.ok) return;
    expect(outcome.rows.map((r) => [r.row, r.name, r.idNumber, r.passDate])).toEqual([
      [2, validRow(1).name, validRow(1).idNumber, "2020-12-01"],
      [3, "欧阳晓明", validRow(2).idNumber, "2020-12-01"],
    ]);
  });
});

describe("the 1904 date system", () => {
  // 42704 is 2020-12-01 counted from 1904-01-01, and 2016-11-30 counted from 1900.
  const rows = [{ ...validRow(10), passDate: { serial: 42704 } }, validRow(11, { passDate: 42704 })];

  it("counts date-formatted cells and bare serial numbers from 1904 when the workbook says so", async () => {
    const outcome = await parseRosterWorkbook(foreignRoster(rows, { date1904: true, workbookPath: "xl/workbook2.xml" }), { committee });
    expect(outcome.ok && outcome.rows.map((r) => r.passDate)).toEqual(["2020-12-01", "2020-12-01"]);
  });

  it("and from 1900 otherwise", async () => {
    const outcome = await parseRosterWorkbook(foreignRoster(rows), { committee });
    expect(outcome.ok && outcome.rows.map((r) => r.passDate)).toEqual(["2016-11-30", "2016-11-30"]);
  });
});

describe("zip entries with data descriptors", () => {
  it("reads entries whose local headers carry no sizes (general-purpose bit 3), sizes only in the central directory", async () => {
    const file = buildForeignXlsx(NAMES.slice(0, 2000).map((n) => [n]), [], { dataDescriptor: true });
    expect(dataDescriptorFlags(file).every(Boolean)).toBe(true);
    expect(await checkXlsxZip(file)).toMatchObject({ ok: true });
    expect(await readColumnA(file)).toEqual(NAMES.slice(0, 2000));
  });

  it("imports a roster written by exceljs's streaming WorkbookWriter, which writes every entry with a data descriptor", async () => {
    const file = await buildLargeRosterWorkbook(300, 500);
    const flags = dataDescriptorFlags(file);
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every(Boolean)).toBe(true);
    expect(await checkXlsxZip(file)).toMatchObject({ ok: true });
    const outcome = await parseRosterWorkbook(file, { committee });
    expect(outcome).toMatchObject({ ok: true, validCount: 300, rejected: [] });
    if (!outcome.ok) return;
    expect(outcome.rows[0]).toMatchObject({ row: 2, name: validRow(500).name, idNumber: validRow(500).idNumber, passDate: "2021-06-30" });
    expect(outcome.rows[1]).toMatchObject({ row: 3, name: validRow(501).name, passDate: "2020-12-01" });
  });
});

describe("merged cells", () => {
  it("are reported as written once the sheet has been read, values left in the top-left cell", async () => {
    const sheet = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>标题</x:t></x:is></x:c></x:row><x:row r="2"><x:c r="B2"><x:v>1</x:v></x:c></x:row>
    </x:sheetData><x:mergeCells count="2"><x:mergeCell ref="A1:C1"/><x:mergeCell ref="$B$2:B4"/></x:mergeCells></x:worksheet>`;
    for await (const s of readWorksheets(handmade({ sheets: [{ name: "S", xml: sheet }] }))) {
      const rows = [];
      for await (const batch of s.batches()) rows.push(...batch.map((r) => r.values.slice(1)));
      expect(rows).toEqual([["标题"], [null, 1]]);
      expect(s.mergedRanges()).toEqual([
        { ref: "A1:C1", top: 1, left: 1, bottom: 1, right: 3 },
        { ref: "B2:B4", top: 2, left: 2, bottom: 4, right: 2 },
      ]);
    }
  });

  const data = [validRow(20), validRow(21, { workUnit: null }), validRow(22)];
  const above: ForeignCell[][] = [["2020年度工程技术高级职称评审通过人员名单"], []];

  it("pass above the header, over columns the roster does not read and over empty rows", async () => {
    // Header on row 3, data on rows 4–6 (row 5 has no 工作单位 of its own), blank rows 7–8; column Q is 备注.
    const file = foreignRoster([validRow(20), validRow(21), validRow(22), {}, {}], { above, extraColumn: "备注", merges: ["A1:P1", "Q4:Q6", "A7:P8"] });
    const outcome = await parseRosterWorkbook(file, { committee });
    expect(outcome).toMatchObject({ ok: true, headerRow: 3, validCount: 3, rejected: [] });
  });

  it("over roster data are refused, naming the first range and counting the rest", async () => {
    const one = await parseRosterWorkbook(foreignRoster(data, { above, merges: ["A1:P1", "G4:G5"] }), { committee });
    expect(one).toEqual({ ok: false, message: "第4行：单元格 G4:G5 为合并单元格，请取消合并后重新导入", rowsRead: 3 });
    const two = await parseRosterWorkbook(foreignRoster(data, { above, merges: ["C6:D6", "A1:P1", "G4:G5", "M3:M4"] }), { committee });
    expect(two).toEqual({ ok: false, message: "第4行：单元格 G4:G5 为合并单元格（数据区域共有3处合并单元格），请取消合并后重新导入", rowsRead: 3 });
  });
});
