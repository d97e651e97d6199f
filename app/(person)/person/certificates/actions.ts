"use server";

import { getDb } from "@/db/client";
import { fieldErrorsOf } from "@/lib/actions/safe-action";
import { currentRequestIp, getCurrentUser } from "@/lib/auth/session";
import { describeUnexpected } from "@/lib/errors";
import { queryCertificates } from "@/lib/query/certificate-query";
import type { PublicQueryResponse } from "@/lib/query/public-endpoint";
import { holderQuerySchema, queryKeysOf } from "@/lib/query/schemas";

/**
 * The any-two query (docs/domain.md §9) inside the personal area. Signed in, so no captcha: the account itself is
 * rate-limited (and each queried key, as on the public page). Not wrapped in a transaction on
 * purpose — a limit counted inside a rolled-back transaction would never limit anything.
 */
export async function holderQueryAction(raw: unknown): Promise<PublicQueryResponse> {
  const user = await getCurrentUser();
  if (!user) return { ok: false, message: "登录已过期，请重新登录" };
  if (user.role !== "person") return { ok: false, message: "您无权执行此操作" };
  const parsed = holderQuerySchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error);
    return { ok: false, message: fieldErrors._form ?? "提交的内容有误，请按提示修改", fieldErrors };
  }
  try {
    const outcome = await queryCertificates(await getDb(), queryKeysOf(parsed.data), {
      channel: "holder",
      ip: await currentRequestIp(),
      userId: user.id,
    });
    if (outcome.kind === "results") return { ok: true, results: outcome.results };
    return { ok: false, message: outcome.message };
  } catch (err) {
    return { ok: false, message: describeUnexpected(err, "certificate.holder_query") };
  }
}
