"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import type { BoardCounts } from "@/lib/batch-submission/queries";
import { excludeBlockingAction, submitBatchAction } from "./actions";

type Summary = Pick<BoardCounts, "ready" | "blocking" | "blockingByStatus" | "drafts" | "excluded">;

/** 一次性提交: the count, what still blocks it (with 全部排除), and the confirmation before the irreversible step. */
export function SubmitPanel({ committeeId, summary }: { committeeId: string; summary: Summary }) {
  const { outcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<"submit" | "exclude" | null>(null);
  const [reason, setReason] = useState("");
  const b = summary.blockingByStatus;

  return (
    <div className="space-y-3 text-sm" data-testid="submit-panel">
      <OutcomeNotice outcome={outcome} />
      <dl className="grid gap-2 sm:grid-cols-4">
        <div className="rounded border border-green-200 bg-green-50 p-3">
          <dt className="text-green-800">可提交（照片已通过，或2020年度之前无需照片）</dt>
          <dd className="text-2xl font-semibold text-green-900" data-testid="ready-count">
            {summary.ready}
          </dd>
        </div>
        <div className="rounded border border-amber-200 bg-amber-50 p-3">
          <dt className="text-amber-800">未就绪</dt>
          <dd className="text-2xl font-semibold text-amber-900" data-testid="blocking-count">
            {summary.blocking}
          </dd>
          <dd className="text-xs text-amber-800">
            未上传照片 {b.awaiting_photo} · 待审核 {b.photo_submitted} · 退回待处理 {b.returned}
          </dd>
        </div>
        <div className="rounded border border-slate-200 bg-slate-50 p-3">
          <dt className="text-slate-600">已排除</dt>
          <dd className="text-2xl font-semibold text-slate-800" data-testid="excluded-count">
            {summary.excluded}
          </dd>
          <dd className="text-xs text-slate-500">不参加提交，也不阻止提交</dd>
        </div>
        <div className="rounded border border-slate-200 bg-slate-50 p-3">
          <dt className="text-slate-600">草稿未发布</dt>
          <dd className="text-2xl font-semibold text-slate-800">{summary.drafts}</dd>
          <dd className="text-xs text-slate-500">不在提交范围内</dd>
        </div>
      </dl>
      {summary.blocking > 0 && (
        <Notice tone="warning">
          还有 {summary.blocking} 条记录尚未就绪，暂不能提交。请催促专业技术人员上传照片、完成照片审核或处理退回记录；确实无法完成的，可填写原因将其排除，排除的记录仍保留在名册中，以后可另行提交。
        </Notice>
      )}
      <div className="flex flex-wrap gap-2">
        <Button disabled={busy || summary.ready === 0 || summary.blocking > 0} onClick={() => setMode("submit")} data-testid="submit-batch">
          一次性提交（{summary.ready}条）
        </Button>
        {summary.blocking > 0 && (
          <Button variant="secondary" disabled={busy} onClick={() => setMode("exclude")}>
            排除全部未就绪记录（{summary.blocking}条）
          </Button>
        )}
      </div>
      {mode === "submit" && (
        <ConfirmBox
          question={<p>将把 {summary.ready} 条可提交的记录（照片已通过，或2020年度之前无需照片）一次性提交省人社厅专技处确认。提交后不能撤回或修改。确认提交？</p>}
          confirmLabel="确认提交"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() => run(() => submitBatchAction({ committeeId, expectedCount: summary.ready }), () => setMode(null))}
        />
      )}
      {mode === "exclude" && (
        <ConfirmBox
          question={<p>将排除 {summary.blocking} 条未就绪记录，它们不参加本次提交，仍保留在名册中，可随时取消排除。</p>}
          confirmLabel="确认排除"
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() =>
            run(
              () => excludeBlockingAction({ committeeId, expectedCount: summary.blocking, reason }),
              (r) => {
                if (r.ok) {
                  setMode(null);
                  setReason("");
                }
              },
            )
          }
        >
          <label className="mt-2 block text-xs" htmlFor="exclude-all-reason">
            排除原因（必填）
          </label>
          <input id="exclude-all-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="例如：本人联系不上，下一批次再提交" />
          {outcome?.fieldErrors?.reason && <p className="text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
        </ConfirmBox>
      )}
    </div>
  );
}
