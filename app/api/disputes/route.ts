import { getDb } from "@/db/client";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { PROOF_MAX_BYTES } from "@/lib/disputes/constants";
import { disputeFilingRefusal, fileIdDispute } from "@/lib/disputes/file-dispute";
import { PROOF_SIZE_MESSAGE } from "@/lib/disputes/proof";
import { disputeFilingSchema } from "@/lib/disputes/schemas";
import { fieldErrorsOf } from "@/lib/actions/safe-action";
import { describeUnexpected, UserError } from "@/lib/errors";
import { readBodyCapped } from "@/lib/http/read-body";
import { isSameOriginRequest } from "@/lib/http/same-origin";

const MULTIPART_OVERHEAD = 64 * 1024;
const reply = (status: number, body: Record<string, unknown>) => Response.json(body, { status, headers: { "cache-control": "no-store" } });

/**
 * 证件号码被占用申诉 (docs/domain.md §11): public, because the filer cannot register. A multipart form
 * (the fields of disputeFilingSchema, `consent` as "true", and the file `proof`); guarded by
 * same-origin, a per-address limit (checked before the body is read, counted inside fileIdDispute) and
 * the captcha inside fileIdDispute, which also audits.
 */
export async function POST(req: Request): Promise<Response> {
  if (!isSameOriginRequest(req)) return reply(403, { ok: false, message: "请求来源无效，请在本平台页面中操作" });
  const contentType = req.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) return reply(400, { ok: false, message: "请通过申诉页面提交" });
  // Public and up to 10 MB: an address over its filing limit is refused before its body is read.
  const ip = clientIpFromHeaders(req.headers);
  let refusal: string | null;
  try {
    refusal = await disputeFilingRefusal(await getDb(), ip);
  } catch (err) {
    return reply(500, { ok: false, message: describeUnexpected(err, "dispute.file") });
  }
  if (refusal) return reply(429, { ok: false, message: refusal });
  const body = await readBodyCapped(req, PROOF_MAX_BYTES + MULTIPART_OVERHEAD);
  if (!body.ok) return reply(body.reason === "too_large" ? 413 : 400, { ok: false, message: body.reason === "too_large" ? PROOF_SIZE_MESSAGE : "上传不完整，请重新提交", fieldErrors: { proof: PROOF_SIZE_MESSAGE } });
  let form: FormData;
  try {
    form = await new Request("http://upload.invalid/", { method: "POST", headers: { "content-type": contentType }, body: new Uint8Array(body.data) }).formData();
  } catch {
    return reply(400, { ok: false, message: "提交内容格式有误，请重新提交" });
  }
  const text = (k: string) => {
    const v = form.get(k);
    return typeof v === "string" ? v : undefined;
  };
  const parsed = disputeFilingSchema.safeParse({
    name: text("name"), idType: text("idType"), idNumber: text("idNumber"), nationality: text("nationality") || undefined, phone: text("phone"),
    username: text("username"), password: text("password"), confirmPassword: text("confirmPassword"), statement: text("statement"),
    consent: text("consent") === "true", captcha: text("captcha"),
  });
  if (!parsed.success) return reply(400, { ok: false, message: "提交的内容有误，请按提示修改", fieldErrors: fieldErrorsOf(parsed.error) });
  const file = form.get("proof");
  if (!(file instanceof File) || file.size === 0) return reply(400, { ok: false, message: "请上传证明材料", fieldErrors: { proof: "请上传证明材料" } });
  try {
    const out = await fileIdDispute(await getDb(), parsed.data, Buffer.from(await file.arrayBuffer()), ip);
    return reply(201, { ok: true, disputeId: out.disputeId, message: "申诉已提交。请使用刚才设置的用户名和密码登录，查看审核进度。" });
  } catch (err) {
    if (err instanceof UserError) return reply(400, { ok: false, message: err.message, fieldErrors: err.fieldErrors });
    return reply(500, { ok: false, message: describeUnexpected(err, "dispute.file") });
  }
}
