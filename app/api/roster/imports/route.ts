import { after } from "next/server";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readBodyCapped } from "@/lib/http/read-body";
import { log } from "@/lib/log";
import { COMMITTEE_FORMING_ROLES } from "@/lib/roles";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { IMPORT_LIMITS } from "@/lib/roster/constants";
import { createRosterImport, failRosterImport, parseRosterImport } from "@/lib/roster/imports";

function fileNameOf(req: Request): string {
  try {
    return decodeURIComponent(req.headers.get("x-file-name") ?? "名册.xlsx");
  } catch {
    return "名册.xlsx";
  }
}

/**
 * Upload of a roster workbook: the raw .xlsx is the body (≤ 10 MB), `?committeeId=` names the
 * committee, `X-File-Name` the file (URI-encoded). The committee is checked first, so a 413 reveals
 * nothing about other organisations' committees; the import row and its audit row commit together;
 * the parse runs after the response, and the browser polls GET /api/roster/imports/{id} for progress.
 */
export const POST = protectedRoute({
  name: "roster.import.upload",
  roles: COMMITTEE_FORMING_ROLES,
  mutating: true,
  targetType: "committee",
  targetIdOf: (url) => url.searchParams.get("committeeId"),
  load: ({ db, user, url }) => assertCommitteeOwner(db, user, url.searchParams.get("committeeId") ?? ""),
  handler: async ({ req, db, user, row: committee, transaction }) => {
    const fileName = fileNameOf(req);
    const body = await readBodyCapped(req, IMPORT_LIMITS.maxFileBytes);
    if (!body.ok && body.reason === "too_large") throw new RouteError(413, "文件超过10 MB，请拆分后分批导入", { detail: { fileName, bytes: body.bytes } });
    if (!body.ok) throw new RouteError(400, "文件上传不完整，请重新上传", { detail: { fileName, bytes: body.bytes } });
    const file = body.data;

    const created = await transaction(async (tx) => {
      const { importId } = await createRosterImport(tx, user, { committeeId: committee.id, fileName, file });
      return {
        importId,
        response: Response.json({ ok: true, importId }, { status: 202 }),
        audit: { targetType: "roster_import", targetId: importId, detail: { committeeId: committee.id, fileName, bytes: file.length } },
      };
    });
    const { importId } = created;
    after(async () => {
      try {
        await parseRosterImport(db, importId, file, committee);
      } catch (err) {
        log.error({ err, importId }, "roster import parse failed");
        await failRosterImport(db, importId, "读取文件时发生错误，请重新上传");
      }
    });
    return created;
  },
});
