import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import ExcelJS from "exceljs";

/**
 * exceljs 4.4.0's streaming reader decodes every zip chunk to text on its own, so a Chinese character
 * whose UTF-8 bytes straddle two chunks becomes "��" (exceljs issues #2063, #2316; fixes #1665, #2081
 * never merged). In a roster that silently corrupts names. This subclass hands the SAX parser text
 * decoded with one StringDecoder per part, which carries incomplete sequences over to the next chunk.
 * It overrides three internal methods of the pinned version; tests/unit/roster-xlsx-reader.test.ts
 * fails if an upgrade changes them.
 */

type Chunk = Buffer | string;
type WorksheetReader = AsyncIterable<ExcelJS.Row> & { name?: string };

interface ReaderInternals {
  [Symbol.asyncIterator](): AsyncGenerator<WorksheetReader>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader as unknown as new (
  input: Readable,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
) => ReaderInternals;

async function* utf8Text(source: AsyncIterable<Chunk>): AsyncGenerator<string> {
  const decoder = new StringDecoder("utf8");
  for await (const chunk of source) {
    const text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

class Utf8SafeWorkbookReader extends Base {
  override async *_parseSharedStrings(entry: Readable): AsyncGenerator<unknown> {
    entry.setEncoding("utf8");
    yield* super._parseSharedStrings(entry);
  }

  override async _parseWorkbook(entry: Readable): Promise<void> {
    entry.setEncoding("utf8");
    return super._parseWorkbook(entry);
  }

  override *_parseWorksheet(iterator: AsyncIterable<Chunk>, sheetNo: string): Generator<unknown> {
    yield* super._parseWorksheet(utf8Text(iterator), sheetNo);
  }
}

/** Worksheets of a workbook, streamed (rows are 1-based; styles cached so date cells arrive as Date). */
export function readWorksheets(input: Readable): AsyncIterable<WorksheetReader> {
  return new Utf8SafeWorkbookReader(input, {
    worksheets: "emit",
    sharedStrings: "cache",
    styles: "cache",
    hyperlinks: "ignore",
    entries: "ignore",
  });
}
