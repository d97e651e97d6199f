import { getAttachment, removeAttachment } from "@/lib/declarations/attachments";
import { getDeclarationForViewer } from "@/lib/declarations/queries";
import { protectedRoute } from "@/lib/http/protected-route";

/** 下载申报材料: to whoever may see the declaration (getDeclarationForViewer); never cached. */
export const GET = protectedRoute({
  name: "declaration.download_attachment",
  roles: "any-signed-in",
  mutating: false,
  targetType: "declaration_attachment",
  idParam: "attachmentId",
  notFoundMessage: "材料不存在",
  load: ({ db, params }) => getAttachment(db, params.attachmentId),
  authorize: async ({ db, user, row }) => ((await getDeclarationForViewer(db, user, row.declarationId)) ? "viewer" : null),
  handler: ({ row, grant }) =>
    Promise.resolve({
      response: new Response(new Uint8Array(row.content), {
        headers: {
          "Content-Type": row.mime,
          "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
        },
      }),
      audit: { detail: { access: grant, declarationId: row.declarationId } },
    }),
});

/** 删除申报材料: the applicant, while the declaration is a draft or returned. */
export const DELETE = protectedRoute({
  name: "declaration.remove_attachment",
  roles: ["person"],
  mutating: true,
  targetType: "declaration_attachment",
  idParam: "attachmentId",
  notFoundMessage: "材料不存在",
  handler: ({ params, user, transaction }) =>
    transaction(async (tx) => {
      const r = await removeAttachment(tx, user, { attachmentId: params.attachmentId });
      return { response: Response.json({ ok: true }), audit: { detail: { declarationId: r.declarationId } } };
    }),
});
