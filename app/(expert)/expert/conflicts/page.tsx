import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listConflicts } from "@/lib/experts/profile";
import { ConflictForm, RemoveConflictButton } from "./conflict-form";

/** 回避声明: units and people the expert must not review (docs/domain.md §13); editable any time, every change audited. */
export default async function ConflictsPage() {
  const user = await requireRolePage(["expert"]);
  const rows = await listConflicts(await getDb(), user.id);
  return (
    <div className="space-y-6">
      <Card title="回避声明">
        <p className="mb-3 text-sm text-slate-600">评审时，系统会自动阻止您评审所声明单位的人员和所声明的人员。</p>
        <table className="min-w-full text-sm" data-testid="conflicts-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">类型</th>
              <th className="px-3 py-2">回避对象</th>
              <th className="px-3 py-2">关系</th>
              <th className="px-3 py-2">截止日期</th>
              <th className="px-3 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={5} className="px-3 py-6 text-center text-slate-500">
                  暂无回避声明
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-3 py-2">{r.kindLabel}</td>
                <td className="px-3 py-2">{r.subject}</td>
                <td className="px-3 py-2">{r.relationLabel}</td>
                <td className="px-3 py-2">{r.endDate ?? "长期"}</td>
                <td className="px-3 py-2">
                  <RemoveConflictButton conflictId={r.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      <Card title="添加回避对象">
        <ConflictForm />
      </Card>
    </div>
  );
}
