import type { Db } from "@/db/client";
import type { RosterImportRejectedRow } from "@/db/schema";
import { type OwnedCommittee } from "./access";
import { recordCells, ROSTER_COLUMNS } from "./columns";
import { ROSTER_STATUS_INFO } from "./constants";
import { iterateRosterRecords } from "./queries";
import type { RosterListFilter } from "./schemas";
import { HEADER_STYLE, neutralizeFormula, streamWorkbook } from "./xlsx";

/**
 * The (filtered) roster as a workbook: 证书编号, 状态, then the template's columns, so an export can be
 * re-imported unchanged (adding nothing). Every text cell is formula-neutralised. The caller asserts
 * ownership first; rows are read in pages while the response streams, so memory stays flat.
 */
export function exportRosterWorkbook(db: Db, committee: OwnedCommittee, filter: RosterListFilter, onDone?: (rows: number) => Promise<void>) {
  return streamWorkbook(async (wb) => {
    const sheet = wb.addWorksheet("名册", { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [
      { header: "证书编号", key: "certNo", width: 22 },
      { header: "状态", key: "status", width: 12 },
      ...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
      { header: "评委会", key: "committee", width: 30 },
    ];
    sheet.getRow(1).eachCell((cell) => (cell.style = HEADER_STYLE));
    sheet.getRow(1).commit();
    let n = 0;
    for await (const page of iterateRosterRecords(db, committee.id, filter)) {
      for (const r of page) {
        const cells: Record<string, string> = { certNo: r.certNo, status: ROSTER_STATUS_INFO[r.status].label, ...recordCells(r), committee: committee.name };
        for (const k of Object.keys(cells)) cells[k] = neutralizeFormula(cells[k]);
        sheet.addRow(cells).commit();
        n++;
      }
    }
    sheet.commit();
    await onDone?.(n);
  });
}

/** The error report of an import: the rejected rows as read, with 行号, 出错列 and 原因 columns. */
export function errorReportWorkbook(rejected: RosterImportRejectedRow[]) {
  return streamWorkbook((wb) => {
    const sheet = wb.addWorksheet("错误报告", { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = [
      { header: "行号", key: "row", width: 8 },
      { header: "出错列", key: "columns", width: 24 },
      { header: "原因", key: "reasons", width: 60 },
      ...ROSTER_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width })),
    ];
    sheet.getRow(1).eachCell((cell) => (cell.style = HEADER_STYLE));
    sheet.getRow(1).commit();
    for (const r of rejected) {
      const values: Record<string, string | number> = { row: r.row };
      for (const c of ROSTER_COLUMNS) values[c.key] = neutralizeFormula(r.values[c.key] ?? "");
      values.columns = neutralizeFormula(r.issues.map((i) => i.column).join("；"));
      values.reasons = neutralizeFormula(r.issues.map((i) => `${i.column}：${i.reason}`).join("；"));
      const row = sheet.addRow(values);
      row.getCell("reasons").alignment = { wrapText: true, vertical: "top" };
      row.getCell("reasons").font = { color: { argb: "FFC00000" } };
      row.commit();
    }
    sheet.commit();
  });
}
