import { after } from "next/server";
import { getDb } from "@/db/client";
import { writeAudit } from "@/lib/audit";
import { assertCommitteeOwner } from "@/lib/roster/access";
import { IMPORT_LIMITS } from "@/lib/roster/constants";
import { createRosterImport, failRosterImport, parseRosterImport } from "@/lib/roster/imports";
import { guardRosterRoute, jsonError, routeErrorResponse } from "@/lib/roster/route-guard";

const ACTION = "roster.import.upload";

/** Reads the request body, giving up (and reading no further) past `max` bytes. */
async function readBodyCapped(req: Request, max: number): Promise<Buffer | null> {
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * Upload of a roster workbook: the raw .xlsx is the body (≤ 10 MB), `?committeeId=` names the
 * committee, `X-File-Name` the file (URI-encoded). Checks run before parsing; the parse itself runs
 * after the response, and the browser polls GET /api/roster/imports/{id} for progress.
 */
export async function POST(req: Request): Promise<Response> {
  const guard = await guardRosterRoute(req, ACTION, { mutating: true });
  if ("response" in guard) return guard.response;
  const { user, ip } = guard;
  const committeeId = new URL(req.url).searchParams.get("committeeId") ?? "";
  let fileName = "名册.xlsx";
  try {
    fileName = decodeURIComponent(req.headers.get("x-file-name") ?? fileName);
  } catch {
    // keep the default name
  }
  const detail = { committeeId, fileName };
  const db = await getDb();
  try {
    const declared = Number(req.headers.get("content-length") ?? "0");
    const tooLarge = "文件超过10 MB，请拆分后分批导入";
    if (declared > IMPORT_LIMITS.maxFileBytes) {
      // Ownership first, so the answer reveals nothing about other organisations' committees.
      await assertCommitteeOwner(db, user, committeeId);
      return jsonError(413, tooLarge);
    }
    const file = await readBodyCapped(req, IMPORT_LIMITS.maxFileBytes);
    if (!file) return jsonError(413, tooLarge);
    // The proxy layer cuts bodies at 10 MB without an error: a short body is an incomplete upload.
    if (declared > 0 && file.length !== declared) return jsonError(400, "文件上传不完整，请重新上传");

    const { importId, committee } = await createRosterImport(db, user, { committeeId, fileName, file });
    await writeAudit(db, {
      actorId: user.id,
      actorRole: user.role,
      actorOrgId: user.orgId,
      action: ACTION,
      targetType: "roster_import",
      targetId: importId,
      outcome: "success",
      detail: { ...detail, bytes: file.length },
      ip,
    });
    after(async () => {
      try {
        await parseRosterImport(db, importId, file, committee);
      } catch (err) {
        console.error(`[roster] parse of import ${importId} failed`, err);
        await failRosterImport(db, importId, "读取文件时发生错误，请重新上传");
      }
    });
    return Response.json({ ok: true, importId }, { status: 202 });
  } catch (err) {
    return routeErrorResponse(err, { user, ip, action: ACTION, detail });
  }
}
