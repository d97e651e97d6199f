"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { finishPublicityAction, recordObjectionAction, resolveObjectionAction } from "./actions";

/** 结束公示 (after the last day, every objection handled). */
export function FinishPublicity({ publicityId, ready, openObjections, endsOn }: { publicityId: string; ready: boolean; openObjections: number; endsOn: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [asking, setAsking] = useState(false);
  return (
    <div className="mt-3 space-y-2">
      <OutcomeNotice outcome={outcome} />
      <Button size="sm" disabled={busy || !ready} onClick={() => setAsking(true)}>
        结束公示
      </Button>
      {!ready && <p className="text-xs text-slate-500">{openObjections > 0 ? `尚有${openObjections}条异议未处理。` : `公示期至${endsOn}，期满后才能结束。`}</p>}
      {asking && (
        <ConfirmBox
          question={<p>结束公示后，未收到成立异议的申报可进行单位推荐。</p>}
          confirmLabel="确认结束公示"
          busy={busy}
          onCancel={() => setAsking(false)}
          onConfirm={() => run(() => finishPublicityAction({ publicityId }), (r) => r.ok && setAsking(false))}
        />
      )}
    </div>
  );
}

/** 记录异议 against one declaration of the 公示. */
export function ObjectionForm({ publicityId, options }: { publicityId: string; options: { id: string; name: string }[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [f, setF] = useState({ declarationId: options[0]?.id ?? "", text: "", filedByName: "", filedByContact: "" });
  const fe = outcome?.fieldErrors ?? {};
  return (
    <form
      className="mt-4 space-y-2 rounded-md border border-slate-200 p-3"
      aria-label="记录异议"
      onSubmit={(e) => {
        e.preventDefault();
        run(() => recordObjectionAction({ publicityId, ...f }), (r) => r.ok && setF((x) => ({ ...x, text: "", filedByName: "", filedByContact: "" })));
      }}
    >
      <h3 className="text-sm font-semibold text-slate-800">记录异议</h3>
      <OutcomeNotice outcome={outcome} />
      <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
        <select aria-label="被反映人" className={inputClass} value={f.declarationId} onChange={(e) => setF({ ...f, declarationId: e.target.value })}>
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
        <input aria-label="反映人" placeholder="反映人" className={inputClass} value={f.filedByName} onChange={(e) => setF({ ...f, filedByName: e.target.value })} />
        <input aria-label="联系方式" placeholder="联系方式" className={inputClass} value={f.filedByContact} onChange={(e) => setF({ ...f, filedByContact: e.target.value })} />
      </div>
      <textarea aria-label="异议内容" placeholder="异议内容" rows={2} className={inputClass} value={f.text} onChange={(e) => setF({ ...f, text: e.target.value })} />
      {Object.values(fe)[0] && <p className="text-xs text-red-600">{Object.values(fe)[0]}</p>}
      <Button type="submit" size="sm" disabled={busy}>
        记录异议
      </Button>
    </form>
  );
}

/** 处理异议: 异议不成立 (kept) or 异议成立 (upheld), with a reason. */
export function ResolveObjection({ objectionId }: { objectionId: string }) {
  const { outcome, busy, run } = useActionRunner();
  const [outcomeChoice, setChoice] = useState<"kept" | "upheld" | null>(null);
  const [reason, setReason] = useState("");
  return (
    <div className="mt-2 space-y-2">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={busy} onClick={() => setChoice("kept")}>
          异议不成立
        </Button>
        <Button size="sm" variant="danger" disabled={busy} onClick={() => setChoice("upheld")}>
          异议成立
        </Button>
      </div>
      {outcomeChoice && (
        <ConfirmBox
          danger={outcomeChoice === "upheld"}
          question={<p>{outcomeChoice === "upheld" ? "异议成立：该申报不能推荐，请随后退回或不予受理。" : "异议不成立：该申报保留在公示中。"}请填写处理理由：</p>}
          confirmLabel="确认处理"
          busy={busy}
          onCancel={() => setChoice(null)}
          onConfirm={() => run(() => resolveObjectionAction({ objectionId, outcome: outcomeChoice, reason }), (r) => r.ok && setChoice(null))}
        >
          <textarea aria-label="处理理由" rows={2} className={`${inputClass} mt-2`} value={reason} onChange={(e) => setReason(e.target.value)} />
          {outcome?.fieldErrors?.reason && <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
        </ConfirmBox>
      )}
    </div>
  );
}
