"use client";

import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { AccountAssurance } from "@/components/account-assurance";
import { Button } from "@/components/ui/button";
import { ConfirmBox } from "@/components/ui/confirm-box";
import { inputClass } from "@/components/ui/field";
import { useRowSelection } from "@/components/use-row-selection";
import type { IdentityAssurance } from "@/db/schema/enums";
import { GENDER_LABELS, TITLE_LEVEL_LABELS, type Gender, type TitleLevel } from "@/lib/roster/constants";
import { includeRecordsAction } from "@/app/_batch-submission/actions";
import { approvePhotosAction, rejectPhotoAction } from "./actions";
import { PrivatePhoto } from "@/components/private-photo";

export type PhotoRow = {
  id: string;
  version: number;
  certNo: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumberMasked: string;
  workUnit: string;
  specialty: string;
  qualificationName: string;
  level: string;
  passDate: string;
  photoId: string | null;
  excludedReason: string | null;
  holderAssurance: IdentityAssurance | null;
  holderRegisteredAt: string | null;
};

/**
 * The review grid: each photo beside the record's key fields; select to approve many, or return one
 * with a reason. An excluded record stays excluded when its photo is approved (docs/domain.md §5): the
 * card shows the exclusion, the confirmation says so and offers to include the record again.
 */
export function PhotoGrid({ committeeId, tab, rows }: { committeeId: string; tab: "pending" | "approved"; rows: PhotoRow[] }) {
  const { outcome, busy, run } = useActionRunner();
  const [confirming, setConfirming] = useState<PhotoRow[] | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const withPhoto = rows.filter((r) => r.photoId);
  const { chosen, selected, toggle, clear: clearSelection, selectAllProps } = useRowSelection(withPhoto);
  const approve = (items: PhotoRow[], includeExcluded = false) =>
    run(
      async () => {
        const approved = await approvePhotosAction({ committeeId, items: items.map((i) => ({ id: i.id, version: i.version, photoId: i.photoId })) });
        const excludedIds = items.filter((i) => i.excludedReason).map((i) => i.id);
        if (!approved.ok || !includeExcluded || excludedIds.length === 0) return approved;
        const included = await includeRecordsAction({ committeeId, recordIds: excludedIds });
        return included.ok ? { ...approved, message: `${approved.message}；${included.message}，将参加下一次提交` } : { ok: false as const, message: `${approved.message}；但取消排除未成功：${included.message}` };
      },
      (r) => {
        if (r.ok) {
          clearSelection();
          setConfirming(null);
        }
      },
    );
  const include = (row: PhotoRow) => run(() => includeRecordsAction({ committeeId, recordIds: [row.id] }));
  const confirmingExcluded = confirming?.filter((c) => c.excludedReason) ?? [];
  const reject = (row: PhotoRow) =>
    run(
      () => rejectPhotoAction({ committeeId, record: { id: row.id, version: row.version }, photoId: row.photoId, reason }),
      (r) => {
        if (r.ok) {
          setRejecting(null);
          setReason("");
        }
      },
    );

  if (rows.length === 0) {
    return (
      <div className="space-y-3">
        <OutcomeNotice outcome={outcome} />
        <p className="rounded-md border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500" data-testid="photo-grid-empty">
          {tab === "pending" ? "没有待审核的照片" : "没有已通过未提交的照片"}
        </p>
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      {tab === "pending" && (
        <div className="flex flex-wrap items-center gap-2">
          <label className="flex items-center gap-1 text-sm">
            <input {...selectAllProps} />
            全选本页
          </label>
          <Button size="sm" disabled={busy || chosen.length === 0} onClick={() => setConfirming(chosen)} data-testid="approve-selected">
            审核通过所选（{chosen.length}）
          </Button>
        </div>
      )}
      {confirming && (
        <ConfirmBox
          question={
            <>
              <p>将审核通过所选的 {confirming.length} 张照片，通过后这些照片将印制在证书上。确认通过？</p>
              {confirmingExcluded.length > 0 && (
                <p className="mt-1 font-medium" data-testid="approve-excluded-warning">
                  {confirmingExcluded.length === 1 ? `${confirmingExcluded[0].name} 的记录` : `其中 ${confirmingExcluded.length} 条记录`}已排除（
                  {[...new Set(confirmingExcluded.map((c) => c.excludedReason))].join("；")}），通过后仍保持排除，不参加一次性提交。如需提交，请选择“通过并取消排除”。
                </p>
              )}
            </>
          }
          confirmLabel={confirmingExcluded.length > 0 ? "通过（仍排除）" : "确认通过"}
          busy={busy}
          onCancel={() => setConfirming(null)}
          onConfirm={() => approve(confirming)}
        >
          {confirmingExcluded.length > 0 && (
            <div className="mt-2">
              <Button size="sm" variant="secondary" disabled={busy} onClick={() => approve(confirming, true)} data-testid="approve-and-include">
                通过并取消排除
              </Button>
            </div>
          )}
        </ConfirmBox>
      )}
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="photo-grid">
        {rows.map((r) => (
          <li key={r.id} className="flex gap-3 rounded-md border border-slate-200 p-3" data-testid={`photo-card-${r.certNo}`}>
            <div className="w-[96px] shrink-0">
              {r.photoId ? (
                <PrivatePhoto photoId={r.photoId} name={r.name} width={96} height={134} className="h-[134px] w-[96px] bg-slate-50" />
              ) : (
                <div className="flex h-[134px] w-[96px] items-center justify-center border border-dashed text-xs text-slate-500">无照片</div>
              )}
            </div>
            <div className="min-w-0 flex-1 text-xs text-slate-700">
              <p className="flex items-center gap-2 text-sm font-medium text-slate-900">
                {tab === "pending" && r.photoId && <input type="checkbox" aria-label={`选择 ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />}
                {r.name}
                <span className="text-xs font-normal text-slate-500">{GENDER_LABELS[r.gender as Gender] ?? r.gender}</span>
              </p>
              <p>出生日期 {r.birthDate}</p>
              <p className="font-mono">{r.idNumberMasked}</p>
              <p className="truncate" title={r.workUnit}>
                {r.workUnit}
              </p>
              <p>
                {r.qualificationName}（{TITLE_LEVEL_LABELS[r.level as TitleLevel]}）· {r.specialty}
              </p>
              <p>评审通过 {r.passDate}</p>
              <p className="font-mono text-slate-500">{r.certNo}</p>
              {r.excludedReason && (
                <p className="mt-1 rounded bg-slate-100 px-1.5 py-0.5 text-slate-700" data-testid={`excluded-${r.certNo}`}>
                  已排除：{r.excludedReason}
                  <span className="block text-slate-500">通过照片后仍不参加提交，除非取消排除。</span>
                </p>
              )}
              <AccountAssurance assurance={r.holderAssurance} registeredAt={r.holderRegisteredAt} />
              {rejecting === r.id ? (
                <div className="mt-2 space-y-1">
                  <label className="block" htmlFor={`reject-${r.id}`}>
                    退回原因（必填）
                  </label>
                  <input id={`reject-${r.id}`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="例如：背景不是白色" />
                  {outcome?.fieldErrors?.reason && <p className="text-red-600">{outcome.fieldErrors.reason}</p>}
                  <div className="flex gap-2">
                    <Button size="sm" variant="danger" disabled={busy} onClick={() => reject(r)}>
                      确认退回
                    </Button>
                    <Button size="sm" variant="secondary" onClick={() => setRejecting(null)}>
                      取消
                    </Button>
                  </div>
                </div>
              ) : (
                r.photoId && (
                  <div className="mt-2 flex gap-2">
                    {tab === "pending" && (
                      <Button size="sm" disabled={busy} onClick={() => (r.excludedReason ? setConfirming([r]) : approve([r]))}>
                        通过
                      </Button>
                    )}
                    <Button size="sm" variant="secondary" disabled={busy} onClick={() => setRejecting(r.id)}>
                      {tab === "pending" ? "退回" : "撤回通过"}
                    </Button>
                    {r.excludedReason && (
                      <Button size="sm" variant="secondary" disabled={busy} onClick={() => include(r)}>
                        取消排除
                      </Button>
                    )}
                  </div>
                )
              )}
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
