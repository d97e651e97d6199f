import Link from "next/link";
import type { Metadata } from "next";
import { SiteFooter, SiteHeader } from "@/components/site-header";

export const metadata: Metadata = { title: "职称证书查询与核验", robots: { index: false, follow: false } };

/** Public pages (no login): the any-two query and the QR-code verification. */
export default function VerifyLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader
        right={
          <Link href="/" className="rounded px-3 py-1 hover:bg-white/10">
            返回首页
          </Link>
        }
      />
      <main className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">{children}</main>
      <SiteFooter />
    </div>
  );
}
