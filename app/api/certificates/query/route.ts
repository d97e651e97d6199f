import { getDb } from "@/db/client";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { describeUnexpected } from "@/lib/errors";
import { answerPublicQuery } from "@/lib/query/public-endpoint";

const MAX_BODY_BYTES = 4096;

/**
 * Public certificate query (no login): POST JSON { name?, idNumber?, certNo?, captcha } (captcha: the ALTCHA widget's solution).
 * 200 with the results (an empty list for "not found" and for facts that do not belong together —
 * byte-identical), 400 for form errors or a wrong captcha, 429 with Retry-After when rate-limited.
 * There is deliberately no GET: a query must carry a fresh, unused captcha solution.
 */
export async function POST(req: Request): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  let raw: unknown;
  try {
    const text = await req.text();
    if (text.length > MAX_BODY_BYTES) throw new Error("too large");
    raw = JSON.parse(text);
  } catch {
    return Response.json({ ok: false, message: "请求格式有误" }, { status: 400, headers });
  }
  try {
    const { status, body } = await answerPublicQuery(await getDb(), raw, clientIpFromHeaders(req.headers));
    const out: Record<string, string> = { ...headers };
    if (!body.ok && body.retryAfterSec) out["Retry-After"] = String(body.retryAfterSec);
    return Response.json(body, { status, headers: out });
  } catch (err) {
    return Response.json({ ok: false, message: describeUnexpected(err, "certificate.public_query") }, { status: 500, headers });
  }
}
