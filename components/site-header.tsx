import Image from "next/image";
import Link from "next/link";
import type { ReactNode } from "react";

export function SiteHeader({ right }: { right?: ReactNode }) {
  return (
    <header className="bg-brand-700 text-white">
      <div className="mx-auto flex max-w-6xl items-center justify-between gap-3 px-4 py-3">
        <Link href="/" className="flex items-center gap-3">
          <Image src="/brand/emblem.svg" alt="" width={36} height={36} unoptimized priority className="h-9 w-9 shrink-0 rounded-full ring-2 ring-white/80" />
          <span>
            <span className="block text-base font-semibold leading-tight sm:text-lg">贵州省人事人才公共服务平台</span>
            <span className="block text-xs text-brand-100">职称评审与证书服务</span>
          </span>
        </Link>
        <nav className="flex shrink-0 items-center gap-2 whitespace-nowrap text-sm">{right}</nav>
      </div>
    </header>
  );
}

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white px-4 py-6 text-center text-xs text-slate-500">
      <Image src="/brand/logo.svg" alt="贵州省职称评审与证书服务平台" width={270} height={48} unoptimized className="mx-auto mb-3 h-10 w-auto" />
      <p>主办单位：贵州省人力资源和社会保障厅　　技术支持：职称评审与证书服务平台项目组</p>
      <p className="mt-1">建议使用最新版谷歌浏览器（Chrome）访问</p>
    </footer>
  );
}
