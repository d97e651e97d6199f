import { getDb } from "@/db/client";
import { writeAudit, type AuditEntry } from "@/lib/audit";
import { currentRequestIp, getCurrentUser } from "@/lib/auth/session";
import {
  assertHolderRecord,
  hasPhotoConsent,
  PHOTO_CONSENT_REQUIRED,
  photoUploadBlockedReason,
  RecordNotFoundError,
  storePersonPhoto,
} from "@/lib/backfill/person-photo";
import { describeUnexpected, UserError } from "@/lib/errors";
import { isSameOriginRequest } from "@/lib/http/same-origin";
import { normalizeIdPhoto } from "@/lib/photos/normalize";
import { readPhotoUpload } from "@/lib/photos/upload-body";

const ACTION = "photo.upload";

type ErrorItem = { code: string; message: string };

function reply(status: number, message: string, errors?: ErrorItem[]): Response {
  return Response.json({ ok: false, message, ...(errors ? { errors } : {}) }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * Upload of the holder's certificate photo: `POST /api/photos/upload?recordId=…`, the image as the raw
 * body or as the `file` field of a multipart form (≤ 10 MB). Route handlers get no CSRF check from
 * Next, so the steps of a server action are done here by hand: origin, session, role, ownership,
 * input (the photo rules of lib/photos), then one transaction with the audit row.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req)) return reply(403, "请求来源无效，请在本平台页面中操作");
  const user = await getCurrentUser();
  if (!user) return reply(401, "登录已过期，请重新登录");
  const ip = await currentRequestIp();
  const recordId = new URL(req.url).searchParams.get("recordId") ?? "";
  const db = await getDb();
  const audit = (entry: Pick<AuditEntry, "outcome" | "detail">) =>
    writeAudit(db, { actorId: user.id, actorRole: user.role, actorOrgId: user.orgId, action: ACTION, targetType: "roster_record", targetId: recordId || null, ip, ...entry });

  if (user.role !== "person") {
    await audit({ outcome: "denied", detail: { reason: "role" } });
    return reply(403, "您无权执行此操作");
  }
  try {
    // Checked before the body is read: a stranger's or a closed record costs no image decoding.
    const record = await assertHolderRecord(db, user.id, recordId);
    if (!(await hasPhotoConsent(db, user.id))) {
      await audit({ outcome: "denied", detail: { reason: "no_photo_consent" } });
      return reply(403, PHOTO_CONSENT_REQUIRED);
    }
    const blocked = photoUploadBlockedReason(record.status);
    if (blocked) {
      await audit({ outcome: "failure", detail: { reason: blocked } });
      return reply(409, blocked);
    }

    const body = await readPhotoUpload(req);
    if (!body.ok) {
      await audit({ outcome: "failure", detail: { reason: body.error.code } });
      return reply(body.status, body.error.message, [body.error]);
    }
    const photo = await normalizeIdPhoto(body.file);
    if (!photo.ok) {
      await audit({ outcome: "failure", detail: { fileName: body.fileName, bytes: body.file.length, codes: photo.errors.map((e) => e.code) } });
      return reply(422, photo.errors.map((e) => e.message).join("；"), photo.errors);
    }

    const stored = await db.transaction(async (tx) => {
      const result = await storePersonPhoto(tx, user.id, recordId, photo);
      await writeAudit(tx, {
        actorId: user.id,
        actorRole: user.role,
        actorOrgId: user.orgId,
        action: ACTION,
        targetType: "roster_record",
        targetId: recordId,
        outcome: "success",
        detail: { photoId: result.photoId, certNo: result.certNo, sha256: photo.sha256, bytes: photo.bytes, sourceBytes: body.file.length, replaced: result.replaced, withdrawn: result.withdrawn },
        ip,
      });
      return result;
    });
    return Response.json(
      {
        ok: true,
        photoId: stored.photoId,
        bytes: photo.bytes,
        sha256: photo.sha256,
        withdrawn: stored.withdrawn,
        message: "照片已上传。请核对预览，确认无误后点击「提交」",
      },
      { status: 201, headers: { "Cache-Control": "no-store" } },
    );
  } catch (err) {
    if (err instanceof RecordNotFoundError) {
      await audit({ outcome: "denied", detail: { reason: "not_holder" } });
      return reply(404, err.message);
    }
    if (err instanceof UserError) {
      await audit({ outcome: "failure", detail: { reason: err.message } });
      return reply(409, err.message);
    }
    return reply(500, describeUnexpected(err, ACTION));
  }
}
