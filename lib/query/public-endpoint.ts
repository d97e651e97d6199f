import type { Db } from "@/db/client";
import { fieldErrorsOf } from "@/lib/actions/safe-action";
import { verifyCaptchaPayload } from "@/lib/captcha/pow";
import { queryCertificates, type QueryOutcome } from "./certificate-query";
import { publicQuerySchema, queryKeysOf } from "./schemas";
import type { VerifierCertificateView } from "./views";

/** The JSON the public query answers with; the /verify form renders it. */
export type PublicQueryResponse =
  | { ok: true; results: VerifierCertificateView[] }
  | { ok: false; message: string; fieldErrors?: Record<string, string>; retryAfterSec?: number };

export type PublicQueryReply = { status: number; body: PublicQueryResponse };

/** Validation, the captcha's work, then the query; maps each outcome to an HTTP status (429 when limited). */
export async function answerPublicQuery(db: Db, raw: unknown, ip: string | null): Promise<PublicQueryReply> {
  const parsed = publicQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { status: 400, body: { ok: false, message: fieldErrors._form ?? "提交的内容有误，请按提示修改", fieldErrors } };
  }
  const { captcha, ...fields } = parsed.data;
  // The work is checked here (no database); its single use is enforced inside the query statement.
  const outcome: QueryOutcome = await queryCertificates(db, queryKeysOf(fields), { channel: "public", ip, captcha: await verifyCaptchaPayload(captcha) });
  switch (outcome.kind) {
    case "limited":
      return { status: 429, body: { ok: false, message: outcome.message, retryAfterSec: outcome.retryAfterSec } };
    case "bad_captcha":
      return { status: 400, body: { ok: false, message: outcome.message, fieldErrors: { captcha: outcome.message } } };
    case "results":
      return { status: 200, body: { ok: true, results: outcome.results } };
  }
}
