import type { RosterImportRejectedRow, RosterImportRow } from "@/db/schema";
import { committeeFieldErrors, type OwnedCommittee } from "./access";
import {
  convertDate,
  convertGender,
  convertIdNumber,
  convertIdType,
  convertLevel,
  cellReportText,
  convertObtainMethod,
  scalarText,
  type Converted,
  type Scalar,
} from "./cells";
import { COLUMN_BY_KEY, columnLetter, fieldForHeader, ROSTER_COLUMNS, type FieldKey } from "./columns";
import { EXAMPLE_MARKER, IMPORT_LIMITS } from "./constants";
import { createRosterRowParser, type RosterRecordFieldsInput } from "./schemas";
import { readWorksheets, XlsxLimitError, type MergedRange, type SheetRow, type XlsxLimit } from "./xlsx-reader";

export type ParseOutcome =
  | { ok: false; message: string; rowsRead: number }
  | {
      ok: true;
      headerRow: number;
      /** Every valid row; those already handed to `onValidRows` are not repeated in `rows`. */
      validCount: number;
      rows: RosterImportRow[];
      rejected: RosterImportRejectedRow[];
      exampleCount: number;
      rowsRead: number;
    };

export type ParseOptions = {
  committee: Pick<OwnedCommittee, "series" | "levelFrom" | "levelTo">;
  /** Called every few hundred rows with the data rows read so far. */
  onProgress?: (rowsRead: number) => Promise<void> | void;
  /**
   * Receives valid rows in batches while parsing continues, so they need not all sit in memory.
   * The parse awaits it: a callback that starts I/O without waiting for it lets the two overlap.
   */
  onValidRows?: (rows: RosterImportRow[]) => Promise<void>;
  maxDataRows?: number;
};

const VALID_BATCH = 2000;

export type HeaderMap = { row: number; columns: Map<FieldKey, number> };

const REQUIRED_KEYS = ROSTER_COLUMNS.filter((c) => c.required).map((c) => c.key);

/** Finds the header row (possibly below a merged title) or explains what is missing. */
function matchHeader(row: SheetRow): { map: Map<FieldKey, number>; duplicate?: string } | null {
  const map = new Map<FieldKey, number>();
  let duplicate: string | undefined;
  const values = row.values;
  for (let i = 1; i < values.length; i++) {
    const text = scalarText(values[i] ?? null);
    if (!text) continue;
    const key = fieldForHeader(text);
    if (!key) continue;
    if (map.has(key)) duplicate ??= COLUMN_BY_KEY[key].header;
    else map.set(key, i);
  }
  // Three known headers make a header row; fewer is a title or a note.
  return map.size >= 3 ? { map, duplicate } : null;
}

/**
 * The rule for merged cells. A merge keeps its value in the top-left cell only; Excel empties the
 * others. Above the header (a merged title) or in the header row, or over columns the roster does not
 * read, that loses nothing. A merge that reaches a roster column in a non-empty data row would make
 * the covered rows or columns look blank (a 工作单位 merged down B5:B7 leaves rows 6 and 7 without
 * one), so the file is refused, naming the first such range. A merge over rows that are empty in
 * every roster column hides nothing and is ignored. `dataRows`: the numbers of the non-empty rows
 * below the header, ascending.
 */
export function mergedDataCellMessage(merges: readonly MergedRange[], header: HeaderMap, dataRows: readonly number[]): string | null {
  const columns = [...header.columns.values()];
  const hits: { row: number; ref: string }[] = [];
  for (const m of merges) {
    if (m.bottom <= header.row || !columns.some((c) => c >= m.left && c <= m.right)) continue;
    const row = firstAtLeast(dataRows, Math.max(m.top, header.row + 1));
    if (row !== undefined && row <= m.bottom) hits.push({ row, ref: m.ref });
  }
  if (hits.length === 0) return null;
  hits.sort((a, b) => a.row - b.row);
  const more = hits.length > 1 ? `（数据区域共有${hits.length}处合并单元格）` : "";
  return `第${hits[0].row}行：单元格 ${hits[0].ref} 为合并单元格${more}，请取消合并后重新导入`;
}

/** The first element ≥ n of an ascending array (binary search). */
function firstAtLeast(sorted: readonly number[], n: number): number | undefined {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < n) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo];
}

function columnLabel(header: HeaderMap, key: FieldKey): string {
  const index = header.columns.get(key);
  return index ? `${COLUMN_BY_KEY[key].header}（${columnLetter(index)}列）` : COLUMN_BY_KEY[key].header;
}

/**
 * Streams the workbook once: locates the header row, converts and validates every data row with the
 * shared record schema plus the committee's rules, and finds duplicates inside the file. Never touches
 * the database; the caller decides what to do with the outcome.
 */
export async function parseRosterWorkbook(input: Buffer, opts: ParseOptions): Promise<ParseOutcome> {
  const maxRows = opts.maxDataRows ?? IMPORT_LIMITS.maxDataRows;
  const reader = readWorksheets(input);

  let header: HeaderMap | null = null;
  let rows: RosterImportRow[] = [];
  let validCount = 0;
  const rejected: RosterImportRejectedRow[] = [];
  const file: FileRules = { committee: opts.committee, seenKeys: new Map(), seenIds: new Map(), parseRow: createRosterRowParser(), date1904: false };
  // Rows below the header with a value in a roster column (examples included): for the merge rule.
  const dataRows: number[] = [];
  let exampleCount = 0;
  let rowsRead = 0;
  let failure: string | null = null;
  // Errors of the caller's callbacks (database writes) are not "a corrupt workbook": rethrown below.
  let callbackError: unknown = null;
  const callback = async (fn: () => Promise<void> | void) => {
    try {
      await fn();
    } catch (err) {
      callbackError = err;
      throw err;
    }
  };

  try {
    sheets: for await (const sheet of reader) {
      let scanned = 0;
      for await (const decoded of sheet.batches()) {
        for (const row of decoded) {
          if (!header) {
            scanned++;
            // No header near the top: the rest of this sheet is not the roster; try the next sheet.
            if (scanned > IMPORT_LIMITS.headerSearchRows) continue sheets;
            const found = matchHeader(row);
            if (!found) continue;
            if (found.duplicate) {
              failure = `表头中“${found.duplicate}”列出现了两次，请删除重复的列`;
              break sheets;
            }
            const missing = REQUIRED_KEYS.filter((k) => !found.map.has(k)).map((k) => COLUMN_BY_KEY[k].header);
            if (missing.length) {
              failure = `第${row.number}行的表头缺少必填列：${missing.join("、")}。请使用系统提供的模板`;
              break sheets;
            }
            header = { row: row.number, columns: found.map };
            file.date1904 = sheet.date1904;
            continue;
          }

          const cells = {} as Record<FieldKey, Scalar>;
          let empty = true;
          const raw = row.values;
          for (const [key, index] of header.columns) {
            const v = raw[index] ?? null;
            cells[key] = v;
            if (v !== null && v !== "") empty = false;
          }
          if (empty) continue;
          dataRows.push(row.number);
          if (typeof cells.name === "string" && cells.name.trimStart().startsWith(EXAMPLE_MARKER)) {
            exampleCount++;
            continue;
          }
          rowsRead++;
          if (rowsRead > maxRows) {
            failure = `数据超过${maxRows}行，超出单次导入上限，请拆分为多个文件分批导入`;
            break sheets;
          }
          if (opts.onProgress && rowsRead % 500 === 0) await callback(() => opts.onProgress!(rowsRead));

          const issues = validateRow(file, header, cells, row.number, rows);
          if (issues.length) {
            const values: Record<string, string> = {};
            for (const key of header.columns.keys()) values[key] = cellReportText(cells[key]);
            rejected.push({ row: row.number, values, issues });
          } else if (opts.onValidRows && rows.length >= VALID_BATCH) {
            validCount += rows.length;
            const batch = rows;
            rows = [];
            await callback(() => opts.onValidRows!(batch));
          }
        }
      }
      if (header) {
        // The sheet has been read to its end, so its merged ranges are known.
        failure = mergedDataCellMessage(sheet.mergedRanges(), header, dataRows);
        break; // only the first sheet with a header row holds the roster
      }
    }
  } catch (err) {
    if (callbackError) throw err;
    if (err instanceof XlsxLimitError) return { ok: false, message: limitMessage(err.limit), rowsRead };
    return { ok: false, message: "工作簿无法读取，文件可能已损坏。请在 Excel / WPS 中打开后另存为 .xlsx 再导入", rowsRead };
  }

  if (failure) return { ok: false, message: failure, rowsRead };
  if (!header) {
    return { ok: false, message: `没有找到表头行（应包含“姓名”“证件类型”“证件号码”等列，且位于前${IMPORT_LIMITS.headerSearchRows}行）。请使用系统提供的模板`, rowsRead };
  }
  if (rowsRead === 0) {
    const examples = exampleCount ? `（已忽略${exampleCount}行示例）` : "";
    return { ok: false, message: `第${header.row}行表头下方没有数据${examples}，请填写名册后再上传`, rowsRead };
  }
  validCount += rows.length;
  if (opts.onValidRows && rows.length) {
    await opts.onValidRows(rows);
    rows = [];
  }
  if (opts.onProgress) await opts.onProgress(rowsRead);
  return { ok: true, headerRow: header.row, validCount, rows, rejected, exampleCount, rowsRead };
}

const MB = 1024 * 1024;

/** The refusal of a workbook that crossed a reading limit (docs/xlsx-import.md, "Limits while reading"). */
export function limitMessage(limit: XlsxLimit): string {
  switch (limit.kind) {
    case "column":
      return `第${limit.row}行：单元格 ${limit.ref} 超出模板范围（模板共${ROSTER_COLUMNS.length}列），请删除多余的列后重新导入`;
    case "rows":
      return `工作簿超过${limit.max}行（空行和表头以上的行也计算在内），超出单次导入上限，请删除多余的空行或拆分为多个文件分批导入`;
    case "cells":
      return `工作簿超过${limit.max}个单元格，超出单次导入上限，请删除多余的行列或拆分为多个文件分批导入`;
    case "sharedStrings":
      return `工作簿中的文本超过${limit.max}条，超出单次导入上限，请删除多余的内容或拆分为多个文件分批导入`;
    case "sharedStringChars":
      return `工作簿中的文本合计超过${Math.round(limit.max / MB)}M个字符，超出单次导入上限，请删除多余的内容或拆分为多个文件分批导入`;
    case "partSize":
      return `工作簿中的“${limit.part}”解压后超过${Math.round(limit.max / MB)} MB，超出单次导入上限，请拆分为多个文件分批导入`;
  }
}

/** What every row of one file is checked against: the committee, the keys seen so far, the row parser. */
type FileRules = {
  committee: ParseOptions["committee"];
  seenKeys: Map<string, number>;
  seenIds: Map<string, { row: number; name: string }>;
  parseRow: ReturnType<typeof createRosterRowParser>;
  /** The roster sheet's workbook counts date serials from 1904 (numbers without a date format). */
  date1904: boolean;
};

/** Validates one data row; a valid row is appended to `rows`. Returns the row's issues. */
function validateRow(
  file: FileRules,
  header: HeaderMap,
  cells: Record<FieldKey, Scalar>,
  rowNumber: number,
  rows: RosterImportRow[],
): { column: string; reason: string }[] {
  const { committee, seenKeys, seenIds, parseRow } = file;
  const issues: { column: string; reason: string }[] = [];
  const failed = new Set<FieldKey>();
  const take = <T extends string>(key: FieldKey, c: Converted<T>): T | "" => {
    if ("error" in c) {
      issues.push({ column: columnLabel(header, key), reason: c.error });
      failed.add(key);
      return "";
    }
    return c.value;
  };
  const text = (key: FieldKey) => scalarText(cells[key] ?? null);

  const input: RosterRecordFieldsInput = {
    name: text("name"),
    gender: take("gender", convertGender(cells.gender ?? null)),
    birthDate: take("birthDate", convertDate(cells.birthDate ?? null, "出生日期", file.date1904)),
    idType: take("idType", convertIdType(cells.idType ?? null)) as RosterRecordFieldsInput["idType"],
    idNumber: take("idNumber", convertIdNumber(cells.idNumber ?? null)),
    nationality: text("nationality"),
    workUnit: text("workUnit"),
    series: text("series") as RosterRecordFieldsInput["series"],
    specialty: text("specialty"),
    qualificationName: text("qualificationName"),
    level: take("level", convertLevel(cells.level ?? null)) as RosterRecordFieldsInput["level"],
    obtainMethod: take("obtainMethod", convertObtainMethod(cells.obtainMethod ?? null)) as RosterRecordFieldsInput["obtainMethod"],
    passDate: take("passDate", convertDate(cells.passDate ?? null, "评审通过时间", file.date1904)),
    approvalNo: text("approvalNo"),
    issuingAuthority: text("issuingAuthority"),
    issueDate: take("issueDate", convertDate(cells.issueDate ?? null, "发证日期", file.date1904)),
  };

  const parsed = parseRow(input);
  if (!parsed.success) {
    const reported = new Set<string>();
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as FieldKey;
      if (failed.has(key) || reported.has(key)) continue; // one reason per cell
      reported.add(key);
      issues.push({ column: columnLabel(header, key), reason: issue.message });
    }
    return issues;
  }
  if (issues.length) return issues;

  const data = parsed.data;
  for (const [key, reason] of Object.entries(committeeFieldErrors(committee, data))) {
    issues.push({ column: columnLabel(header, key as FieldKey), reason });
  }
  if (issues.length) return issues;

  const idKey = `${data.idType}|${data.idNumber}`;
  const key = `${idKey}|${data.qualificationName}|${data.passYear}`;
  const sameKey = seenKeys.get(key);
  if (sameKey !== undefined) {
    return [{ column: columnLabel(header, "idNumber"), reason: `与第${sameKey}行重复（证件号码、资格名称与取得年度相同）` }];
  }
  const sameId = seenIds.get(idKey);
  if (sameId && sameId.name !== data.name) {
    return [{ column: columnLabel(header, "name"), reason: `证件号码与第${sameId.row}行相同，但姓名不同（第${sameId.row}行为“${sameId.name}”）` }];
  }
  seenKeys.set(key, rowNumber);
  if (!sameId) seenIds.set(idKey, { row: rowNumber, name: data.name });
  rows.push(Object.assign(data, { row: rowNumber }));
  return [];
}
