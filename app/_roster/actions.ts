"use server";

import { ROSTER_AREAS } from "@/lib/actions/revalidate-areas";
import { protectedAction } from "@/lib/actions/safe-action";
import { cancelRosterImport, commitRosterImport } from "@/lib/roster/imports";
import { createRosterRecord, deleteRosterRecords, publishRosterRecords, updateRosterRecord } from "@/lib/roster/records";
import {
  createRosterRecordSchema,
  deleteRosterRecordsSchema,
  importDecisionSchema,
  publishRosterRecordsSchema,
  updateRosterRecordSchema,
} from "@/lib/roster/schemas";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";

// Server actions are public POST endpoints: each one checks session, input, role, and (inside the
// domain call) that the committee belongs to the user's organisation.

/** A rare character printed with the fallback font is saved, and the user is told (docs/domain.md §7). */
function withGlyphWarnings(message: string, warnings: string[]): string {
  return warnings.length ? `${message}。注意：${warnings.join("；")}` : message;
}

export const createRosterRecordAction = protectedAction({
  name: "roster.record.create",
  roles: COMMITTEE_FORMING_ROLES,
  schema: createRosterRecordSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const rec = await createRosterRecord(tx, user, input);
    return {
      data: rec,
      audit: { targetType: "roster_record", targetId: rec.id, detail: { committeeId: input.committeeId, certNo: rec.certNo } },
      message: withGlyphWarnings(`已保存为草稿，证书编号 ${rec.certNo}`, rec.glyphWarnings),
    };
  },
});

export const updateRosterRecordAction = protectedAction({
  name: "roster.record.update",
  roles: COMMITTEE_FORMING_ROLES,
  schema: updateRosterRecordSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const rec = await updateRosterRecord(tx, user, input);
    return {
      data: rec,
      audit: { targetType: "roster_record", targetId: rec.id, detail: { committeeId: rec.committeeId, certNo: rec.certNo, version: rec.version } },
      message: withGlyphWarnings("已保存修改", rec.glyphWarnings),
    };
  },
});

export const deleteRosterRecordsAction = protectedAction({
  name: "roster.record.delete",
  roles: COMMITTEE_FORMING_ROLES,
  schema: deleteRosterRecordsSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await deleteRosterRecords(tx, user, input);
    return {
      data: { deleted: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { deleted: n, ids: input.records.map((r) => r.id) } },
      message: `已删除${n}条草稿`,
    };
  },
});

export const publishRosterRecordsAction = protectedAction({
  name: "roster.record.publish",
  roles: COMMITTEE_FORMING_ROLES,
  schema: publishRosterRecordsSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const n = await publishRosterRecords(tx, user, input);
    return {
      data: { published: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { published: n, selected: input.recordIds?.length ?? null } },
      message: `已发布${n}条记录，专业技术人员现在可以查看并上传照片`,
    };
  },
});

export const commitRosterImportAction = protectedAction({
  name: "roster.import.commit",
  roles: COMMITTEE_FORMING_ROLES,
  schema: importDecisionSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const r = await commitRosterImport(tx, user, input.importId);
    return {
      data: r,
      audit: { targetType: "roster_import", targetId: input.importId, detail: { committeeId: r.committeeId, added: r.added, skipped: r.skipped } },
      message: r.added > 0 ? `导入成功：新增${r.added}条草稿记录${r.skipped ? `，${r.skipped}条已存在未重复导入` : ""}` : "没有需要新增的记录，名册未变化",
    };
  },
});

export const cancelRosterImportAction = protectedAction({
  name: "roster.import.cancel",
  roles: COMMITTEE_FORMING_ROLES,
  schema: importDecisionSchema,
  revalidate: ROSTER_AREAS,
  handler: async ({ input, user, tx }) => {
    const r = await cancelRosterImport(tx, user, input.importId);
    return { data: r, audit: { targetType: "roster_import", targetId: input.importId, detail: r }, message: "已取消本次导入" };
  },
});
