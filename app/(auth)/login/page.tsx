import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Card, Notice } from "@/components/ui/card";
import { getCurrentUser } from "@/lib/auth/session";
import { areaForRole } from "@/lib/roles";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ changed?: string }> }) {
  const { changed } = await searchParams;
  const user = await getCurrentUser();
  if (user) redirect(areaForRole(user.role));
  return (
    <Card title="用户登录">
      {changed && (
        <div className="mb-4">
          <Notice tone="success">密码已修改，请使用新密码重新登录。</Notice>
        </div>
      )}
      <LoginForm />
      <p className="mt-6 text-center text-sm text-slate-600">
        还没有账号？
        <Link href="/register" className="text-brand-700 underline underline-offset-2 hover:text-brand-800">
          立即注册
        </Link>
      </p>
    </Card>
  );
}
