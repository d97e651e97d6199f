import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readWorksheets } from "@/lib/roster/xlsx-reader";
import { buildForeignXlsx } from "../helpers/zip";

/** Rare and common characters, 3 and 4 UTF-8 bytes each: some will straddle a chunk boundary. */
const GIVEN = Array.from("堃喆昇镕〇𠀋晓明");
const NAMES = Array.from({ length: 6000 }, (_, i) => `${"王李张刘陈杨黄赵吴周"[i % 10]}${GIVEN[i % GIVEN.length]}${GIVEN[(i + 3) % GIVEN.length]}${i}`);

async function readColumnA(file: Buffer): Promise<string[]> {
  const out: string[] = [];
  for await (const sheet of readWorksheets(Readable.from([file]))) {
    for await (const row of sheet) {
      const v = row.getCell(1).value;
      out.push(typeof v === "string" ? v : JSON.stringify(v));
    }
  }
  return out;
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
