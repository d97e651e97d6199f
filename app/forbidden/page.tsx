import Link from "next/link";
import { SiteHeader } from "@/components/site-header";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const { from } = await searchParams;
  const back = from && /^\/[a-z-]+$/.test(from) ? from : "/";
  return (
    <div className="min-h-screen">
      <SiteHeader />
      <main className="mx-auto max-w-xl px-4 py-16 text-center">
        <h1 className="text-2xl font-semibold text-slate-800">无权访问</h1>
        <p className="mt-3 text-slate-600" data-testid="forbidden">
          您的账号没有访问该页面的权限。
        </p>
        <Link href={back} className="mt-6 inline-block rounded-md bg-brand-600 px-4 py-2 text-sm text-white hover:bg-brand-700">
          返回我的工作台
        </Link>
      </main>
    </div>
  );
}
