"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/field";
import { MIN_PANEL_SIZE } from "@/lib/review-rounds/constants";
import { formPanelAction } from "../../actions";

export type PanelMemberOption = { userId: string; name: string; title: string | null; panelName: string | null };

/** 组建评议组 (or change one): a name, ≥ 3 members of the round, one of them 组长. */
export function PanelForm({ roundId, members, panel }: {
  roundId: string;
  members: PanelMemberOption[];
  panel?: { panelId: string; name: string; memberUserIds: string[]; leaderUserId: string | null };
}) {
  const { outcome, busy, run } = useActionRunner();
  const [name, setName] = useState(panel?.name ?? "");
  const [chosen, setChosen] = useState(() => new Set(panel?.memberUserIds ?? []));
  const [leader, setLeader] = useState(panel?.leaderUserId ?? "");
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      if (!n.has(leader)) setLeader("");
      return n;
    });
  const save = () =>
    run(
      () => formPanelAction({ roundId, panelId: panel?.panelId, name, memberUserIds: [...chosen], leaderUserId: leader }),
      (r) => {
        if (r.ok && !panel) {
          setName("");
          setChosen(new Set());
          setLeader("");
        }
      },
    );
  const prefix = panel ? `p-${panel.panelId.slice(0, 8)}` : "p-new";
  return (
    <div className="space-y-3">
      <label className="block text-sm" htmlFor={`${prefix}-name`}>
        <span className="mb-1 block font-medium text-slate-700">评议组名称</span>
        <input id={`${prefix}-name`} className={`${inputClass} max-w-xs`} value={name} onChange={(e) => setName(e.target.value)} placeholder="例如：第一评议组" />
      </label>
      {outcome?.fieldErrors?.name && <p className="text-sm text-red-600">{outcome.fieldErrors.name}</p>}
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">
          成员（至少{MIN_PANEL_SIZE}人，已选{chosen.size}人）与组长
        </legend>
        <div className="grid grid-cols-1 gap-1 sm:grid-cols-2 lg:grid-cols-3">
          {members.map((m) => {
            const elsewhere = m.panelName && m.panelName !== panel?.name;
            return (
              <div key={m.userId} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
                <label className="flex flex-1 items-center gap-2">
                  <input type="checkbox" aria-label={m.name} checked={chosen.has(m.userId)} onChange={() => toggle(m.userId)} disabled={!!elsewhere} />
                  <span className={elsewhere ? "text-slate-400" : ""}>
                    {m.name}
                    <span className="ml-1 text-xs text-slate-500">{elsewhere ? `已在${m.panelName}` : (m.title ?? "")}</span>
                  </span>
                </label>
                {chosen.has(m.userId) && (
                  <label className="flex items-center gap-1 text-xs text-slate-600">
                    <input type="radio" name={`${prefix}-leader`} aria-label={`${m.name} 任组长`} checked={leader === m.userId} onChange={() => setLeader(m.userId)} />
                    组长
                  </label>
                )}
              </div>
            );
          })}
        </div>
      </fieldset>
      <Button size="sm" disabled={busy || chosen.size === 0 || !leader || !name.trim()} onClick={save}>
        {panel ? "保存修改" : "组建评议组"}
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
