"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn, signOut } from "@/auth";
import { getDb } from "@/db/client";
import { endAllSessions } from "@/lib/accounts/admin";
import { loginSchema } from "@/lib/accounts/schemas";
import { fieldErrorsOf, type ActionResult } from "@/lib/actions/safe-action";
import { auditBase, writeAudit } from "@/lib/audit";
import { loginFailureMessage, type LoginFailure } from "@/lib/auth/login";
import { SSO_PROVIDER_ID, ssoConfig } from "@/lib/auth/oidc-config";
import { currentRequestIp, getCurrentUser } from "@/lib/auth/session";

export async function loginAction(raw: unknown): Promise<ActionResult> {
  const parsed = loginSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, message: "请填写用户名和密码", fieldErrors: fieldErrorsOf(parsed.error) };
  try {
    await signIn("credentials", { ...parsed.data, redirect: false });
  } catch (err) {
    if (err instanceof AuthError) {
      const code = (err as AuthError & { code?: string }).code ?? "invalid";
      const [reason, extra] = code.split(":");
      const n = extra ? Number(extra) : undefined;
      const known: LoginFailure[] = ["invalid", "disabled", "pending", "throttled"];
      const r = (known as string[]).includes(reason) ? (reason as LoginFailure) : "invalid";
      return { ok: false, message: loginFailureMessage(r, n) };
    }
    throw err;
  }
  redirect("/workspace");
}

/** Starts the provincial SSO login (redirects to the IdP); without SSO configured, back to /login. */
export async function ssoLoginAction(): Promise<void> {
  if (!ssoConfig()) redirect("/login");
  await signIn(SSO_PROVIDER_ID, { redirectTo: "/workspace" });
}

export async function logoutAction(): Promise<void> {
  const user = await getCurrentUser();
  if (user) {
    const db = await getDb();
    // Revoke on the server too: a JWT copy (or a cookie re-set by a request still in flight) is dead.
    await endAllSessions(db, user.id);
    await writeAudit(db, { ...auditBase(user, "auth.logout", await currentRequestIp()), targetType: "user", targetId: user.id, outcome: "success" });
  }
  await signOut({ redirectTo: "/" });
}
