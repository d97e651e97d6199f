"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { useRowSelection } from "@/components/use-row-selection";
import type { RosterStatus } from "@/db/schema";
import { type BoardGroup, isExcludable } from "@/lib/batch-submission/constants";
import { TITLE_LEVEL_LABELS, type TitleLevel } from "@/lib/roster/constants";
import { recordStatusInfo } from "@/lib/roster/photo-rule";
import { excludeRecordsAction, includeRecordsAction } from "./actions";

export type BoardRow = {
  id: string;
  status: RosterStatus;
  certNo: string;
  name: string;
  idNumberMasked: string;
  workUnit: string;
  qualificationName: string;
  level: string;
  passYear: number;
  excludedReason: string | null;
  lastRejectReason: string | null;
};

/** The people of one board group, with selection to exclude (reason required) or to cancel an exclusion. */
export function BoardTable({ committeeId, group, rows }: { committeeId: string; group: BoardGroup; rows: BoardRow[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<"exclude" | "include" | null>(null);
  const [reason, setReason] = useState("");
  const selectable = rows.filter((r) => (group === "excluded" ? !!r.excludedReason : !r.excludedReason && isExcludable(r.status)));
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(selectable);
  const done = (ok: boolean) => {
    if (!ok) return;
    setMode(null);
    setReason("");
    clear();
  };

  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap gap-2">
        {group === "excluded" ? (
          <Button size="sm" variant="secondary" disabled={busy || chosen.length === 0} onClick={() => setMode("include")}>
            取消排除所选（{chosen.length}）
          </Button>
        ) : (
          <Button size="sm" variant="secondary" disabled={busy || chosen.length === 0} onClick={() => setMode("exclude")}>
            排除所选（{chosen.length}）
          </Button>
        )}
      </div>
      {mode === "exclude" && (
        <ConfirmBox
          question={<p>将排除所选的 {chosen.length} 条记录，它们不参加一次性提交，仍保留在名册中。</p>}
          confirmLabel="确认排除"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => excludeRecordsAction({ committeeId, recordIds: chosen.map((c) => c.id), reason }), (r) => done(r.ok))}
        >
          <label className="mt-2 block text-xs" htmlFor="exclude-reason">
            排除原因（必填）
          </label>
          <input id="exclude-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          {outcome?.fieldErrors?.reason && <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
        </ConfirmBox>
      )}
      {mode === "include" && (
        <ConfirmBox
          question={<p>将取消 {chosen.length} 条记录的排除，它们将参加下一次提交（未就绪的会阻止提交）。</p>}
          confirmLabel="确认取消排除"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => includeRecordsAction({ committeeId, recordIds: chosen.map((c) => c.id) }), (r) => done(r.ok))}
        />
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="board-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">
                <input
                  {...selectAllProps}
                  aria-label="选择本页全部"
                />
              </th>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">工作单位</th>
              <th className="px-2 py-2">资格名称</th>
              <th className="px-2 py-2">年度</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">说明</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                  {group === "missing" ? "所有人员都已上传照片" : "没有符合条件的记录"}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="px-2 py-2">
                  {selectable.includes(r) && <input type="checkbox" aria-label={`选择 ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />}
                </td>
                <td className="whitespace-nowrap px-2 py-2">{r.name}</td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.idNumberMasked}</td>
                <td className="px-2 py-2">{r.workUnit}</td>
                <td className="px-2 py-2">
                  {r.qualificationName}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.level as TitleLevel]}</span>
                </td>
                <td className="px-2 py-2">{r.passYear}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={recordStatusInfo(r.status, r.passYear).tone}>{recordStatusInfo(r.status, r.passYear).label}</Badge>
                  {r.excludedReason && (
                    <span className="ml-1">
                      <Badge tone="slate">已排除</Badge>
                    </span>
                  )}
                </td>
                <td className="px-2 py-2 text-xs text-slate-600">
                  {r.excludedReason && <p>排除原因：{r.excludedReason}</p>}
                  {r.status === "awaiting_photo" && r.lastRejectReason && <p>上次照片退回：{r.lastRejectReason}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
