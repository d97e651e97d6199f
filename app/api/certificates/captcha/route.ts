import { getDb } from "@/db/client";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { captchaDataUrl, issueCaptchaForClient } from "@/lib/captcha/challenges";
import { describeUnexpected } from "@/lib/errors";
import { tooFrequentMessage } from "@/lib/query/limits";

/** A new captcha for the public query form: { id, image } (image is an SVG data URL). POST: it creates a row. */
export async function POST(req: Request): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  try {
    const issued = await issueCaptchaForClient(await getDb(), clientIpFromHeaders(req.headers));
    if ("retryAfterSec" in issued) {
      const wait = issued.retryAfterSec;
      return Response.json({ ok: false, message: tooFrequentMessage(wait) }, { status: 429, headers: { ...headers, "Retry-After": String(wait) } });
    }
    return Response.json({ ok: true, id: issued.captcha.id, image: captchaDataUrl(issued.captcha.svg) }, { headers });
  } catch (err) {
    return Response.json({ ok: false, message: describeUnexpected(err, "captcha.create") }, { status: 500, headers });
  }
}
