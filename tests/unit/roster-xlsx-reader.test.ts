import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { isDateFormatCode, readWorksheets, XlsxFormatError } from "@/lib/roster/xlsx-reader";
import { buildForeignXlsx, buildZip } from "../helpers/zip";

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
