"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { Field, Input } from "@/components/ui/field";
import { confirmBatchAction } from "./actions";

/**
 * 确认文号 and 确认日期 once per batch (the 专技处's confirmation, stored on the batch and in the audit log;
 * the certificates print the roster's 批准文号 and 发证日期); confirms the unmarked records and returns the
 * marked ones, after a confirmation.
 */
export function ConfirmPanel({ open, batchId, batchVersion, confirmCount, returnCount, today }: {
  /** False once the batch is decided: only the outcome of the last action stays on screen. */
  open: boolean;
  batchId: string;
  batchVersion: number;
  confirmCount: number;
  returnCount: number;
  today: string;
}) {
  const { outcome, busy, run } = useActionRunner();
  const [approvalNo, setApprovalNo] = useState("");
  const [issueDate, setIssueDate] = useState(today);
  const [confirming, setConfirming] = useState(false);
  const errors = outcome?.fieldErrors ?? {};
  const needsNumbers = confirmCount > 0;

  if (!open) return <OutcomeNotice outcome={outcome} />;
  return (
    <div className="space-y-3" data-testid="confirm-panel">
      <OutcomeNotice outcome={outcome} />
      <p className="text-sm text-slate-700">
        本批次将确认 <strong data-testid="confirm-count">{confirmCount}</strong> 条并发放证书
        {returnCount > 0 && (
          <>
            ，退回 <strong data-testid="return-count">{returnCount}</strong> 条（已标记的记录）
          </>
        )}
        。如需退回个别记录，请在下方列表中选择并填写原因后“标记退回”。
      </p>
      {needsNumbers && (
        <div className="space-y-2">
          <div className="grid gap-3 sm:grid-cols-2">
            <Field label="确认文号" htmlFor="approvalNo" required error={errors.approvalNo}>
              <Input id="approvalNo" value={approvalNo} onChange={(e) => setApprovalNo(e.target.value)} placeholder="例如：黔人社专技〔2026〕12号" aria-invalid={!!errors.approvalNo} />
            </Field>
            <Field label="确认日期" htmlFor="issueDate" required error={errors.issueDate}>
              <Input id="issueDate" type="date" value={issueDate} max={today} onChange={(e) => setIssueDate(e.target.value)} aria-invalid={!!errors.issueDate} />
            </Field>
          </div>
          <p className="text-xs text-slate-500" data-testid="confirmation-note">
            确认文号和确认日期是专技处确认本批次的依据，记入批次记录、证书的确认信息和操作日志，不印在证书上；证书上的批准文号和发证日期按名册填写（名册未填发证日期的，同评审通过时间）。
          </p>
        </div>
      )}
      <Button
        disabled={busy}
        data-testid="confirm-batch"
        onClick={() => {
          if (needsNumbers && !approvalNo.trim()) return run(() => Promise.resolve({ ok: false as const, message: "请填写确认文号", fieldErrors: { approvalNo: "请填写确认文号" } }));
          setConfirming(true);
        }}
      >
        {confirmCount > 0 ? `确认本批次（确认${confirmCount}条${returnCount ? `，退回${returnCount}条` : ""}）` : `退回全部${returnCount}条`}
      </Button>
      {confirming && (
        <ConfirmBox
          question={
            <p>
              将确认 {confirmCount} 条记录并发放证书{needsNumbers ? `（确认文号 ${approvalNo}，确认日期 ${issueDate}；证书上的批准文号和发证日期按名册）` : ""}
              {returnCount > 0 ? `，退回 ${returnCount} 条记录给评委会组建单位` : ""}。确认后不能撤回。确认？
            </p>
          }
          confirmLabel="确认"
          busy={busy}
          onCancel={() => setConfirming(false)}
          onConfirm={() =>
            run(
              () => confirmBatchAction({ batchId, batchVersion, expectedConfirmCount: confirmCount, expectedReturnCount: returnCount, approvalNo, issueDate }),
              () => setConfirming(false),
            )
          }
        />
      )}
    </div>
  );
}
