import { PassThrough, Readable } from "node:stream";
import ExcelJS from "exceljs";
import { log } from "@/lib/log";

/**
 * Text that a spreadsheet could read as a formula (= + - @, tab, carriage return) gets a leading
 * apostrophe, so an exported cell is shown, never evaluated, even after a round trip through CSV.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** RFC 6266 attachment header with a UTF-8 (Chinese) file name and an ASCII fallback. */
export function attachmentHeader(fileName: string): string {
  return `attachment; filename="${fileName.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "")}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Streams a workbook written row by row: memory stays flat however many rows the export has.
 * `fill` adds worksheets and commits their rows; the workbook is committed afterwards.
 */
export function streamWorkbook(fill: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>): ReadableStream<Uint8Array> {
  const out = new PassThrough();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  (async () => {
    await fill(wb);
    await wb.commit();
  })().catch((err: unknown) => {
    log.error({ err }, "xlsx export failed");
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

export const HEADER_STYLE: Partial<ExcelJS.Style> = {
  font: { bold: true },
  fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE8F7" } },
  alignment: { vertical: "middle", horizontal: "center", wrapText: true },
};
