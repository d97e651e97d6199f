/**
 * 申报材料 (docs/domain.md §16): PDF, JPEG or PNG recognised by content (magic bytes and a real parse — sharp
 * decodes images; a PDF needs its header and an %%EOF trailer), ≤ 10 MB each, ≤ 50 MB per declaration,
 * the total checked in SQL under the declaration's row lock. Only the applicant adds or removes them, while
 * the declaration is a draft or returned; they are served to whoever may see the declaration.
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { declarationAttachments, declarations, type DeclarationAttachment } from "@/db/schema";
import type { AttachmentType } from "@/db/schema/enums";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Actor } from "./access";
import { loadOwnDeclaration } from "./person-moves";

export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const DECLARATION_ATTACHMENTS_MAX_BYTES = 50 * 1024 * 1024;
export const ATTACHMENT_TYPE_MESSAGE = "材料须为 PDF、JPEG 或 PNG 文件（按文件内容识别），请重新选择";
export const ATTACHMENT_SIZE_MESSAGE = "单个材料不能超过10MB";
export const ATTACHMENT_TOTAL_MESSAGE = "每份申报的材料合计不能超过50MB";
export const ATTACHMENT_NOT_FOUND = "材料不存在";

/** A slot: a section, or one achievement (`achievement:<uuid>`). */
export const ATTACHMENT_SLOT = /^(basic|education|work|title|other|achievement:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

const startsWith = (b: Uint8Array, sig: number[]) => b.length >= sig.length && sig.every((x, i) => b[i] === x);

/** The type by content, or null. A PDF must start with %PDF- and end (within its last 1 KB) with %%EOF. */
export async function detectAttachmentType(bytes: Uint8Array): Promise<AttachmentType | null> {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) {
    const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 1024))).toString("latin1");
    return tail.includes("%%EOF") ? "application/pdf" : null;
  }
  const jpeg = startsWith(bytes, [0xff, 0xd8, 0xff]);
  const png = startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!jpeg && !png) return null;
  try {
    const img = sharp(bytes, { failOn: "error", limitInputPixels: 100_000_000 });
    const meta = await img.metadata();
    if (meta.format !== (jpeg ? "jpeg" : "png")) return null;
    // Decode for real (a truncated or corrupt image fails here), at a tiny size.
    await img.resize(16, 16, { fit: "inside" }).raw().toBuffer();
    return jpeg ? "image/jpeg" : "image/png";
  } catch {
    return null;
  }
}

/** 上传材料 to the applicant's own draft or returned declaration. */
export async function addAttachment(tx: Db, actor: Actor, input: { declarationId: string; slot: string; fileName: string; bytes: Buffer }): Promise<Omit<DeclarationAttachment, "content">> {
  if (!ATTACHMENT_SLOT.test(input.slot)) throw new UserError("材料类别无效");
  const d = await loadOwnDeclaration(tx, actor, input.declarationId, { lock: true });
  if (d.status !== "draft" && d.status !== "returned") throw new UserError("申报已提交，不能再上传材料");
  if (input.bytes.length === 0) throw new UserError("文件为空，请重新选择");
  if (input.bytes.length > ATTACHMENT_MAX_BYTES) throw new UserError(ATTACHMENT_SIZE_MESSAGE);
  const mime = await detectAttachmentType(input.bytes);
  if (!mime) throw new UserError(ATTACHMENT_TYPE_MESSAGE);
  // The declaration row is locked: two concurrent uploads cannot both pass the total.
  const [{ total }] = await tx
    .select({ total: sql<number>`coalesce(sum(${declarationAttachments.size}), 0)::bigint` })
    .from(declarationAttachments)
    .where(eq(declarationAttachments.declarationId, d.id));
  if (Number(total) + input.bytes.length > DECLARATION_ATTACHMENTS_MAX_BYTES) throw new UserError(ATTACHMENT_TOTAL_MESSAGE);
  const [row] = await tx
    .insert(declarationAttachments)
    .values({
      declarationId: d.id,
      slot: input.slot,
      fileName: input.fileName.slice(0, 100) || "材料",
      mime,
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      content: input.bytes,
      uploadedBy: actor.id,
    })
    .returning({
      id: declarationAttachments.id,
      declarationId: declarationAttachments.declarationId,
      slot: declarationAttachments.slot,
      fileName: declarationAttachments.fileName,
      mime: declarationAttachments.mime,
      size: declarationAttachments.size,
      sha256: declarationAttachments.sha256,
      uploadedBy: declarationAttachments.uploadedBy,
      createdAt: declarationAttachments.createdAt,
    });
  await tx.update(declarations).set({ updatedAt: new Date(), pledgeAcceptedAt: null }).where(eq(declarations.id, d.id));
  return row;
}

/** 删除材料 (own draft or returned declaration only). */
export async function removeAttachment(tx: Db, actor: Actor, input: { attachmentId: string }): Promise<{ declarationId: string }> {
  const [a] = await tx.select({ declarationId: declarationAttachments.declarationId }).from(declarationAttachments).where(eq(declarationAttachments.id, input.attachmentId));
  if (!a) throw new NotFoundError(ATTACHMENT_NOT_FOUND);
  const d = await loadOwnDeclaration(tx, actor, a.declarationId, { lock: true }).catch(() => {
    throw new NotFoundError(ATTACHMENT_NOT_FOUND);
  });
  if (d.status !== "draft" && d.status !== "returned") throw new UserError("申报已提交，不能删除材料");
  await tx.delete(declarationAttachments).where(and(eq(declarationAttachments.id, input.attachmentId), eq(declarationAttachments.declarationId, d.id)));
  await tx.update(declarations).set({ updatedAt: new Date(), pledgeAcceptedAt: null }).where(eq(declarations.id, d.id));
  return { declarationId: d.id };
}

/** An attachment with its content, for the download route (the caller checks visibility of its declaration). */
export async function getAttachment(db: Db, attachmentId: string): Promise<DeclarationAttachment | null> {
  const [a] = await db.select().from(declarationAttachments).where(eq(declarationAttachments.id, attachmentId));
  return a ?? null;
}
