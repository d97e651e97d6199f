import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { SessionUser } from "@/lib/auth/session";
import { ROLE_INFO } from "@/lib/roles";
import type { PendingItem } from "@/lib/workspace/pending-items";

/** The home page of every area: who you are, your organisation, your pending work. */
export function AreaHome({ user, pending, extra }: { user: SessionUser; pending: PendingItem[]; extra?: React.ReactNode }) {
  return (
    <div className="space-y-6">
      <Card title="账号信息">
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">姓名</dt>
            <dd className="font-medium" data-testid="home-name">{user.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">用户类型</dt>
            <dd className="font-medium" data-testid="home-role">{ROLE_INFO[user.role].label}</dd>
          </div>
          <div>
            <dt className="text-slate-500">所属机构</dt>
            <dd className="font-medium" data-testid="home-org">{user.orgName ?? "个人用户"}</dd>
          </div>
        </dl>
        {extra}
      </Card>
      <Card title="待办事项">
        {pending.length === 0 ? (
          <p className="text-sm text-slate-500">暂无待办事项。</p>
        ) : (
          <ul className="grid gap-3 sm:grid-cols-3">
            {pending.map((p) => {
              const body = (
                <>
                  <span className="block text-sm text-slate-600">{p.label}</span>
                  <span className="mt-1 block text-2xl font-semibold text-brand-700" data-testid={`pending-${p.label}`}>
                    {p.count}
                  </span>
                </>
              );
              return (
                <li key={p.label} className="rounded-md border border-slate-200 p-4">
                  {p.href ? <Link href={p.href}>{body}</Link> : body}
                </li>
              );
            })}
          </ul>
        )}
      </Card>
    </div>
  );
}
