import { getDb } from "@/db/client";
import { clientIpFromHeaders } from "@/lib/auth/request-ip";
import { issueCaptchaForClient } from "@/lib/captcha/redeem";
import { describeUnexpected } from "@/lib/errors";
import { tooFrequentMessage } from "@/lib/query/limits";

export const dynamic = "force-dynamic";

/**
 * A new proof-of-work challenge for the ALTCHA widget (components/captcha): the public certificate
 * query and registration. Signed and stateless — nothing is stored until it is used — but counted
 * per address (docs/domain.md §9).
 */
export async function GET(req: Request): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  try {
    const issued = await issueCaptchaForClient(await getDb(), clientIpFromHeaders(req.headers));
    if ("retryAfterSec" in issued) {
      const wait = issued.retryAfterSec;
      return Response.json({ ok: false, message: tooFrequentMessage(wait) }, { status: 429, headers: { ...headers, "Retry-After": String(wait) } });
    }
    return Response.json(issued.challenge, { headers });
  } catch (err) {
    return Response.json({ ok: false, message: describeUnexpected(err, "captcha.create") }, { status: 500, headers });
  }
}
