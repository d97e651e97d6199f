import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rosterImportRows, rosterImports } from "@/db/schema";
import { IMPORT_LIMITS } from "@/lib/roster/constants";
import { parseRosterWorkbookInWorker, PARSE_BUSY_MESSAGE, PARSE_TIMEOUT_MESSAGE } from "@/lib/roster/parse-in-worker";
import { createRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { createRosterFixture, type RosterFixture } from "../helpers/roster-fixtures";
import { hostileWorkbooks, longStringsWorkbook } from "../helpers/hostile-workbooks";
import { buildRosterWorkbook, validRow } from "../helpers/roster-workbook";
import { useTestDb, type TestDb } from "../setup/test-db";

vi.mock("@/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));

let t: TestDb;
let f: RosterFixture;

beforeAll(async () => {
  t = await useTestDb();
  f = await createRosterFixture(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function importFile(file: Buffer) {
  const { importId, committee } = await createRosterImport(t.db, f.province, { committeeId: f.committee001, fileName: "名册.xlsx", file });
  await parseRosterImport(t.db, importId, file, committee);
  const [imp] = await t.db.select().from(rosterImports).where(eq(rosterImports.id, importId));
  const [{ n }] = await t.db.select({ n: count() }).from(rosterImportRows).where(eq(rosterImportRows.importId, importId));
  return { imp, staged: n };
}

// docs/xlsx-import.md, "Limits while reading". Before these limits, the first file alone held the
// server's event loop for seconds and four of them at once ran it out of heap.
describe("hostile workbooks are refused early, with their reason, and stage nothing", () => {
  for (const { kind, file, message } of hostileWorkbooks()) {
    it(`refuses ${kind} (${Math.round(file.length / 1024)} KB zipped)`, async () => {
      const { imp, staged } = await importFile(file);
      expect(imp).toMatchObject({ status: "failed", message, rowsRead: 0 });
      expect(staged).toBe(0);
    });
  }

  it("refuses a value beyond column AN but skips an empty formatted cell out there, reading the row as usual", async () => {
    const ok = await buildRosterWorkbook([validRow(60_000), validRow(60_001)]);
    // An exceljs-built roster, with a formatted empty cell in column XFD of row 2 and a value in AO3.
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(ok).buffer);
    const sheet = wb.worksheets[0];
    sheet.getCell("XFD2").style = { font: { bold: true } };
    const formatted = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await importFile(formatted)).imp).toMatchObject({ status: "pending", addCount: 2 });

    sheet.getCell("AO3").value = "备注";
    const beyond = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await importFile(beyond)).imp).toMatchObject({ status: "failed", message: "第3行：单元格 AO3 超出模板范围（模板共16列），请删除多余的列后重新导入" });
  });

  it("refuses shared strings that add up to more than 32M characters", async () => {
    const { imp, staged } = await importFile(longStringsWorkbook(33, 1024 * 1024));
    expect(imp).toMatchObject({ status: "failed", message: "工作簿中的文本合计超过32M个字符，超出单次导入上限，请删除多余的内容或拆分为多个文件分批导入" });
    expect(staged).toBe(0);
  });
});

describe("the parse runs in a worker thread with a time budget", () => {
  it("stops a parse that runs out of time and says so", async () => {
    const file = await buildRosterWorkbook(Array.from({ length: 200 }, (_, i) => validRow(61_000 + i)));
    const outcome = await parseRosterWorkbookInWorker(file, { committee: { series: "工程技术", levelFrom: "senior_deputy", levelTo: "senior_full" }, timeoutMs: 1 });
    expect(outcome).toEqual({ ok: false, message: PARSE_TIMEOUT_MESSAGE, rowsRead: 0 });
    expect(PARSE_TIMEOUT_MESSAGE).toBe("读取工作簿超过60秒仍未完成，已停止读取。请删除多余的行列或拆分为多个文件后重新导入");
  });
});

describe("the wait for a parse slot is bounded", () => {
  // Each waiting parse holds its upload (up to 10 MB) in memory: past IMPORT_LIMITS.parseQueue waiting
  // uploads, a new one fails at once with its message instead of joining an endless queue.
  it("fails an upload at once when every slot is busy and the queue is full, staging nothing", async () => {
    const key = Symbol.for("gz.roster.parseSlots");
    const globals = globalThis as { [key]?: { free: number; waiting: (() => void)[] } };
    const slots = globals[key]!;
    const saved = { free: slots.free, waiting: slots.waiting };
    // Every slot taken, and the queue full of parses that never get their turn.
    slots.free = 0;
    slots.waiting = Array.from({ length: IMPORT_LIMITS.parseQueue }, () => () => {});
    try {
      const file = await buildRosterWorkbook([validRow(62_000)]);
      const { imp, staged } = await Promise.race([
        importFile(file),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the upload is still waiting for a parse slot")), 3_000)),
      ]);
      expect(imp).toMatchObject({ status: "failed", message: PARSE_BUSY_MESSAGE, rowsRead: 0 });
      expect(staged).toBe(0);
      expect(PARSE_BUSY_MESSAGE).toBe("当前导入的文件较多，请稍后重新上传");
    } finally {
      slots.free = saved.free;
      slots.waiting = saved.waiting;
    }
  });
});
