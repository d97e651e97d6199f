import { and, asc, desc, eq, notExists, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rosterImportRows, rosterImports, rosterRecords, users, type RosterImportRejectedRow } from "@/db/schema";
import type { RosterImportStatus } from "@/db/schema/enums";
import { UserError } from "@/lib/errors";
import { assertCommitteeOwner, rosterIdNumberFor, type RosterActor } from "./access";
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

/**
 * The preview page: counts, the first rows to add and the first rejected rows. ID numbers are shown in
 * full to the committee's own organisation, the uploader's (`rosterIdNumberFor`); `unmaskedRows` says how
 * many full ID numbers the page will show, for its audit row.
 */
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
  const shown = (idNumber: string) => rosterIdNumberFor(actor, committee, idNumber);
  const rows = sampleRows.map((r) => ({ ...r, ...shown(r.idNumber) }));
  const rejected = (sampleRejected ?? []).map((r) => {
    const id = shown(r.values.idNumber ?? "");
    return { ...r, values: { ...r.values, idNumber: id.idNumber }, unmasked: id.unmasked && !!r.values.idNumber };
  });
  return {
    ...rest,
    committee,
    glyphIssues: row.status === "pending" ? await getImportGlyphIssues(db, importId) : { warnings: [], errors: [] },
    sampleRows: rows.map(({ unmasked: _, ...r }) => r),
    // Rejected rows show what the user typed.
    sampleRejected: rejected.map(({ unmasked: _, ...r }): RosterImportRejectedRow => r),
    unmaskedRows: rows.filter((r) => r.unmasked).length + rejected.filter((r) => r.unmasked).length,
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
  const committee = await assertCommitteeOwner(db, actor, row.committeeId);
  // The uploader's own rows, as typed: full ID numbers for the forming organisation (the report's audit row records the download).
  const rejected = (row.rejected ?? []).map((r) => (r.values.idNumber ? { ...r, values: { ...r.values, idNumber: rosterIdNumberFor(actor, committee, r.values.idNumber).idNumber } } : r));
  return { fileName: row.fileName, rejected };
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
