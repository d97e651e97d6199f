"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import type { TermPosition } from "@/db/schema/enums";
import { TERM_POSITION_LABELS } from "@/lib/terms/rules";
import { selectMembersAction } from "../actions";

export type TermMemberOption = { termMemberId: string; name: string; position: TermPosition; selected: boolean };

/** 选定参会委员 from the term: an odd number, at least the term's minimum (checked on the server). */
export function MemberSelectForm({ roundId, version, members }: { roundId: string; version: number; members: TermMemberOption[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [chosen, setChosen] = useState(() => new Set(members.filter((m) => m.selected).map((m) => m.termMemberId)));
  const toggle = (id: string) =>
    setChosen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span>
          已选 <strong data-testid="selected-count">{chosen.size}</strong> 人
          {chosen.size % 2 === 0 && chosen.size > 0 && <span className="ml-2 text-amber-700">参会委员人数须为奇数</span>}
        </span>
        <Button size="sm" variant="secondary" type="button" onClick={() => setChosen(new Set(members.map((m) => m.termMemberId)))}>
          全选本届委员
        </Button>
        <Button size="sm" disabled={busy || chosen.size === 0} onClick={() => run(() => selectMembersAction({ roundId, version, termMemberIds: [...chosen] }))}>
          保存参会委员
        </Button>
      </div>
      <OutcomeNotice outcome={outcome} />
      <fieldset>
        <legend className="sr-only">本届委员</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-4 lg:grid-cols-5">
          {members.map((m) => (
            <label key={m.termMemberId} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50">
              <input type="checkbox" checked={chosen.has(m.termMemberId)} onChange={() => toggle(m.termMemberId)} />
              <span>
                {m.name}
                {m.position !== "member" && <span className="ml-1 text-xs text-slate-500">{TERM_POSITION_LABELS[m.position]}</span>}
              </span>
            </label>
          ))}
        </div>
      </fieldset>
    </div>
  );
}
