import Link from "next/link";

const TABS = [
  { key: "board", label: "进度看板与提交", path: "" },
  { key: "photos", label: "照片审核", path: "/photos" },
  { key: "returned", label: "退回处理", path: "/returned" },
  { key: "batches", label: "提交记录", path: "/batches" },
] as const;
export type WorkspaceTab = (typeof TABS)[number]["key"];

/** Tabs of one committee's 照片审核与提交 workspace, with counts where work is waiting. */
export function WorkspaceTabs({ base, rosterBase, active, counts }: { base: string; rosterBase: string; active: WorkspaceTab; counts?: Partial<Record<WorkspaceTab, number>> }) {
  return (
    <nav aria-label="工作区" className="flex flex-wrap items-center gap-2 text-sm">
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={`${base}${t.path}`}
          aria-current={active === t.key ? "page" : undefined}
          className={`rounded px-3 py-1.5 ${active === t.key ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
        >
          {t.label}
          {counts?.[t.key] ? <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs text-white">{counts[t.key]}</span> : null}
        </Link>
      ))}
      <Link href={rosterBase} className="ml-auto text-brand-700 hover:underline">
        查看名册
      </Link>
    </nav>
  );
}
