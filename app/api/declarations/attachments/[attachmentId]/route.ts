import type { Db } from "@/db/client";
import type { SessionUser } from "@/lib/auth/session";
import { getAttachment, removeAttachment } from "@/lib/declarations/attachments";
import { getDeclarationForViewer } from "@/lib/declarations/queries";
import { protectedRoute } from "@/lib/http/protected-route";
import { assertExpertMayOpenDeclaration } from "@/lib/review-rounds/review";

/**
 * Who may download: whoever may see the declaration (getDeclarationForViewer), or a reviewing member of a
 * round holding it — after the 承诺书, on their panel or ballot, and never when blocked from the candidate
 * (assertExpertMayOpenDeclaration → assertNotBlocked: 403 「您须回避该申报人…」, 404 for the rest).
 */
async function attachmentAccess(db: Db, user: SessionUser, declarationId: string): Promise<string | null> {
  if (await getDeclarationForViewer(db, user, declarationId)) return "viewer";
  if (user.role !== "expert") return null;
  const { roundId } = await assertExpertMayOpenDeclaration(db, user, declarationId);
  return `round_member:${roundId}`;
}

/** 下载申报材料 (see attachmentAccess); never cached. */
export const GET = protectedRoute({
  name: "declaration.download_attachment",
  roles: "any-signed-in",
  mutating: false,
  targetType: "declaration_attachment",
  idParam: "attachmentId",
  notFoundMessage: "材料不存在",
  load: ({ db, params }) => getAttachment(db, params.attachmentId),
  authorize: ({ db, user, row }) => attachmentAccess(db, user, row.declarationId),
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
