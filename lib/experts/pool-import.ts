import { and, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { expertPoolMembers } from "@/db/schema";
import type { SessionUser } from "@/lib/auth/session-user";
import { convertIdNumber, convertIdType, convertLevel, scalarText, type Scalar } from "@/lib/roster/cells";
import { EXAMPLE_MARKER, IMPORT_LIMITS } from "@/lib/roster/constants";
import { readWorksheets, XlsxFormatError } from "@/lib/roster/xlsx-reader";
import { checkXlsxZip } from "@/lib/roster/zip-guard";
import { assertPoolOrg } from "./access";
import { POOL_IMPORT_MAX_ROWS } from "./constants";
import { POOL_COLUMNS, poolColumnLetter, poolKeyForHeader, type PoolColumnKey } from "./pool-columns";
import { DUPLICATE_MEMBER_MESSAGE } from "./pool";
import { poolImportRowSchema, type InviteExpert, type InviteExpertInput } from "./schemas";

export type PoolImportIssue = { row: number; column: string; reason: string };
export type PoolImportRow = InviteExpert & { row: number };
export type PoolParseOutcome = { ok: false; message: string } | { ok: true; rows: PoolImportRow[]; issues: PoolImportIssue[]; /** 「证件号码（C列）」 */ idColumn: string };

type Header = { row: number; columns: Map<PoolColumnKey, number> };
const HEADER_OF = Object.fromEntries(POOL_COLUMNS.map((c) => [c.key, c.header])) as Record<PoolColumnKey, string>;

function columnLabel(header: Header, key: PoolColumnKey): string {
  const i = header.columns.get(key);
  return i ? `${HEADER_OF[key]}（${poolColumnLetter(i)}列）` : HEADER_OF[key];
}

/**
 * One data row: cells converted as the roster import converts them (lib/roster/cells.ts), then the
 * invite form's schema. Returns the row or its issues, one per cell.
 */
export function parsePoolRow(header: Header, cells: Record<PoolColumnKey, Scalar>, rowNumber: number): { row: PoolImportRow } | { issues: PoolImportIssue[] } {
  const issues: PoolImportIssue[] = [];
  const failed = new Set<PoolColumnKey>();
  const take = (key: PoolColumnKey, c: { value: string } | { error: string }): string => {
    if ("error" in c) {
      issues.push({ row: rowNumber, column: columnLabel(header, key), reason: c.error });
      failed.add(key);
      return "";
    }
    return c.value;
  };
  const input = {
    name: scalarText(cells.name),
    idType: take("idType", convertIdType(cells.idType)),
    idNumber: take("idNumber", convertIdNumber(cells.idNumber)),
    phone: scalarText(cells.phone),
    series: scalarText(cells.series),
    specialty: scalarText(cells.specialty),
    title: scalarText(cells.title),
    level: take("level", convertLevel(cells.level)),
    workUnit: scalarText(cells.workUnit),
  } as InviteExpertInput;
  const parsed = poolImportRowSchema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path[0] as PoolColumnKey;
      if (failed.has(key)) continue;
      failed.add(key);
      issues.push({ row: rowNumber, column: columnLabel(header, key), reason: issue.message });
    }
  }
  if (issues.length || !parsed.success) return { issues };
  return { row: { ...parsed.data, row: rowNumber } };
}

/**
 * Reads an expert-pool workbook with the roster's streaming reader (lib/roster/xlsx-reader.ts, the same
 * zip checks and limits): the header row within the first rows, 【示例】 rows skipped, every data row
 * validated, the same person twice in the file reported. Pools are small (≤ POOL_IMPORT_MAX_ROWS rows),
 * so this runs in the request, not in the roster's parse worker.
 */
export async function parsePoolWorkbook(file: Buffer): Promise<PoolParseOutcome> {
  const zip = await checkXlsxZip(file);
  if (!zip.ok) return { ok: false, message: zip.message };
  let header: Header | null = null;
  const rows: PoolImportRow[] = [];
  const issues: PoolImportIssue[] = [];
  const seen = new Map<string, number>();
  let count = 0;
  try {
    sheets: for await (const sheet of readWorksheets(file)) {
      let scanned = 0;
      for await (const batch of sheet.batches()) {
        for (const r of batch) {
          if (!header) {
            if (++scanned > IMPORT_LIMITS.headerSearchRows) continue sheets;
            const columns = new Map<PoolColumnKey, number>();
            r.values.forEach((v, i) => {
              const key = i > 0 ? poolKeyForHeader(scalarText(v ?? null)) : undefined;
              if (key && !columns.has(key)) columns.set(key, i);
            });
            if (columns.size < 3) continue;
            const missing = POOL_COLUMNS.filter((c) => !columns.has(c.key)).map((c) => c.header);
            if (missing.length) return { ok: false, message: `第${r.number}行的表头缺少列：${missing.join("、")}。请使用系统提供的专家库模板` };
            header = { row: r.number, columns };
            continue;
          }
          const cells = {} as Record<PoolColumnKey, Scalar>;
          let empty = true;
          for (const [key, i] of header.columns) {
            const v = r.values[i] ?? null;
            cells[key] = v;
            if (v !== null && v !== "") empty = false;
          }
          if (empty) continue;
          if (typeof cells.name === "string" && cells.name.trimStart().startsWith(EXAMPLE_MARKER)) continue;
          if (++count > POOL_IMPORT_MAX_ROWS) return { ok: false, message: `数据超过${POOL_IMPORT_MAX_ROWS}行，请拆分为多个文件分批导入` };
          const out = parsePoolRow(header, cells, r.number);
          if ("issues" in out) {
            issues.push(...out.issues);
            continue;
          }
          const key = `${out.row.idType}|${out.row.idNumber}`;
          const first = seen.get(key);
          if (first !== undefined) {
            issues.push({ row: r.number, column: columnLabel(header, "idNumber"), reason: `与第${first}行的证件号码相同` });
            continue;
          }
          seen.set(key, r.number);
          rows.push(out.row);
        }
      }
      if (header) break;
    }
  } catch (err) {
    if (err instanceof XlsxFormatError) return { ok: false, message: "工作簿无法读取，文件可能已损坏或超出导入上限。请在 Excel / WPS 中打开后另存为 .xlsx 再导入" };
    throw err;
  }
  // TS narrows `header` to null through the labelled loops; it is assigned inside them.
  const found = header as Header | null;
  if (!found) return { ok: false, message: `没有找到表头行（应包含“姓名”“证件类型”“证件号码”等列，且位于前${IMPORT_LIMITS.headerSearchRows}行）。请使用系统提供的专家库模板` };
  if (rows.length === 0 && issues.length === 0) return { ok: false, message: `第${found.row}行表头下方没有数据，请填写后再上传` };
  return { ok: true, rows, issues, idColumn: columnLabel(found, "idNumber") };
}

export type PoolImportResult = { ok: true; invited: number } | { ok: false; message: string; issues: PoolImportIssue[] };

/**
 * All or nothing: any invalid row, or a person already in the pool (a pending invitation included),
 * and nothing is written; the report names each row, column and reason. Otherwise every row becomes an
 * invitation in one statement.
 */
export async function commitPoolImport(tx: Db, user: Pick<SessionUser, "id" | "role" | "orgId">, parsed: Extract<PoolParseOutcome, { ok: true }>): Promise<PoolImportResult> {
  const orgId = assertPoolOrg(user);
  const issues = [...parsed.issues];
  const ids = parsed.rows.map((r) => r.idNumber);
  const existing = ids.length
    ? await tx
        .select({ idType: expertPoolMembers.idType, idNumber: expertPoolMembers.idNumber })
        .from(expertPoolMembers)
        .where(and(eq(expertPoolMembers.orgId, orgId), inArray(expertPoolMembers.idNumber, ids), ne(expertPoolMembers.status, "removed")))
    : [];
  const inPool = new Set(existing.map((e) => `${e.idType}|${e.idNumber}`));
  for (const r of parsed.rows) {
    if (inPool.has(`${r.idType}|${r.idNumber}`)) issues.push({ row: r.row, column: parsed.idColumn, reason: DUPLICATE_MEMBER_MESSAGE });
  }
  if (issues.length) {
    issues.sort((a, b) => a.row - b.row);
    return { ok: false, message: `${new Set(issues.map((i) => i.row)).size}行有错误，未导入任何数据。请按报告修改后重新上传`, issues };
  }
  const inserted = await tx
    .insert(expertPoolMembers)
    .values(
      parsed.rows.map((r) => ({
        orgId,
        invitedName: r.name,
        idType: r.idType,
        idNumber: r.idNumber,
        invitedPhone: r.phone,
        title: r.title,
        series: r.series,
        specialty: r.specialty,
        level: r.level,
        workUnit: r.workUnit,
        invitedBy: user.id,
      })),
    )
    .returning({ id: expertPoolMembers.id });
  return { ok: true, invited: inserted.length };
}
