import { addAttachment, ATTACHMENT_MAX_BYTES, ATTACHMENT_SIZE_MESSAGE } from "@/lib/declarations/attachments";
import { protectedRoute, RouteError } from "@/lib/http/protected-route";
import { readBodyCapped } from "@/lib/http/read-body";

/**
 * 上传申报材料: the raw file is the body (PDF/JPEG/PNG by content, ≤ 10 MB, ≤ 50 MB per declaration);
 * `?slot=` the section or achievement, `?name=` the file name. Only to the applicant's own draft or returned declaration.
 */
export const POST = protectedRoute({
  name: "declaration.attach",
  roles: ["person"],
  mutating: true,
  targetType: "declaration",
  idParam: "declarationId",
  notFoundMessage: "申报不存在",
  handler: async ({ req, url, params, user, transaction }) => {
    const body = await readBodyCapped(req, ATTACHMENT_MAX_BYTES);
    if (!body.ok && body.reason === "too_large") throw new RouteError(413, ATTACHMENT_SIZE_MESSAGE);
    if (!body.ok) throw new RouteError(400, "文件上传不完整，请重新上传");
    const slot = url.searchParams.get("slot") ?? "";
    const name = (url.searchParams.get("name") ?? "材料").slice(0, 100);
    return transaction(async (tx) => {
      const a = await addAttachment(tx, user, { declarationId: params.declarationId, slot, fileName: name, bytes: body.data });
      return {
        response: Response.json({ ok: true, attachment: { id: a.id, slot: a.slot, fileName: a.fileName, mime: a.mime, size: a.size } }),
        audit: { targetType: "declaration", targetId: params.declarationId, detail: { attachmentId: a.id, slot: a.slot, bytes: a.size, mime: a.mime } },
      };
    });
  },
});
