"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { useRowSelection } from "@/components/use-row-selection";
import { TITLE_LEVEL_LABELS, type TitleLevel } from "@/lib/roster/constants";
import { fixReturnedAction } from "./actions";
import { PrivatePhoto } from "@/components/private-photo";

export type ReturnedRow = {
  id: string;
  version: number;
  certNo: string;
  name: string;
  idNumberMasked: string;
  workUnit: string;
  qualificationName: string;
  level: string;
  returnReason: string | null;
  batchNo: string | null;
  photoId: string | null;
};

/** Select returned records and decide: back to 照片已通过, or ask for a new photo (reason required). */
export function ReturnedTable({ committeeId, rows }: { committeeId: string; rows: ReturnedRow[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<"approve" | "new_photo" | null>(null);
  const [reason, setReason] = useState("");
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(rows);
  const go = (decision: "approve" | "new_photo") =>
    run(
      () => fixReturnedAction({ committeeId, records: chosen.map((c) => ({ id: c.id, version: c.version })), decision, reason: reason || undefined }),
      (r) => {
        if (r.ok) {
          setMode(null);
          setReason("");
          clear();
        }
      },
    );

  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={busy || chosen.length === 0} onClick={() => setMode("approve")} data-testid="fix-approve">
          核对无误，恢复为照片已通过（{chosen.length}）
        </Button>
        <Button size="sm" variant="secondary" disabled={busy || chosen.length === 0} onClick={() => setMode("new_photo")} data-testid="fix-new-photo">
          要求重新上传照片（{chosen.length}）
        </Button>
      </div>
      {mode && (
        <ConfirmBox
          question={
            <p>
              {mode === "approve"
                ? `将把 ${chosen.length} 条记录恢复为“照片已通过”，随下一批次重新提交。`
                : `将退回 ${chosen.length} 条记录的照片，请专业技术人员重新上传。`}
            </p>
          }
          confirmLabel="确认"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => go(mode)}
        >
          <label className="mt-2 block text-xs" htmlFor="fix-reason">
            {mode === "approve" ? "处理说明（选填）" : "原因（必填，专业技术人员可见）"}
          </label>
          <input id="fix-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          {outcome?.fieldErrors?.reason && <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
        </ConfirmBox>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="returned-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">
                <input
                  {...selectAllProps}
                  aria-label="选择本页全部"
                />
              </th>
              <th className="px-2 py-2">照片</th>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">资格名称</th>
              <th className="px-2 py-2">批次</th>
              <th className="px-2 py-2">退回原因</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  没有待处理的退回记录
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="px-2 py-2">
                  <input type="checkbox" aria-label={`选择 ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="px-2 py-2">
                  {r.photoId ? <PrivatePhoto photoId={r.photoId} name={r.name} width={48} height={67} className="h-[67px] w-[48px]" /> : <span className="text-xs text-slate-500">无</span>}
                </td>
                <td className="whitespace-nowrap px-2 py-2">{r.name}</td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.idNumberMasked}</td>
                <td className="px-2 py-2">
                  {r.qualificationName}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.level as TitleLevel]}</span>
                </td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.batchNo ?? "—"}</td>
                <td className="px-2 py-2 text-red-700">{r.returnReason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
