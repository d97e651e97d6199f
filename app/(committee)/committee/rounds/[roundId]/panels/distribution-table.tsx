"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { useRowSelection } from "@/components/use-row-selection";
import type { TitleLevel } from "@/db/schema/enums";
import { MIN_REVIEWERS } from "@/lib/review-rounds/constants";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { assignCandidatesAction } from "../../actions";

export type DistributionRow = { id: string; position: number; personName: string; maskedIdNumber: string; unitName: string | null; specialty: string; targetLevel: TitleLevel; panelName: string | null; unblockedReviewers: number; opinions: number; hasSummary: boolean };

/** 分发材料 in bulk: select candidates of this page, pick a panel, confirm. */
export function DistributionTable({ roundId, rows, panels, editable }: { roundId: string; rows: DistributionRow[]; panels: { panelId: string; name: string }[]; editable: boolean }) {
  const { outcome, busy, run } = useActionRunner();
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(rows);
  const [picked, setPanelId] = useState("");
  // The panels arrive with a refresh after the first one is formed: default to the first.
  const panelId = panels.some((p) => p.panelId === picked) ? picked : (panels[0]?.panelId ?? "");
  const [asking, setAsking] = useState(false);
  const panelName = panels.find((p) => p.panelId === panelId)?.name ?? "";
  return (
    <div className="space-y-3">
      {editable && (
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <label>
            <span className="mb-1 block text-slate-700">分发到</span>
            <select className="rounded-md border border-slate-300 bg-white px-2 py-1.5" value={panelId} onChange={(e) => setPanelId(e.target.value)} aria-label="评议组">
              {panels.map((p) => (
                <option key={p.panelId} value={p.panelId}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <Button size="sm" disabled={busy || chosen.length === 0 || !panelId} onClick={() => setAsking(true)}>
            分发所选（{chosen.length}）
          </Button>
        </div>
      )}
      {asking && (
        <ConfirmBox
          question={`将 ${chosen.length} 名申报人的评审材料分发给“${panelName}”？`}
          confirmLabel="确认分发"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() =>
            run(
              () => assignCandidatesAction({ roundId, panelId, candidateIds: chosen.map((c) => c.id) }),
              (r) => {
                if (r.ok) {
                  setAsking(false);
                  clear();
                }
              },
            )
          }
        />
      )}
      <OutcomeNotice outcome={outcome} />
      <div className="scroll-shadow-x">
        <table className="min-w-full text-sm" data-testid="distribution-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
              {editable && (
                <th>
                  <input {...selectAllProps} aria-label="选择本页全部" />
                </th>
              )}
              <th>序号</th>
              <th>姓名</th>
              <th>证件号码</th>
              <th>单位</th>
              <th>申报专业与级别</th>
              <th>评议组</th>
              <th>可评议专家</th>
              <th>意见</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的申报人
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2" data-testid="distribution-row">
                {editable && (
                  <td>
                    <input type="checkbox" aria-label={`选择 ${r.personName}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                )}
                <td>{r.position}</td>
                <td className="whitespace-nowrap">{r.personName}</td>
                <td className="whitespace-nowrap font-mono text-xs">{r.maskedIdNumber}</td>
                <td className="min-w-40">{r.unitName ?? "—"}</td>
                <td className="min-w-36">
                  {r.specialty}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
                </td>
                <td className="whitespace-nowrap">{r.panelName ?? <span className="text-slate-500">未分组</span>}</td>
                <td className="whitespace-nowrap">
                  {r.panelName ? r.unblockedReviewers : "—"}
                  {r.panelName && r.unblockedReviewers < MIN_REVIEWERS && (
                    <span className="ml-1">
                      <Badge tone="red">不足{MIN_REVIEWERS}人</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap text-xs text-slate-600">
                  {r.opinions}份{r.hasSummary ? " · 组长意见已填" : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
