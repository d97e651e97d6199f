/** Generates roster workbooks for tests, the e2e spec and the benchmark. */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import { ROSTER_COLUMNS, type FieldKey } from "@/lib/roster/columns";
import { idCheckChar } from "@/lib/validation/id-number";

export type Cell = string | number | Date | null;
export type RowSpec = Partial<Record<FieldKey, Cell>>;

/** A checksum-valid 居民身份证 number, unique for n < 1,000,000 (birth date and sequence vary with n). */
export function residentId(n: number, region = "520102"): string {
  const birth = new Date(Date.UTC(1970, 0, 1) + Math.floor(n / 1000) * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, "");
  const first17 = region + ymd + String(n % 1000).padStart(3, "0");
  return first17 + idCheckChar(first17);
}

const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华";

export function personName(n: number): string {
  return SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length] + GIVEN[Math.floor(n / 400) % GIVEN.length];
}

/** A valid row for committee 001 (工程技术, 副高级). */
export function validRow(n: number, overrides: RowSpec = {}): RowSpec {
  return {
    name: personName(n),
    idType: "居民身份证",
    idNumber: residentId(n),
    workUnit: "贵州省建筑设计研究院有限责任公司",
    series: "工程技术",
    specialty: "建筑工程",
    qualificationName: "高级工程师",
    level: "副高级",
    obtainMethod: "评审",
    passDate: "2020-12-01",
    approvalNo: "黔人社厅发〔2020〕12号",
    ...overrides,
  };
}

export type WorkbookOptions = {
  /** A merged title row (and a blank row) above the header. */
  titleRow?: string;
  /** Column order; defaults to the template's. */
  columns?: FieldKey[];
  /** Format the ID column as text (as the template does). */
  idAsText?: boolean;
};

function headerOf(key: FieldKey): string {
  return ROSTER_COLUMNS.find((c) => c.key === key)!.header;
}

export async function buildRosterWorkbook(rows: RowSpec[], opts: WorkbookOptions = {}): Promise<Buffer> {
  const columns = opts.columns ?? ROSTER_COLUMNS.map((c) => c.key);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名册");
  if (opts.titleRow) {
    ws.addRow([opts.titleRow]);
    ws.mergeCells(1, 1, 1, columns.length);
    ws.addRow([]);
  }
  ws.addRow(columns.map(headerOf));
  if (opts.idAsText !== false) {
    const idCol = columns.indexOf("idNumber") + 1;
    if (idCol > 0) ws.getColumn(idCol).numFmt = "@";
  }
  for (const r of rows) {
    const row = ws.addRow(columns.map((k) => r[k] ?? null));
    columns.forEach((k, i) => {
      if (r[k] instanceof Date) row.getCell(i + 1).numFmt = "yyyy-mm-dd";
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Large workbooks (benchmark): written with the streaming writer, like a real export. */
export async function buildLargeRosterWorkbook(count: number, start = 0): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on("end", () => resolve());
    out.on("error", reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet("名册");
  const keys = ROSTER_COLUMNS.map((c) => c.key);
  ws.addRow(keys.map(headerOf)).commit();
  for (let i = start; i < start + count; i++) {
    const r = validRow(i, { passDate: i % 2 ? "2020-12-01" : new Date(Date.UTC(2021, 5, 30)) });
    const row = ws.addRow(keys.map((k) => r[k] ?? null));
    if (r.passDate instanceof Date) row.getCell(keys.indexOf("passDate") + 1).numFmt = "yyyy-mm-dd";
    row.commit();
  }
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** Fills a downloaded template (or any roster workbook), matching columns by header text. Data starts on
 * row 2 (replacing the example rows) unless `keepExamples`, then below the last used row. */
export async function fillRosterTemplate(template: Buffer | ArrayBuffer, rows: RowSpec[], opts: { keepExamples?: boolean } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template instanceof ArrayBuffer ? template : new Uint8Array(template).buffer);
  const ws = wb.getWorksheet("名册")!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1).map((h) => (typeof h === "string" ? h : ""));
  const keys = headers.map((h) => ROSTER_COLUMNS.find((c) => c.header === h)?.key);
  let next = ws.actualRowCount + 1;
  if (!opts.keepExamples) {
    for (let r = 2; r <= ws.actualRowCount; r++) ws.getRow(r).values = [];
    next = 2;
  }
  rows.forEach((r, i) => {
    ws.getRow(next + i).values = keys.map((k) => (k ? (r[k] ?? null) : null));
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
