import Link from "next/link";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { FlashNotice, FlashProvider } from "@/components/ui/flash-notice";
import { ROLE_INFO, type Role } from "@/lib/roles";
import { GrantSwitcher, type GrantChoice } from "./grant-switcher";
import { NAV_BY_ROLE } from "./nav-config";

export function AreaShell({ role, userName, orgName, isCertDivision, logout, grantSwitch, children }: {
  role: Role;
  userName: string;
  orgName: string | null;
  isCertDivision: boolean;
  logout: (formData: FormData) => Promise<void>;
  /** Shown when the person holds two or more grants. */
  grantSwitch?: { grants: readonly GrantChoice[]; activeId: string; action: Parameters<typeof GrantSwitcher>[0]["action"] };
  children: ReactNode;
}) {
  const items = NAV_BY_ROLE[role].filter((i) => !i.certDivisionOnly || isCertDivision);
  return (
    <div className="flex min-h-screen flex-col">
      <SiteHeader
        right={
          <>
            <span className="hidden text-brand-100 sm:inline" data-testid="current-user">
              {userName}（{ROLE_INFO[role].label}）
            </span>
            {grantSwitch && grantSwitch.grants.length >= 2 && <GrantSwitcher {...grantSwitch} />}
            <form action={logout}>
              <button type="submit" className="rounded border border-white/40 px-3 py-1 hover:bg-white/10">
                退出登录
              </button>
            </form>
          </>
        }
      />
      <div className="mx-auto flex w-full max-w-6xl flex-1 flex-col gap-6 px-4 py-6 md:flex-row">
        <aside className="md:w-56 md:shrink-0">
          <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm">
            <p className="px-2 text-sm font-semibold text-slate-800" data-testid="area-title">
              {ROLE_INFO[role].areaTitle}
            </p>
            {orgName && <p className="px-2 pt-1 text-xs text-slate-500">{orgName}</p>}
            <nav aria-label="功能菜单" className="mt-3 flex flex-wrap gap-1 md:flex-col">
              {items.map((item) =>
                item.href ? (
                  <Link key={item.label} href={item.href} className="rounded px-2 py-1.5 text-sm text-slate-700 hover:bg-brand-50 hover:text-brand-700">
                    {item.label}
                  </Link>
                ) : (
                  <span key={item.label} className="flex items-center justify-between rounded px-2 py-1.5 text-sm text-slate-500" title="该功能即将开放">
                    {item.label}
                    <span className="ml-2 rounded bg-slate-100 px-1.5 text-[10px] text-slate-600">即将开放</span>
                  </span>
                ),
              )}
            </nav>
          </div>
        </aside>
        <main className="min-w-0 flex-1">
          {/* The flash of the latest successful action (components/ui/flash-notice.tsx): the shell persists
              across refreshes, so it outlives the panel that ran the action. */}
          <FlashProvider>
            <FlashNotice />
            {children}
          </FlashProvider>
        </main>
      </div>
    </div>
  );
}
