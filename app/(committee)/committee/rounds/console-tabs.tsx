import Link from "next/link";

const TABS = [
  { key: "overview", label: "概况与参会委员", href: "" },
  { key: "panels", label: "评议组与分发材料", href: "/panels" },
  { key: "conflicts", label: "回避情况", href: "/conflicts" },
  { key: "meeting", label: "会议与投票", href: "/meeting" },
  { key: "tally", label: "统票与签署", href: "/tally" },
] as const;
export type ConsoleTab = (typeof TABS)[number]["key"];

/** The 主任's console: one round, five steps. */
export function ConsoleTabs({ roundId, current }: { roundId: string; current: ConsoleTab }) {
  return (
    <nav aria-label="评审会议步骤" className="flex flex-wrap gap-1 border-b border-slate-200 text-sm">
      <Link href="/committee/rounds" className="px-3 py-2 text-slate-500 hover:text-brand-700">
        ← 全部会议
      </Link>
      {TABS.map((t) => (
        <Link
          key={t.key}
          href={`/committee/rounds/${roundId}${t.href}`}
          aria-current={t.key === current ? "page" : undefined}
          className={t.key === current ? "-mb-px border-b-2 border-brand-600 px-3 py-2 font-medium text-brand-700" : "px-3 py-2 text-slate-600 hover:text-brand-700"}
        >
          {t.label}
        </Link>
      ))}
    </nav>
  );
}
