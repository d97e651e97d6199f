import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { ssoConfig } from "@/lib/auth/oidc-config";
import { DISPUTE_PATH, SSO_DISPUTE_REASONS, SSO_FAILURES, ssoFailureMessage } from "@/lib/auth/oidc-login";
import { getCurrentUser } from "@/lib/auth/session";
import { first, oneOf, type SearchParams } from "@/lib/http/search-params";
import { areaForRole } from "@/lib/roles";
import { ssoLoginAction } from "../actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(areaForRole(user.role));
  const sso = ssoConfig();
  // `sso` is a refusal of ours (lib/auth/oidc-login.ts); `error` is Auth.js's code for a failed SSO flow.
  const ssoRefusal = oneOf(SSO_FAILURES, params.sso);
  const ssoError = ssoRefusal ?? (first(params.error) ? "error" : undefined);
  return (
    <Card title="用户登录">
      {first(params.changed) && (
        <div className="mb-4">
          <Notice tone="success">密码已修改，请使用新密码重新登录。</Notice>
        </div>
      )}
      {ssoError && (
        <div className="mb-4" data-testid="sso-error">
          <Notice tone="error">
            {ssoFailureMessage(ssoError)}
            {ssoRefusal && SSO_DISPUTE_REASONS.includes(ssoRefusal) && (
              <>
                {" "}
                <Link href={DISPUTE_PATH} className="underline underline-offset-2">
                  提出身份冒用申诉
                </Link>
              </>
            )}
          </Notice>
        </div>
      )}
      <LoginForm />
      {sso && (
        <form action={ssoLoginAction} className="mt-4 border-t border-slate-200 pt-4">
          <Button type="submit" variant="secondary" className="w-full" data-testid="sso-login">
            使用{sso.name}登录
          </Button>
          <p className="mt-2 text-xs text-slate-500">通过统一身份认证登录的账号为实名核验账号；首次登录将按身份证号码关联或创建个人账号。</p>
        </form>
      )}
      <p className="mt-6 text-center text-sm text-slate-600">
        还没有账号？
        <Link href="/register" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
          立即注册
        </Link>
      </p>
    </Card>
  );
}
