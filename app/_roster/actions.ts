"use server";

import { revalidatePath } from "next/cache";
import { protectedAction, type ActionResult } from "@/lib/actions/safe-action";
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

function refresh(): void {
  for (const area of ["/hrss/roster", "/dept/roster", "/self-unit/roster"]) revalidatePath(area, "layout");
}

/** A rare character printed with the fallback font is saved, and the user is told (docs/domain.md §7). */
function withGlyphWarnings(message: string, warnings: string[]): string {
  return warnings.length ? `${message}。注意：${warnings.join("；")}` : message;
}

const create = protectedAction({
  name: "roster.record.create",
  roles: COMMITTEE_FORMING_ROLES,
  schema: createRosterRecordSchema,
  handler: async ({ input, user, tx }) => {
    const rec = await createRosterRecord(tx, user, input);
    return {
      data: rec,
      audit: { targetType: "roster_record", targetId: rec.id, detail: { committeeId: input.committeeId, certNo: rec.certNo } },
      message: withGlyphWarnings(`已保存为草稿，证书编号 ${rec.certNo}`, rec.glyphWarnings),
    };
  },
});

const update = protectedAction({
  name: "roster.record.update",
  roles: COMMITTEE_FORMING_ROLES,
  schema: updateRosterRecordSchema,
  handler: async ({ input, user, tx }) => {
    const rec = await updateRosterRecord(tx, user, input);
    return {
      data: rec,
      audit: { targetType: "roster_record", targetId: rec.id, detail: { committeeId: rec.committeeId, certNo: rec.certNo, version: rec.version } },
      message: withGlyphWarnings("已保存修改", rec.glyphWarnings),
    };
  },
});

const remove = protectedAction({
  name: "roster.record.delete",
  roles: COMMITTEE_FORMING_ROLES,
  schema: deleteRosterRecordsSchema,
  handler: async ({ input, user, tx }) => {
    const n = await deleteRosterRecords(tx, user, input);
    return {
      data: { deleted: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { deleted: n, ids: input.records.map((r) => r.id) } },
      message: `已删除${n}条草稿`,
    };
  },
});

const publish = protectedAction({
  name: "roster.record.publish",
  roles: COMMITTEE_FORMING_ROLES,
  schema: publishRosterRecordsSchema,
  handler: async ({ input, user, tx }) => {
    const n = await publishRosterRecords(tx, user, input);
    return {
      data: { published: n },
      audit: { targetType: "committee", targetId: input.committeeId, detail: { published: n, selected: input.recordIds?.length ?? null } },
      message: `已发布${n}条记录，专业技术人员现在可以查看并上传照片`,
    };
  },
});

const commitImport = protectedAction({
  name: "roster.import.commit",
  roles: COMMITTEE_FORMING_ROLES,
  schema: importDecisionSchema,
  handler: async ({ input, user, tx }) => {
    const r = await commitRosterImport(tx, user, input.importId);
    return {
      data: r,
      audit: { targetType: "roster_import", targetId: input.importId, detail: { committeeId: r.committeeId, added: r.added, skipped: r.skipped } },
      message: r.added > 0 ? `导入成功：新增${r.added}条草稿记录${r.skipped ? `，${r.skipped}条已存在未重复导入` : ""}` : "没有需要新增的记录，名册未变化",
    };
  },
});

const cancelImport = protectedAction({
  name: "roster.import.cancel",
  roles: COMMITTEE_FORMING_ROLES,
  schema: importDecisionSchema,
  handler: async ({ input, user, tx }) => {
    const r = await cancelRosterImport(tx, user, input.importId);
    return { data: r, audit: { targetType: "roster_import", targetId: input.importId, detail: r }, message: "已取消本次导入" };
  },
});

async function withRefresh<T>(p: Promise<ActionResult<T>>): Promise<ActionResult<T>> {
  const r = await p;
  if (r.ok) refresh();
  return r;
}

export async function createRosterRecordAction(raw: unknown) {
  return withRefresh(create(raw));
}
export async function updateRosterRecordAction(raw: unknown) {
  return withRefresh(update(raw));
}
export async function deleteRosterRecordsAction(raw: unknown) {
  return withRefresh(remove(raw));
}
export async function publishRosterRecordsAction(raw: unknown) {
  return withRefresh(publish(raw));
}
export async function commitRosterImportAction(raw: unknown) {
  return withRefresh(commitImport(raw));
}
export async function cancelRosterImportAction(raw: unknown) {
  return withRefresh(cancelImport(raw));
}
