import { readBodyCapped } from "@/lib/http/read-body";
import { PHOTO_MAX_INPUT_BYTES, photoError, type PhotoError } from "./rules";

/** Room for the multipart envelope (boundaries, part headers) around a file of the maximum size. */
const MULTIPART_OVERHEAD = 64 * 1024;

export type UploadBody = { ok: true; file: Buffer; fileName: string | null } | { ok: false; status: 400 | 413; error: PhotoError | { code: "bad_request"; message: string } };

const tooLarge = (bytes: number): UploadBody => ({ ok: false, status: 413, error: photoError("file_too_large", bytes) });
const badRequest = (message: string): UploadBody => ({ ok: false, status: 400, error: { code: "bad_request", message } });

/**
 * The uploaded photo from a raw body (`Content-Type: image/…` or anything else) or from a
 * multipart form (field `file`, else the first file). The 10 MB cap is enforced on the declared
 * length before reading and again while reading, so an oversized upload is never buffered whole.
 */
export async function readPhotoUpload(req: Request): Promise<UploadBody> {
  const contentType = req.headers.get("content-type") ?? "";
  const multipart = contentType.toLowerCase().startsWith("multipart/form-data");
  const max = PHOTO_MAX_INPUT_BYTES + (multipart ? MULTIPART_OVERHEAD : 0);
  const read = await readBodyCapped(req, max);
  if (!read.ok && read.reason === "too_large") return tooLarge(read.bytes);
  if (!read.ok) return badRequest("照片上传不完整，请重新上传");

  if (!multipart) {
    let fileName: string | null = null;
    try {
      fileName = req.headers.get("x-file-name") ? decodeURIComponent(req.headers.get("x-file-name") ?? "") : null;
    } catch {
      fileName = null;
    }
    return { ok: true, file: read.data, fileName };
  }

  let form: FormData;
  try {
    form = await new Request("http://upload.invalid/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(read.data) }).formData();
  } catch {
    return badRequest("上传内容格式有误，请重新选择照片上传");
  }
  const named = form.get("file");
  const part = named instanceof File ? named : [...form.values()].find((v): v is File => v instanceof File);
  if (!part) return badRequest("未收到照片文件，请重新选择照片上传");
  if (part.size > PHOTO_MAX_INPUT_BYTES) return tooLarge(part.size);
  return { ok: true, file: Buffer.from(await part.arrayBuffer()), fileName: part.name || null };
}
