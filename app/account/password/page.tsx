import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/site-header";
import { Card } from "@/components/ui/card";
import { requireRolePage } from "@/lib/auth/session";
import { areaForRole, ROLES } from "@/lib/roles";
import { PasswordForm } from "./password-form";

export const metadata: Metadata = { title: "修改密码" };

export default async function PasswordPage() {
  const user = await requireRolePage(ROLES);
  return (
    <div className="min-h-screen">
      <SiteHeader
        right={
          <Link href={areaForRole(user.role)} className="rounded px-3 py-1 hover:bg-white/10">
            返回工作台
          </Link>
        }
      />
      <main className="mx-auto max-w-md px-4 py-8">
        <Card title="修改密码">
          <PasswordForm />
        </Card>
      </main>
    </div>
  );
}
