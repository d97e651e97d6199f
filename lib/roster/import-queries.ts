import { and, asc, desc, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterImportRows, rosterImports, rosterRecords, users, type RosterImportRejectedRow } from "@/db/schema";
import type { RosterImportStatus } from "@/db/schema/enums";
import { UserError } from "@/lib/errors";
import { maskIdNumber } from "@/lib/validation/id-number";
import { assertCommitteeOwner, type RosterActor } from "./access";
import { getImportGlyphIssues } from "./import-glyphs";
import { existingRecordOf } from "./import-insert";

// Reads of an import for its owner: progress, preview, error report, recent list.

export type ImportProgress = {
  id: string;
  committeeId: string;
  status: RosterImportStatus;
  rowsRead: number;
  message: string | null;
};

export async function getRosterImportProgress(db: Db, actor: RosterActor, importId: string): Promise<ImportProgress> {
  const [row] = await db
    .select({
      id: rosterImports.id,
      committeeId: rosterImports.committeeId,
      status: rosterImports.status,
      rowsRead: rosterImports.rowsRead,
      message: rosterImports.message,
    })
    .from(rosterImports)
    .where(eq(rosterImports.id, importId))
    .limit(1);
  if (!row) throw new UserError("导入记录不存在");
  await assertCommitteeOwner(db, actor, row.committeeId);
  return row;
}

const PREVIEW_ROWS = 100;
const PREVIEW_REJECTED = 500;

/** The preview page: counts, the first rows to add (IDs masked) and the first rejected rows. */
export async function getRosterImportPreview(db: Db, actor: RosterActor, importId: string) {
  const [row] = await db
    .select({
      id: rosterImports.id,
      committeeId: rosterImports.committeeId,
      fileName: rosterImports.fileName,
      fileSize: rosterImports.fileSize,
      status: rosterImports.status,
      rowsRead: rosterImports.rowsRead,
      addCount: rosterImports.addCount,
      existingCount: rosterImports.existingCount,
      rejectedCount: rosterImports.rejectedCount,
      exampleCount: rosterImports.exampleCount,
      addedCount: rosterImports.addedCount,
      headerRow: rosterImports.headerRow,
      message: rosterImports.message,
      createdAt: rosterImports.createdAt,
      decidedAt: rosterImports.decidedAt,
      uploaderName: users.name,
      sampleRejected: sql<RosterImportRejectedRow[] | null>`jsonb_path_query_array(${rosterImports.rejected}, ${`$[0 to ${PREVIEW_REJECTED - 1}]`}::jsonpath)`,
    })
    .from(rosterImports)
    .innerJoin(users, eq(users.id, rosterImports.createdBy))
    .where(eq(rosterImports.id, importId))
    .limit(1);
  if (!row) return null;
  const committee = await assertCommitteeOwner(db, actor, row.committeeId);
  const { sampleRejected, ...rest } = row;
  const sampleRows =
    row.status === "pending"
      ? await db
          .select({
            row: rosterImportRows.rowNo,
            name: rosterImportRows.name,
            idType: rosterImportRows.idType,
            idNumber: rosterImportRows.idNumber,
            workUnit: rosterImportRows.workUnit,
            qualificationName: rosterImportRows.qualificationName,
            level: rosterImportRows.level,
            passDate: rosterImportRows.passDate,
          })
          .from(rosterImportRows)
          .where(
            and(
              eq(rosterImportRows.importId, importId),
              notExists(db.select({ one: sql`1` }).from(rosterRecords).where(existingRecordOf(committee.id))),
            ),
          )
          .orderBy(asc(rosterImportRows.rowNo))
          .limit(PREVIEW_ROWS)
      : [];
  return {
    ...rest,
    committee,
    glyphIssues: row.status === "pending" ? await getImportGlyphIssues(db, importId) : { warnings: [], errors: [] },
    sampleRows: sampleRows.map((r) => ({ ...r, idNumber: maskIdNumber(r.idNumber) })),
    // Rejected rows show what the user typed, masked the same way.
    sampleRejected: (sampleRejected ?? []).map((r): RosterImportRejectedRow => ({ ...r, values: { ...r.values, idNumber: maskIdNumber(r.values.idNumber) } })),
    previewLimits: { rows: PREVIEW_ROWS, rejected: PREVIEW_REJECTED },
  };
}
export type RosterImportPreview = NonNullable<Awaited<ReturnType<typeof getRosterImportPreview>>>;

/** Every rejected row of an import, for the downloadable error report. */
export async function getRosterImportRejected(db: Db, actor: RosterActor, importId: string) {
  const [row] = await db
    .select({ committeeId: rosterImports.committeeId, fileName: rosterImports.fileName, rejected: rosterImports.rejected })
    .from(rosterImports)
    .where(eq(rosterImports.id, importId))
    .limit(1);
  if (!row) throw new UserError("导入记录不存在");
  await assertCommitteeOwner(db, actor, row.committeeId);
  return { fileName: row.fileName, rejected: row.rejected ?? [] };
}

export async function listRosterImports(db: Db, actor: RosterActor, committeeId: string, limit = 10) {
  await assertCommitteeOwner(db, actor, committeeId);
  return db
    .select({
      id: rosterImports.id,
      fileName: rosterImports.fileName,
      status: rosterImports.status,
      rowsRead: rosterImports.rowsRead,
      addCount: rosterImports.addCount,
      existingCount: rosterImports.existingCount,
      rejectedCount: rosterImports.rejectedCount,
      addedCount: rosterImports.addedCount,
      createdAt: rosterImports.createdAt,
      uploaderName: users.name,
    })
    .from(rosterImports)
    .innerJoin(users, eq(users.id, rosterImports.createdBy))
    .where(eq(rosterImports.committeeId, committeeId))
    .orderBy(desc(rosterImports.createdAt), desc(rosterImports.id))
    .limit(limit);
}

export const IMPORT_STATUS_LABELS: Record<RosterImportStatus, string> = {
  parsing: "读取中",
  pending: "待确认",
  failed: "未通过检查",
  committed: "已导入",
  cancelled: "已取消",
};
