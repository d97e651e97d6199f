"use client";

import Link from "next/link";
import { useState } from "react";
import { OutcomeNotice, useActionRunner, type Outcome } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { useRowSelection } from "@/components/use-row-selection";
import type { ActionResult } from "@/lib/actions/safe-action";
import { DECLARATION_STATUS_LABELS } from "@/lib/declarations/constants";
import type { MoveResult } from "@/lib/declarations/moves-common";
import type { DeclarationListRow } from "@/lib/declarations/queries";
import type { QueueMove } from "@/lib/declarations/review-queries";
import { TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { acceptAction, deptApproveAction, hrssCheckAction, previewPublicityEndAction, startPublicityAction, unitRecommendAction, unitVerifyAction } from "./actions";
import { QUEUE_PAGES } from "./areas";

export type QueueRow = Omit<DeclarationListRow, "submittedAt"> & { submittedAt: string | null };

const BATCH_ACTIONS: Record<Exclude<QueueMove, "start_publicity">, (raw: unknown) => Promise<ActionResult<MoveResult>>> = {
  unit_verify: unitVerifyAction,
  unit_recommend: unitRecommendAction,
  dept_approve: deptApproveAction,
  hrss_check: hrssCheckAction,
  accept: acceptAction,
};

const CONFIRM_TEXT: Record<QueueMove, string> = {
  unit_verify: "所选申报将通过单位内部核验（确认申报人为本单位在职人员、所填信息属实；退休人员不能申报），进入单位公示环节。",
  start_publicity: "所选申报将进入单位公示，公示期内可记录和处理异议。",
  unit_recommend: "所选申报将由本单位推荐上报，推荐后不能撤回。",
  dept_approve: "所选申报将通过主管部门审核，报送下一环节。",
  hrss_check: "所选申报将通过人社部门审核，报送评委会组建单位受理。",
  accept: "所选申报将被评委会受理（形式审查通过），受理后进入评审。标有“破格”的申报须在申报详情中批准破格后受理，不随本次受理。",
};

/** The outcome of a batch move, naming each refused row and its reason (MoveResult.refused). */
export function moveOutcome(r: ActionResult<MoveResult>, names: Map<string, string>): Outcome {
  if (!r.ok) return { ok: false, text: r.message, fieldErrors: r.fieldErrors };
  const refused = r.data.refused.map((x) => `${names.get(x.id) ?? "该申报"}：${x.reason}`);
  return { ok: r.data.moved.length > 0, text: [r.message ?? "已完成", ...refused].join("；") };
}

/** The rows of one queue with selection and the queue's batch step (with its confirmation). */
export function QueueTable({ move, rows, detailBase, today }: { move: QueueMove; rows: QueueRow[]; detailBase: string; today: string }) {
  const { outcome, setOutcome, busy, run } = useActionRunner();
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(rows);
  const [confirming, setConfirming] = useState(false);
  const [postedOn, setPostedOn] = useState(today);
  const [endsOn, setEndsOn] = useState<string | null>(null);
  const names = new Map(rows.map((r) => [r.id, r.personName]));
  const label = QUEUE_PAGES[move].verb;

  const ask = () => {
    if (move !== "start_publicity") return setConfirming(true);
    run(
      () => previewPublicityEndAction({ postedOn }),
      (r) => {
        if (r.ok) {
          setEndsOn(r.data.endsOn);
          setOutcome(null);
          setConfirming(true);
        }
      },
    );
  };
  const confirm = () => {
    const ids = chosen.map((c) => c.id);
    const after = (r: ActionResult<MoveResult>) => {
      setOutcome(moveOutcome(r, names));
      if (r.ok) {
        setConfirming(false);
        clear();
      }
    };
    if (move === "start_publicity") run(() => startPublicityAction({ ids, postedOn }), after);
    else run(() => BATCH_ACTIONS[move]({ ids }), after);
  };

  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap items-end gap-2">
        {move === "start_publicity" && (
          <label className="text-sm">
            <span className="mb-1 block text-slate-700">公示日期</span>
            <input
              type="date"
              name="postedOn"
              className={`${inputClass} w-44`}
              value={postedOn}
              min={today}
              onChange={(e) => {
                setPostedOn(e.target.value);
                setConfirming(false);
              }}
            />
          </label>
        )}
        <Button size="sm" disabled={busy || chosen.length === 0} onClick={ask}>
          {label}所选（{chosen.length}）
        </Button>
      </div>
      {outcome?.fieldErrors?.postedOn && <p className="text-sm text-red-600">{outcome.fieldErrors.postedOn}</p>}
      {confirming && (
        <ConfirmBox
          question={
            <div className="space-y-1">
              <p>{CONFIRM_TEXT[move]}</p>
              <p>共 {chosen.length} 份：{chosen.map((c) => c.personName).join("、")}</p>
              {move === "start_publicity" && endsOn && (
                <p data-testid="publicity-end">
                  公示期：{postedOn} 起，5个工作日，至 <strong>{endsOn}</strong> 止（按工作日计算，自公示次日起算）
                </p>
              )}
            </div>
          }
          confirmLabel={`确认${label}`}
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={confirm}
        />
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm" data-testid="queue-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap">
              <th className="px-2 py-2">
                <input {...selectAllProps} aria-label="选择本页全部" />
              </th>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">单位</th>
              <th className="px-2 py-2">申报专业与级别</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">提交时间</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={7} className="px-3 py-6 text-center text-slate-500">
                  暂无待办申报
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top">
                <td className="px-2 py-2">
                  <input type="checkbox" aria-label={`选择 ${r.personName}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Link className="text-brand-700 hover:underline" href={`${detailBase}/${r.id}`}>
                    {r.personName}
                  </Link>
                  {r.exceptional && (
                    <span className="ml-1">
                      <Badge tone="amber">破格</Badge>
                    </span>
                  )}
                  {r.withdrawalPending && (
                    <span className="ml-1">
                      <Badge tone="red">申请撤回</Badge>
                    </span>
                  )}
                </td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.idNumberMasked}</td>
                <td className="min-w-40 px-2 py-2">{r.unitName ?? "—"}</td>
                <td className="min-w-36 px-2 py-2">
                  {r.series}·{r.specialty}
                  <span className="ml-1 text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.targetLevel]}</span>
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={DECLARATION_STATUS_LABELS[r.status].tone}>{DECLARATION_STATUS_LABELS[r.status].label}</Badge>
                  {r.returnedFrom && <span className="ml-1 text-xs text-slate-500">（补正后重新提交）</span>}
                </td>
                <td className="whitespace-nowrap px-2 py-2 text-xs text-slate-600">{r.submittedAt ? new Date(r.submittedAt).toLocaleDateString("zh-CN", { timeZone: "Asia/Shanghai" }) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
