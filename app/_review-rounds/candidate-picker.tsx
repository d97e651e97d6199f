"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { useRowSelection } from "@/components/use-row-selection";
import type { TitleLevel } from "@/db/schema/enums";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { addCandidatesAction, removeCandidateAction } from "./actions";

export type PickerRow = { id: string; personName: string; maskedIdNumber: string; unitName: string | null; specialty: string; targetLevel: TitleLevel; acceptedOn: string | null };

/** 添加申报人: one page of the committee's accepted declarations, selected in bulk, added after a confirmation. */
export function AddCandidatesPicker({ roundId, rows }: { roundId: string; rows: PickerRow[] }) {
  const { outcome, setOutcome, busy, run } = useActionRunner();
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(rows);
  const [asking, setAsking] = useState(false);
  const names = new Map(rows.map((r) => [r.id, r.personName]));
  const add = () =>
    run(
      () => addCandidatesAction({ roundId, declarationIds: chosen.map((c) => c.id) }),
      (r) => {
        if (!r.ok) return;
        setAsking(false);
        clear();
        const refused = r.data.refused.map((x) => `${names.get(x.id) ?? "该申报"}：${x.reason}`);
        setOutcome({ ok: r.data.added.length > 0, text: [r.message ?? "已完成", ...refused].join("；") });
      },
    );
  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <Button size="sm" disabled={busy || chosen.length === 0} onClick={() => setAsking(true)}>
        添加所选（{chosen.length}）
      </Button>
      {asking && (
        <ConfirmBox
          question={`将 ${chosen.map((c) => c.personName).join("、")} 共${chosen.length}人列为本次评审的申报人，其申报进入“评审中”。`}
          confirmLabel="确认添加"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={add}
        />
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="addable-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
              <th>
                <input {...selectAllProps} aria-label="选择本页全部" />
              </th>
              <th>姓名</th>
              <th>证件号码</th>
              <th>单位</th>
              <th>申报专业与级别</th>
              <th>受理日期</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-6 text-center text-slate-500">
                  暂无可添加的已受理申报
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                <td>
                  <input type="checkbox" aria-label={`选择 ${r.personName}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="whitespace-nowrap">{r.personName}</td>
                <td className="whitespace-nowrap font-mono text-xs">{r.maskedIdNumber}</td>
                <td className="min-w-40">{r.unitName ?? "—"}</td>
                <td className="min-w-36">
                  {r.specialty}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
                </td>
                <td className="whitespace-nowrap text-xs text-slate-600">{r.acceptedOn ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

export function RemoveCandidateButton({ roundId, candidateId, name }: { roundId: string; candidateId: string; name: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div>
      {!asking && (
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => setAsking(true)}>
          移出
        </Button>
      )}
      {asking && (
        <ConfirmBox question={`将 ${name} 移出本次评审？其申报回到“已受理”。`} confirmLabel="确认移出" danger busy={busy} onCancel={() => setAsking(false)} onConfirm={() => run(() => removeCandidateAction({ roundId, candidateId }))} />
      )}
      {outcome && !outcome.ok && <OutcomeNotice outcome={outcome} />}
    </div>
  );
}
