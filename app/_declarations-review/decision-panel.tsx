"use client";

import Link from "next/link";
import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button, buttonClass } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import type { ActionResult } from "@/lib/actions/safe-action";
import { MOVE_LABELS } from "@/lib/declarations/constants";
import type { MoveResult } from "@/lib/declarations/moves-common";
import type { DeclarationMove } from "@/lib/declarations/states";
import { acceptAction, acceptExceptionalAction, deptApproveAction, hrssCheckAction, rejectDeclarationAction, returnDeclarationAction, unitRecommendAction, unitVerifyAction } from "./actions";
import { moveOutcome } from "./queue-table";

const FORWARD: Partial<Record<DeclarationMove, (raw: unknown) => Promise<ActionResult<MoveResult>>>> = {
  unit_verify: unitVerifyAction,
  unit_recommend: unitRecommendAction,
  dept_approve: deptApproveAction,
  hrss_check: hrssCheckAction,
  accept: acceptAction,
};

type Item = { key: number; slot: string; field: string; text: string };

/**
 * The moves this office may make on one declaration now: its forward step (with confirmation), 退回补正 with
 * a 一次性告知 (every item to supplement at once; a second return only on the first notice's items), 不予受理.
 */
export function DecisionPanel({ declarationId, version, moves, publicityHref, slotOptions, restrictSlots, firstReason }: {
  declarationId: string;
  version: number;
  moves: DeclarationMove[];
  publicityHref: string;
  slotOptions: { value: string; label: string }[];
  /** Set on a second return at the same stage: the slots of the first notice. */
  restrictSlots: string[] | null;
  firstReason: string | null;
}) {
  const { outcome, setOutcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<DeclarationMove | null>(null);
  const [reason, setReason] = useState("");
  const options = restrictSlots ? slotOptions.filter((o) => restrictSlots.includes(o.value)) : slotOptions;
  const [items, setItems] = useState<Item[]>([{ key: 0, slot: options[0]?.value ?? "", field: "", text: "" }]);
  const [approved, setApproved] = useState(false);
  const [approvalNote, setApprovalNote] = useState("");
  const forward = moves.filter((m) => FORWARD[m]);
  const setItem = (key: number, patch: Partial<Item>) => setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  const fe = outcome?.fieldErrors ?? {};

  return (
    <div className="space-y-3" data-testid="decision-panel">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap gap-2">
        {forward.map((m) => (
          <Button key={m} size="sm" disabled={busy} onClick={() => setMode(m)}>
            {MOVE_LABELS[m]}
          </Button>
        ))}
        {moves.includes("accept_exceptional") && (
          <Button size="sm" disabled={busy} onClick={() => setMode("accept_exceptional")}>
            {MOVE_LABELS.accept_exceptional}
          </Button>
        )}
        {moves.includes("start_publicity") && (
          <Link className={buttonClass("primary", "sm")} href={publicityHref}>
            去申报公示
          </Link>
        )}
        {moves.includes("return") && (
          <Button size="sm" variant="secondary" disabled={busy} onClick={() => setMode("return")}>
            退回补正
          </Button>
        )}
        {moves.includes("reject") && (
          <Button size="sm" variant="danger" disabled={busy} onClick={() => setMode("reject")}>
            不予受理
          </Button>
        )}
      </div>

      {mode && FORWARD[mode] && (
        <ConfirmBox
          question={<p>确认对该申报执行“{MOVE_LABELS[mode]}”？此操作不能撤销。</p>}
          confirmLabel={`确认${MOVE_LABELS[mode]}`}
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => FORWARD[mode]!({ ids: [declarationId] }), (r) => { setOutcome(moveOutcome(r, new Map())); if (r.ok) setMode(null); })}
        />
      )}

      {mode === "accept_exceptional" && (
        <ConfirmBox
          question={<p>这是一份破格申报。受理前须由本单位批准破格（请先核对上方的破格理由和申报条件）；批准并受理后不能撤销。不同意破格的，请作“不予受理”并说明理由。</p>}
          confirmLabel="确认批准破格并受理"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() =>
            run(
              () => acceptExceptionalAction({ declarationId, version, approved, note: approvalNote || undefined }),
              (r) => r.ok && setMode(null),
            )
          }
        >
          <label className="mt-2 flex items-start gap-2">
            <input type="checkbox" className="mt-1" checked={approved} onChange={(e) => setApproved(e.target.checked)} />
            <span>本单位已审议并批准该破格申报</span>
          </label>
          {fe.approved && <p className="text-xs text-red-600">{fe.approved}</p>}
          <textarea aria-label="批准意见（选填）" placeholder="批准意见（选填）" className={`${inputClass} mt-2`} rows={2} value={approvalNote} onChange={(e) => setApprovalNote(e.target.value)} />
        </ConfirmBox>
      )}

      {mode === "return" && (
        <form
          className="space-y-3 rounded-md border border-slate-200 p-3"
          aria-label="退回补正"
          onSubmit={(e) => {
            e.preventDefault();
            run(
              () => returnDeclarationAction({ declarationId, version, reason, items: items.map(({ slot, field, text }) => ({ slot, field, text })) }),
              (r) => r.ok && setMode(null),
            );
          }}
        >
          <p className="text-sm text-slate-700">
            一次性告知：请一次列出需要补正的全部事项。申报人须在 <strong>5个工作日</strong> 内（自退回次日起算）补正后重新提交，逾期视为放弃。
          </p>
          {restrictSlots && (
            <p className="rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="second-return">
              该环节已退回过一次：第二次退回只能针对第一次告知的事项（{options.map((o) => o.label).join("、")}），且须说明新的理由（第一次理由：{firstReason}）。
            </p>
          )}
          {items.map((it, idx) => (
            <div key={it.key} className="grid grid-cols-1 gap-2 sm:grid-cols-[12rem_10rem_1fr_auto]">
              <select aria-label={`第${idx + 1}项 事项`} className={inputClass} value={it.slot} onChange={(e) => setItem(it.key, { slot: e.target.value })}>
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
              <input aria-label={`第${idx + 1}项 字段`} placeholder="字段，如：学历证书" className={inputClass} value={it.field} onChange={(e) => setItem(it.key, { field: e.target.value })} />
              <input aria-label={`第${idx + 1}项 补正要求`} placeholder="补正要求" className={inputClass} value={it.text} onChange={(e) => setItem(it.key, { text: e.target.value })} />
              <Button type="button" size="sm" variant="secondary" disabled={items.length === 1} onClick={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}>
                删除
              </Button>
              {(fe[`items.${idx}.field`] || fe[`items.${idx}.text`]) && <p className="text-xs text-red-600 sm:col-span-4">{fe[`items.${idx}.field`] ?? fe[`items.${idx}.text`]}</p>}
            </div>
          ))}
          {fe.items && <p className="text-xs text-red-600">{fe.items}</p>}
          <Button type="button" size="sm" variant="ghost" onClick={() => setItems((xs) => [...xs, { key: Math.max(...xs.map((x) => x.key)) + 1, slot: options[0]?.value ?? "", field: "", text: "" }])}>
            ＋ 增加一项
          </Button>
          <label className="block text-sm">
            <span className="mb-1 block text-slate-700">退回理由（必填）</span>
            <textarea name="reason" className={inputClass} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          </label>
          {fe.reason && <p className="text-xs text-red-600">{fe.reason}</p>}
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={busy}>
              {busy ? "正在处理…" : "确认退回"}
            </Button>
            <Button type="button" size="sm" variant="secondary" onClick={() => setMode(null)}>
              取消
            </Button>
          </div>
        </form>
      )}

      {mode === "reject" && (
        <ConfirmBox
          danger
          question={<p>不予受理是最终决定，申报人不能再补正。请填写理由：</p>}
          confirmLabel="确认不予受理"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => rejectDeclarationAction({ declarationId, version, reason }), (r) => r.ok && setMode(null))}
        >
          <textarea aria-label="不予受理理由" className={`${inputClass} mt-2`} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          {fe.reason && <p className="text-xs text-red-600">{fe.reason}</p>}
        </ConfirmBox>
      )}
    </div>
  );
}
