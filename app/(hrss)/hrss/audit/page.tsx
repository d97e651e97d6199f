import { Badge, Card } from "@/components/ui/card";
import { KeysetPagination } from "@/components/ui/pagination";
import { getDb } from "@/db/client";
import { AUDIT_OUTCOMES, type AuditOutcome } from "@/db/schema/enums";
import { listAuditRows } from "@/lib/audit";
import { AUDIT_ACTION_LABELS, auditActionLabel } from "@/lib/audit/labels";
import { getAuditScopeOrgIds } from "@/lib/audit/scope";
import { keysetRequest } from "@/lib/keyset";
import { requireRolePage } from "@/lib/auth/session";
import { oneOf } from "@/lib/http/search-params";

type Search = { action?: string; outcome?: string; from?: string; to?: string; after?: string; before?: string };
const OUTCOMES: Record<AuditOutcome, string> = { success: "成功", failure: "失败", denied: "拒绝" };

function parseDate(s: string | undefined, endOfDay = false): Date | undefined {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return undefined;
  const d = new Date(`${s}T${endOfDay ? "23:59:59.999" : "00:00:00"}+08:00`);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Search> }) {
  const user = await requireRolePage(["hrss"]);
  const sp = await searchParams;
  const db = await getDb();
  const outcome = oneOf(AUDIT_OUTCOMES, sp.outcome);
  const action = sp.action && sp.action.length < 64 ? sp.action : undefined;
  const { rows, nextCursor, prevCursor } = await listAuditRows(
    db,
    { action, outcome, from: parseDate(sp.from), to: parseDate(sp.to, true), orgIds: await getAuditScopeOrgIds(db, user) },
    keysetRequest(sp),
  );
  const fmt = new Intl.DateTimeFormat("zh-CN", { dateStyle: "short", timeStyle: "medium", timeZone: "Asia/Shanghai" });
  return (
    <Card title="审计日志">
      <form className="mb-4 flex flex-wrap items-end gap-2 text-sm" action="/hrss/audit">
        <label className="flex flex-col gap-1">
          操作
          <select name="action" defaultValue={action ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {Object.entries(AUDIT_ACTION_LABELS).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          结果
          <select name="outcome" defaultValue={outcome ?? ""} className="rounded border border-slate-300 px-2 py-1.5">
            <option value="">全部</option>
            {AUDIT_OUTCOMES.map((k) => (
              <option key={k} value={k}>
                {OUTCOMES[k]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          起始日期
          <input type="date" name="from" defaultValue={sp.from} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <label className="flex flex-col gap-1">
          截止日期
          <input type="date" name="to" defaultValue={sp.to} className="rounded border border-slate-300 px-2 py-1" />
        </label>
        <button className="rounded-md bg-brand-600 px-3 py-1.5 text-white">筛选</button>
      </form>
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">时间</th>
              <th className="px-3 py-2">操作</th>
              <th className="px-3 py-2">角色</th>
              <th className="px-3 py-2">对象</th>
              <th className="px-3 py-2">结果</th>
              <th className="px-3 py-2">IP</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="whitespace-nowrap px-3 py-2">{fmt.format(r.at)}</td>
                <td className="px-3 py-2">{auditActionLabel(r.action)}</td>
                <td className="px-3 py-2">{r.actorRole ?? "—"}</td>
                <td className="px-3 py-2 font-mono text-xs">{r.targetType ? `${r.targetType}:${r.targetId?.slice(0, 8)}` : "—"}</td>
                <td className="px-3 py-2">
                  <Badge tone={r.outcome === "success" ? "green" : r.outcome === "denied" ? "red" : "amber"}>{OUTCOMES[r.outcome]}</Badge>
                </td>
                <td className="px-3 py-2 text-xs">{r.ip ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <KeysetPagination basePath="/hrss/audit" params={{ action, outcome, from: sp.from, to: sp.to }} nextCursor={nextCursor} prevCursor={prevCursor} />
    </Card>
  );
}
