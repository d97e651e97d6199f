"use client";

import Link from "next/link";
import { useState } from "react";
import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/card";
import { inputClass } from "@/components/ui/field";
import { useRowSelection } from "@/components/use-row-selection";
import type { BatchItemResult, BatchStatus } from "@/db/schema/enums";
import { BATCH_ITEM_RESULT_INFO } from "@/lib/batch-submission/constants";
import type { ActionResult } from "@/lib/actions/safe-action";
import { GENDER_LABELS, TITLE_LEVEL_LABELS, type Gender, type TitleLevel } from "@/lib/roster/constants";
import { PrivatePhoto } from "@/components/private-photo";

export type BatchItemRow = {
  id: string;
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
  result: BatchItemResult;
  returnReason: string | null;
  photoId: string | null;
};

/**
 * The 专技处's 拟退回 marking of a waiting batch. app/_confirmation passes its server actions in, so this
 * folder never imports app/_confirmation (its pages reuse these tables: dependencies run one way).
 */
export type ReturnMarking = {
  batchId: string;
  batchVersion: number;
  markReturns: (input: { batchId: string; batchVersion: number; recordIds: string[]; reason: string }) => Promise<ActionResult<unknown>>;
  unmarkReturns: (input: { batchId: string; batchVersion: number; recordIds: string[] }) => Promise<ActionResult<unknown>>;
};

/**
 * The records of a batch with photos, search and result filter. For the 专技处 on a waiting batch, rows
 * can be marked for return (reason required) or unmarked; nothing moves until the batch is confirmed.
 */
export function BatchItemsTable({ rows, batchStatus, path, q, result, byResult, province }: {
  rows: BatchItemRow[];
  batchStatus: BatchStatus;
  path: string;
  q?: string;
  result?: BatchItemResult;
  byResult: Partial<Record<BatchItemResult, number>>;
  province?: ReturnMarking;
}) {
  const { outcome, busy, run } = useActionRunner();
  const [reason, setReason] = useState("");
  const editable = !!province && batchStatus === "submitted";
  const { chosen, selected, toggle, clear: clearSelection, selectAllProps } = useRowSelection(rows);
  const toMark = chosen.filter((r) => r.result === "submitted");
  const toUnmark = chosen.filter((r) => r.result === "returned");
  const label = (r: BatchItemResult) => (batchStatus === "submitted" ? BATCH_ITEM_RESULT_INFO[r].pendingLabel : BATCH_ITEM_RESULT_INFO[r].label);
  const clear = (ok: boolean) => {
    if (ok) {
      clearSelection();
      setReason("");
    }
  };
  const filterHref = (r?: BatchItemResult) => {
    const u = new URLSearchParams();
    if (q) u.set("q", q);
    if (r) u.set("result", r);
    const s = u.toString();
    return s ? `${path}?${s}` : path;
  };
  const results: BatchItemResult[] = batchStatus === "submitted" ? ["submitted", "returned"] : ["confirmed", "returned"];

  return (
    <div className="space-y-3">
      <OutcomeNotice outcome={outcome} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="按结果筛选" className="flex flex-wrap gap-2 text-sm">
          <Link href={filterHref()} className={`rounded px-3 py-1 ${!result ? "bg-brand-600 text-white" : "bg-slate-100"}`}>
            全部
          </Link>
          {results.map((r) => (
            <Link key={r} href={filterHref(r)} className={`rounded px-3 py-1 ${result === r ? "bg-brand-600 text-white" : "bg-slate-100"}`} data-testid={`result-${r}`}>
              {label(r)}（{byResult[r] ?? 0}）
            </Link>
          ))}
        </nav>
        <form action={path} className="flex gap-2" role="search">
          {result && <input type="hidden" name="result" value={result} />}
          <input name="q" defaultValue={q} placeholder="姓名、证件号码或证书编号" className="w-60 rounded-md border border-slate-300 px-3 py-1.5 text-sm" />
          <button className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white">查询</button>
        </form>
      </div>
      {editable && province && (
        <div className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm">
          <label className="min-w-64 flex-1">
            <span className="mb-1 block text-xs text-slate-600">退回原因（必填，组建单位和本人可见）</span>
            <input className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} aria-label="退回原因" placeholder="例如：照片与本人不符" />
          </label>
          <Button
            size="sm"
            variant="danger"
            disabled={busy || toMark.length === 0}
            data-testid="mark-return"
            onClick={() => run(() => province.markReturns({ batchId: province.batchId, batchVersion: province.batchVersion, recordIds: toMark.map((r) => r.id), reason }), (r) => clear(r.ok))}
          >
            标记退回所选（{toMark.length}）
          </Button>
          <Button
            size="sm"
            variant="secondary"
            disabled={busy || toUnmark.length === 0}
            onClick={() => run(() => province.unmarkReturns({ batchId: province.batchId, batchVersion: province.batchVersion, recordIds: toUnmark.map((r) => r.id) }), (r) => clear(r.ok))}
          >
            取消退回标记（{toUnmark.length}）
          </Button>
          {outcome?.fieldErrors?.reason && <p className="w-full text-xs text-red-600">{outcome.fieldErrors.reason}</p>}
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="batch-items">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              {editable && (
                <th className="px-2 py-2">
                  <input
                    {...selectAllProps}
                    aria-label="选择本页全部"
                  />
                </th>
              )}
              <th className="px-2 py-2">照片</th>
              <th className="px-2 py-2">姓名 / 证件号码</th>
              <th className="px-2 py-2">证书编号</th>
              <th className="px-2 py-2">工作单位</th>
              <th className="px-2 py-2">资格名称 / 评审通过</th>
              <th className="px-2 py-2">结果</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={editable ? 7 : 6} className="px-3 py-6 text-center text-slate-500">
                  没有符合条件的记录
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100 align-top" data-testid={`item-${r.certNo}`}>
                {editable && (
                  <td className="px-2 py-2">
                    <input type="checkbox" aria-label={`选择 ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />
                  </td>
                )}
                <td className="min-w-[68px] px-2 py-2">
                  {r.photoId ? (
                    <PrivatePhoto photoId={r.photoId} name={r.name} width={60} height={84} className="h-[84px] w-[60px]" />
                  ) : (
                    <span className="text-xs text-slate-500">无照片</span>
                  )}
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  {r.name}
                  <span className="ml-1 text-xs text-slate-500">
                    {GENDER_LABELS[r.gender as Gender] ?? r.gender} {r.birthDate}
                  </span>
                  <div className="font-mono text-xs text-slate-600">{r.idNumberMasked}</div>
                </td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.certNo}</td>
                <td className="min-w-[8rem] px-2 py-2">{r.workUnit}</td>
                <td className="min-w-[9rem] px-2 py-2">
                  {r.qualificationName}
                  <span className="ml-1 text-xs text-slate-500">
                    {TITLE_LEVEL_LABELS[r.level as TitleLevel]} · {r.specialty}
                  </span>
                  <div className="text-xs text-slate-500">评审通过 {r.passDate}</div>
                </td>
                <td className="min-w-[10rem] px-2 py-2">
                  <Badge tone={BATCH_ITEM_RESULT_INFO[r.result].tone}>{label(r.result)}</Badge>
                  {r.returnReason && <p className="mt-1 text-xs text-red-700">原因：{r.returnReason}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
