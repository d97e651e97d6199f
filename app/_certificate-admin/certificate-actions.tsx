"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { Field, Input, inputClass } from "@/components/ui/field";
import { REVOCATION_KIND_LABELS, REVOCATION_KINDS, type RevocationKind } from "@/lib/certificates/schemas";
import { correctCertificateAction, revokeCertificateAction } from "./actions";

type Values = { name: string; workUnit: string; specialty: string; qualificationName: string; approvalNo: string; issueDate: string };
const LABELS: Record<keyof Values, string> = { name: "姓名", workUnit: "工作单位", specialty: "专业", qualificationName: "资格名称", approvalNo: "批准文号", issueDate: "发证日期" };

/**
 * 撤销 (kind, reason, for fraud the 文号; confirmation) and 更正 (changed fields + reason → a new version) of
 * a valid certificate. `fraudReapplyOn`: the day a person revoked for fraud today may declare again (server date).
 */
export function CertificateActions({ valid, certificateId, certNo, values, fraudReapplyOn }: { valid: boolean; certificateId: string; certNo: string; values: Values; fraudReapplyOn: string }) {
  const router = useRouter();
  const { outcome, busy, run } = useActionRunner();
  const [mode, setMode] = useState<"revoke" | "correct" | null>(null);
  const [reason, setReason] = useState("");
  const [kind, setKind] = useState<RevocationKind>("ordinary");
  const [documentNo, setDocumentNo] = useState("");
  const [form, setForm] = useState<Values>(values);
  const changes = Object.fromEntries((Object.keys(values) as (keyof Values)[]).filter((k) => form[k].trim() !== values[k]).map((k) => [k, form[k].trim()]));
  const errors = outcome?.fieldErrors ?? {};

  // Revoked or superseded: nothing more can be done here; the last outcome stays visible.
  if (!valid) return <OutcomeNotice outcome={outcome} />;
  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <div className="flex gap-2">
        <Button variant="danger" size="sm" disabled={busy} onClick={() => setMode("revoke")} data-testid="revoke-open">
          撤销证书
        </Button>
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => setMode("correct")} data-testid="correct-open">
          更正证书
        </Button>
      </div>
      {mode === "revoke" && (
        <ConfirmBox
          question={
            <p>
              将撤销证书 {certNo}。撤销后证书仍可查验，但显示为“已撤销”，不能恢复。
              {kind === "fraud" ? `持证人将记入诚信档案，在${fraudReapplyOn}之前不能申报职称。` : ""}确认撤销？
            </p>
          }
          confirmLabel="确认撤销"
          danger
          busy={busy}
          onCancel={() => setMode(null)}
          onConfirm={() =>
            run(() => revokeCertificateAction({ certificateId, kind, reason, documentNo: kind === "fraud" ? documentNo : undefined }), (r) => {
              if (r.ok) setMode(null);
            })
          }
        >
          <fieldset className="mt-2 text-xs" data-testid="revoke-kind">
            <legend className="mb-1">撤销类型</legend>
            <div className="flex flex-wrap gap-4">
              {REVOCATION_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-1">
                  <input type="radio" name="revoke-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
                  {REVOCATION_KIND_LABELS[k]}
                  {k === "fraud" ? "（记入诚信档案）" : ""}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="mt-2 block text-xs" htmlFor="revoke-reason">
            撤销原因（必填，本人可见）
          </label>
          <input id="revoke-reason" className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} />
          {errors.reason && <p className="text-xs text-red-600">{errors.reason}</p>}
          {kind === "fraud" && (
            <>
              <label className="mt-2 block text-xs" htmlFor="revoke-document-no">
                撤销文号（必填）
              </label>
              <input id="revoke-document-no" className={inputClass} value={documentNo} placeholder="如：黔人社专技〔2026〕3号" onChange={(e) => setDocumentNo(e.target.value)} />
              {errors.documentNo && <p className="text-xs text-red-600">{errors.documentNo}</p>}
            </>
          )}
        </ConfirmBox>
      )}
      {mode === "correct" && (
        <div className="space-y-3 rounded-md border border-slate-200 p-3">
          <p className="text-sm text-slate-600">修改需要更正的内容，保存后发放新版本证书，原版本标记为“已更正”并保留。</p>
          <div className="grid gap-3 sm:grid-cols-2">
            {(Object.keys(values) as (keyof Values)[]).map((k) => (
              <Field key={k} label={LABELS[k]} htmlFor={`fix-${k}`} error={errors[`changes.${k}`]}>
                <Input id={`fix-${k}`} type={k === "issueDate" ? "date" : "text"} value={form[k]} onChange={(e) => setForm({ ...form, [k]: e.target.value })} />
              </Field>
            ))}
          </div>
          <Field label="更正原因" htmlFor="correct-reason" required error={errors.reason}>
            <Input id="correct-reason" value={reason} onChange={(e) => setReason(e.target.value)} />
          </Field>
          {errors.changes && <p className="text-xs text-red-600">{errors.changes}</p>}
          <div className="flex gap-2">
            <Button
              size="sm"
              disabled={busy}
              onClick={() =>
                run(
                  () => correctCertificateAction({ certificateId, reason, changes }),
                  (r) => {
                    if (r.ok && r.data) router.push(`/hrss/confirm/certificates/${r.data.id}`);
                  },
                )
              }
            >
              确认更正（{Object.keys(changes).length}项）
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setMode(null)}>
              取消
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
