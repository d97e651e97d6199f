"use server";

import { getDb } from "@/db/client";
import { admitRegistration, registerPerson, registerUnit } from "@/lib/accounts/register";
import { personRegistrationRequestSchema, unitRegistrationRequestSchema } from "@/lib/accounts/schemas";
import { fieldErrorsOf, type ActionResult } from "@/lib/actions/safe-action";
import { currentRequestIp } from "@/lib/auth/session";
import { describeUnexpected, UserError } from "@/lib/errors";

/**
 * Registration (docs/domain.md §11). Public: no session. Each action checks the form, then
 * admitRegistration (per-address throttle, then the captcha, burnt) — only then does anything look
 * for an existing account, so an ID number or user name cannot be probed without solving a captcha.
 */
async function runRegistration(op: string, captcha: string, register: (ip: string | null) => Promise<unknown>): Promise<ActionResult | null> {
  try {
    const db = await getDb();
    const ip = await currentRequestIp();
    await admitRegistration(db, { ip, captcha });
    await register(ip);
    return null;
  } catch (err) {
    if (err instanceof UserError) return { ok: false, message: err.message, fieldErrors: err.fieldErrors };
    return { ok: false, message: describeUnexpected(err, op) };
  }
}

export async function registerPersonAction(raw: unknown): Promise<ActionResult> {
  const parsed = personRegistrationRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "注册信息有误，请按提示修改", fieldErrors: fieldErrorsOf(parsed.error) };
  const { captcha, ...input } = parsed.data;
  const refused = await runRegistration("registerPerson", captcha, async (ip) => registerPerson(await getDb(), input, ip));
  return refused ?? { ok: true, data: undefined, message: "注册成功，请使用证件号码和密码登录" };
}

export async function registerUnitAction(raw: unknown): Promise<ActionResult> {
  const parsed = unitRegistrationRequestSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "注册信息有误，请按提示修改", fieldErrors: fieldErrorsOf(parsed.error) };
  const { captcha, ...input } = parsed.data;
  const refused = await runRegistration("registerUnit", captcha, async (ip) => registerUnit(await getDb(), input, ip));
  return refused ?? { ok: true, data: undefined, message: "注册申请已提交，请等待所在地区人社部门或主管部门审核" };
}
