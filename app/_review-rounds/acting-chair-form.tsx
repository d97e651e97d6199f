"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { actingChairAction } from "./actions";

/**
 * 会议主持 (EVALUATION §7): the 主任 chairs; when the 主任 is absent or blocked the forming organisation
 * designates one 副主任委员 of the term, with the reason, and may give the chair back to the 主任.
 */
export function ActingChairForm({
  roundId,
  version,
  acting,
  viceChairs,
}: {
  roundId: string;
  version: number;
  acting: string | null;
  viceChairs: { userId: string; name: string }[];
}) {
  const { outcome, busy, run } = useActionRunner();
  const [open, setOpen] = useState(false);
  const [userId, setUserId] = useState(viceChairs[0]?.userId ?? "");
  const [reason, setReason] = useState("");
  if (!acting && viceChairs.length === 0) return <p className="text-sm text-slate-500">本届评委会没有副主任委员，不能指定副主任主持。</p>;
  if (!open)
    return (
      <div className="space-y-2">
        <Button size="sm" variant="secondary" onClick={() => setOpen(true)}>
          {acting ? "恢复由主任主持" : "主任缺席或回避：指定副主任主持"}
        </Button>
        <OutcomeNotice outcome={outcome} />
      </div>
    );
  return (
    <div className="space-y-2">
      <ConfirmBox
        question={acting ? "恢复后由主任主持本次会议，所指定的副主任不再主持。" : "指定后由该副主任主持本次会议（含统票签署），主任不再主持。"}
        confirmLabel={acting ? "确认恢复" : "确认指定"}
        busy={busy}
        onCancel={() => setOpen(false)}
        onConfirm={() => run(() => actingChairAction({ roundId, version, userId: acting ? null : userId, reason }), (r) => r.ok && setOpen(false))}
      >
        {!acting && (
          <label className="mt-2 block">
            <span className="text-amber-900">副主任委员</span>
            <select className={`${inputClass} mt-1`} value={userId} onChange={(e) => setUserId(e.target.value)}>
              {viceChairs.map((v) => (
                <option key={v.userId} value={v.userId}>
                  {v.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="mt-2 block">
          <span className="text-amber-900">原因</span>
          <textarea className={`${inputClass} mt-1`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
        </label>
        {outcome?.fieldErrors?.reason && <p className="text-sm text-red-600">{outcome.fieldErrors.reason}</p>}
        {outcome?.fieldErrors?.userId && <p className="text-sm text-red-600">{outcome.fieldErrors.userId}</p>}
      </ConfirmBox>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
