import { createHash } from "node:crypto";
import { and, count, eq, exists, inArray, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterImportRows, rosterImports, rosterRecords, type RosterImportRejectedRow } from "@/db/schema";
import { StaleStateError, UserError } from "@/lib/errors";
import { assertCommitteeOwner, type OwnedCommittee, type RosterActor } from "./access";
import { COLUMN_BY_KEY, recordCells } from "./columns";
import { IMPORT_LIMITS } from "./constants";
import { getImportGlyphIssues } from "./import-glyphs";
import { existingRecordOf, insertStagedRecords, stageImportRows } from "./import-insert";
import { parseRosterWorkbookInWorker } from "./parse-in-worker";
import { checkXlsxZip } from "./zip-guard";

/**
 * An upload becomes a `roster_imports` row: checked (size, zip) before anything is parsed, parsed in
 * the background with progress, previewed from the stored rows, then committed in one transaction.
 */
export async function createRosterImport(
  db: Db,
  actor: RosterActor,
  input: { committeeId: string; fileName: string; file: Buffer },
): Promise<{ importId: string; committee: OwnedCommittee }> {
  const committee = await assertCommitteeOwner(db, actor, input.committeeId);
  if (input.file.length === 0) throw new UserError("上传的文件是空的");
  if (input.file.length > IMPORT_LIMITS.maxFileBytes) throw new UserError("文件超过10 MB，请拆分后分批导入");
  if (!/\.xlsx$/i.test(input.fileName)) throw new UserError("只支持 .xlsx 格式的工作簿，请使用系统提供的模板");
  const zip = await checkXlsxZip(input.file);
  if (!zip.ok) throw new UserError(zip.message);
  await expireStaleRosterImports(db, committee.id);

  const [row] = await db
    .insert(rosterImports)
    .values({
      committeeId: committee.id,
      createdBy: actor.id,
      fileName: input.fileName.slice(0, 200),
      fileSize: input.file.length,
      fileSha256: createHash("sha256").update(input.file).digest("hex"),
    })
    .returning({ id: rosterImports.id });
  return { importId: row.id, committee };
}

const STALE_AFTER_MS = 24 * 3_600_000;

/** Previews left undecided for a day are cancelled and their staged rows (personal data) deleted. */
async function expireStaleRosterImports(db: Db, committeeId: string): Promise<void> {
  const stale = await db
    .update(rosterImports)
    .set({ status: "cancelled", message: "超过24小时未确认，已自动取消", decidedAt: new Date() })
    .where(
      and(
        eq(rosterImports.committeeId, committeeId),
        inArray(rosterImports.status, ["parsing", "pending"]),
        lt(rosterImports.createdAt, new Date(Date.now() - STALE_AFTER_MS)),
      ),
    )
    .returning({ id: rosterImports.id });
  if (stale.length) await db.delete(rosterImportRows).where(inArray(rosterImportRows.importId, stale.map((r) => r.id)));
}

/**
 * Parses the upload and writes the preview: valid rows go to the staging table in batches while the
 * parse continues (at most one batch in flight), then one pass against the roster counts rows already
 * present and rejects those whose key exists under another name. Runs after the upload response
 * (or directly in tests and benchmarks); never changes roster_records.
 */
export async function parseRosterImport(db: Db, importId: string, file: Buffer, committee: OwnedCommittee): Promise<void> {
  let lastWrite = 0;
  let inFlight: Promise<void> = Promise.resolve();
  // An object, not a `let`: TypeScript would narrow a `let` to null after the await below.
  const staging: { error: Error | null } = { error: null };
  // In a worker thread with a capped heap and a time budget (./parse-in-worker.ts).
  const outcome = await parseRosterWorkbookInWorker(file, {
    committee,
    onProgress: async (rowsRead) => {
      const now = Date.now();
      if (now - lastWrite < 250) return;
      lastWrite = now;
      await db.update(rosterImports).set({ rowsRead }).where(and(eq(rosterImports.id, importId), eq(rosterImports.status, "parsing")));
    },
    onValidRows: async (batch) => {
      await inFlight;
      if (staging.error) throw staging.error;
      // Not awaited: PostgreSQL stores this batch while the next one is parsed.
      inFlight = stageImportRows(db, importId, batch, committee.code).catch((err: unknown) => {
        staging.error = err instanceof Error ? err : new Error(String(err));
      });
    },
  });
  await inFlight;
  if (staging.error) throw staging.error;

  if (!outcome.ok) {
    await db.delete(rosterImportRows).where(eq(rosterImportRows.importId, importId));
    await db
      .update(rosterImports)
      .set({ status: "failed", message: outcome.message, rowsRead: outcome.rowsRead, parsedAt: new Date() })
      .where(and(eq(rosterImports.id, importId), eq(rosterImports.status, "parsing")));
    return;
  }
  await stageImportRows(db, importId, outcome.rows, committee.code);

  const [{ existingCount }] = await db
    .select({ existingCount: count() })
    .from(rosterImportRows)
    .where(
      and(
        eq(rosterImportRows.importId, importId),
        exists(db.select({ one: sql`1` }).from(rosterRecords).where(and(existingRecordOf(committee.id), eq(rosterRecords.name, rosterImportRows.name)))),
      ),
    );
  const conflicts = await db
    .select({ staged: rosterImportRows, existingName: rosterRecords.name })
    .from(rosterImportRows)
    .innerJoin(rosterRecords, and(existingRecordOf(committee.id), ne(rosterRecords.name, rosterImportRows.name)))
    .where(eq(rosterImportRows.importId, importId));
  const rejected: RosterImportRejectedRow[] = [...outcome.rejected];
  if (conflicts.length) {
    await db.delete(rosterImportRows).where(
      and(eq(rosterImportRows.importId, importId), inArray(rosterImportRows.rowNo, conflicts.map((c) => c.staged.rowNo))),
    );
    for (const c of conflicts) {
      rejected.push({
        row: c.staged.rowNo,
        values: recordCells(c.staged),
        issues: [{ column: COLUMN_BY_KEY.name.header, reason: `名册中已有该证件号码同一资格、同一年度的记录，但姓名为“${c.existingName}”，请核对` }],
      });
    }
    rejected.sort((a, b) => a.row - b.row);
  }

  const updated = await db
    .update(rosterImports)
    .set({
      status: "pending",
      rowsRead: outcome.rowsRead,
      headerRow: outcome.headerRow,
      addCount: outcome.validCount - existingCount - conflicts.length,
      existingCount,
      rejectedCount: rejected.length,
      exampleCount: outcome.exampleCount,
      rejected,
      parsedAt: new Date(),
    })
    .where(and(eq(rosterImports.id, importId), eq(rosterImports.status, "parsing")))
    .returning({ id: rosterImports.id });
  // Cancelled while it was being read: drop what was staged.
  if (updated.length === 0) await db.delete(rosterImportRows).where(eq(rosterImportRows.importId, importId));
}

/** Marks an import whose background parse crashed, so the browser stops waiting. */
export async function failRosterImport(db: Db, importId: string, message: string): Promise<void> {
  await db.delete(rosterImportRows).where(eq(rosterImportRows.importId, importId));
  await db
    .update(rosterImports)
    .set({ status: "failed", message, parsedAt: new Date() })
    .where(and(eq(rosterImports.id, importId), eq(rosterImports.status, "parsing")));
}

async function loadImportForActor(db: Db, actor: RosterActor, importId: string, lock = false) {
  const [imp] = await db
    .select({
      id: rosterImports.id,
      committeeId: rosterImports.committeeId,
      status: rosterImports.status,
      rejectedCount: rosterImports.rejectedCount,
      addCount: rosterImports.addCount,
      existingCount: rosterImports.existingCount,
    })
    .from(rosterImports)
    .where(eq(rosterImports.id, importId))
    .limit(1);
  if (!imp) throw new UserError("导入记录不存在");
  const committee = await assertCommitteeOwner(db, actor, imp.committeeId, { lock });
  return { imp, committee };
}

const NOT_PENDING: Record<string, string> = {
  parsing: "文件仍在读取中，请稍候",
  failed: "该文件未通过检查，不能导入",
  committed: "该文件已导入，不能重复导入",
  cancelled: "该导入已取消",
};

/**
 * All-or-nothing commit in the caller's transaction: refuses a preview with rejected rows; skips rows
 * that meanwhile entered the roster (so a re-import adds 0); numbers certificates per committee and year.
 */
export async function commitRosterImport(tx: Db, actor: RosterActor, importId: string): Promise<{ added: number; skipped: number; committeeId: string }> {
  // Locking the committee row serialises every writer of this roster until the transaction ends.
  const { imp, committee } = await loadImportForActor(tx, actor, importId, true);
  if (imp.status !== "pending") throw new UserError(NOT_PENDING[imp.status] ?? "该导入不能提交");
  if (imp.rejectedCount > 0) {
    throw new UserError(`有${imp.rejectedCount}行未通过校验，整个文件不会导入。请下载错误报告，修正后重新上传`);
  }
  const glyphs = await getImportGlyphIssues(tx, importId);
  if (glyphs.errors.length) throw new UserError(`${glyphs.errors[0]}。整个文件不会导入，请修正后重新上传`);
  const [claimed] = await tx
    .update(rosterImports)
    .set({ status: "committed", decidedAt: new Date(), decidedBy: actor.id })
    .where(and(eq(rosterImports.id, importId), eq(rosterImports.status, "pending")))
    .returning({ id: rosterImports.id });
  if (!claimed) throw new StaleStateError("该导入已被处理，请刷新页面");

  // The staged rows never change once the preview is pending: they are the rows it counted.
  const staged = imp.addCount + imp.existingCount;
  const added = await insertStagedRecords(tx, { committee, importId, actorId: actor.id });
  await tx.delete(rosterImportRows).where(eq(rosterImportRows.importId, importId));
  await tx.update(rosterImports).set({ addedCount: added }).where(eq(rosterImports.id, importId));
  return { added, skipped: staged - added, committeeId: committee.id };
}

export async function cancelRosterImport(tx: Db, actor: RosterActor, importId: string): Promise<{ committeeId: string }> {
  const { imp } = await loadImportForActor(tx, actor, importId);
  const [row] = await tx
    .update(rosterImports)
    .set({ status: "cancelled", decidedAt: new Date(), decidedBy: actor.id })
    .where(and(eq(rosterImports.id, importId), inArray(rosterImports.status, ["parsing", "pending", "failed"])))
    .returning({ id: rosterImports.id });
  if (!row) throw new UserError(NOT_PENDING[imp.status] ?? "该导入不能取消");
  await tx.delete(rosterImportRows).where(eq(rosterImportRows.importId, importId));
  return { committeeId: imp.committeeId };
}
