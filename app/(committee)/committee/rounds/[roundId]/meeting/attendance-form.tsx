"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { recordAttendanceAction } from "../../actions";

export type AttendanceRow = { userId: string; name: string; present: boolean };

/** 记录出席: tick the members present (a member's own check-in shows as ticked). */
export function AttendanceForm({ roundId, members, quorumNeeded, editable }: { roundId: string; members: AttendanceRow[]; quorumNeeded: number; editable: boolean }) {
  const { outcome, busy, run } = useActionRunner();
  const [present, setPresent] = useState(() => new Set(members.filter((m) => m.present).map((m) => m.userId)));
  const toggle = (id: string) =>
    setPresent((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const short = present.size < quorumNeeded;
  return (
    <div className="space-y-3">
      <p className="text-sm">
        应到 {members.length} 人，已勾选出席 <strong data-testid="present-count">{present.size}</strong> 人，法定人数 {quorumNeeded} 人
        {short && <span className="ml-2 text-amber-700">（不足法定人数）</span>}
      </p>
      <fieldset disabled={!editable}>
        <legend className="sr-only">出席委员</legend>
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-4 lg:grid-cols-5">
          {members.map((m) => (
            <label key={m.userId} className="flex items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-50 max-sm:py-2.5">
              <input type="checkbox" className="max-sm:h-5 max-sm:w-5" checked={present.has(m.userId)} onChange={() => toggle(m.userId)} aria-label={`${m.name} 出席`} />
              <span>{m.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {editable && (
        <div className="flex flex-wrap gap-2">
          <Button size="sm" variant="secondary" type="button" onClick={() => setPresent(new Set(members.map((m) => m.userId)))}>
            全部出席
          </Button>
          <Button size="sm" disabled={busy} onClick={() => run(() => recordAttendanceAction({ roundId, presentUserIds: [...present] }))}>
            保存出席情况
          </Button>
        </div>
      )}
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
