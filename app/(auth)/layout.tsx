import Link from "next/link";
import { SiteFooter, SiteHeader } from "@/components/site-header";

export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader
        right={
          <Link href="/" className="rounded px-3 py-1 hover:bg-white/10">
            返回首页
          </Link>
        }
      />
      <main className="mx-auto w-full max-w-xl flex-1 px-4 py-8">{children}</main>
      <SiteFooter />
    </div>
  );
}
