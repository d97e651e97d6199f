"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { useRowSelection } from "@/components/use-row-selection";
import { Badge, Notice } from "@/components/ui/card";
import { recordStatusInfo } from "@/lib/roster/photo-rule";
import { ID_TYPE_LABELS, TITLE_LEVEL_LABELS, type IdType, type TitleLevel } from "@/lib/roster/constants";
import type { RosterListRow } from "@/lib/roster/queries";
import { deleteRosterRecordsAction, publishRosterRecordsAction } from "./actions";

type Pending = { kind: "publish-all" } | { kind: "publish-selected" } | { kind: "delete-selected" };

/** The roster list with selection of drafts, bulk publish (all drafts or the selected) and delete, each confirmed. */
export function RosterTable({ committeeId, rows, draftCount, recordBase, emptyText }: {
  committeeId: string;
  rows: RosterListRow[];
  draftCount: number;
  recordBase: string;
  emptyText: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState<Pending | null>(null);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const [busy, startTransition] = useTransition();
  const drafts = rows.filter((r) => r.status === "draft");
  const { chosen, selected, toggle, clear, selectAllProps } = useRowSelection(drafts);

  const run = (p: Pending) =>
    startTransition(async () => {
      const r =
        p.kind === "publish-all"
          ? await publishRosterRecordsAction({ committeeId, expectedCount: draftCount })
          : p.kind === "publish-selected"
            ? await publishRosterRecordsAction({ committeeId, recordIds: chosen.map((c) => c.id), expectedCount: chosen.length })
            : await deleteRosterRecordsAction({ committeeId, records: chosen.map((c) => ({ id: c.id, version: c.version })) });
      setResult({ ok: r.ok, message: r.ok ? (r.message ?? "已完成") : r.message });
      setConfirming(null);
      clear();
      router.refresh();
    });

  const question =
    confirming?.kind === "publish-all"
      ? `将发布全部 ${draftCount} 条草稿。发布后专业技术人员即可查看并上传照片，记录不能再修改或删除。确认发布？`
      : confirming?.kind === "publish-selected"
        ? `将发布所选的 ${chosen.length} 条草稿。发布后记录不能再修改或删除。确认发布？`
        : `将删除所选的 ${chosen.length} 条草稿，删除后不能恢复。确认删除？`;

  return (
    <div className="space-y-3">
      {result && <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice>}
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" disabled={draftCount === 0 || busy} onClick={() => setConfirming({ kind: "publish-all" })}>
          发布全部草稿（{draftCount}条）
        </Button>
        <Button size="sm" variant="secondary" disabled={chosen.length === 0 || busy} onClick={() => setConfirming({ kind: "publish-selected" })}>
          发布所选（{chosen.length}）
        </Button>
        <Button size="sm" variant="secondary" disabled={chosen.length === 0 || busy} onClick={() => setConfirming({ kind: "delete-selected" })}>
          删除所选
        </Button>
      </div>
      {confirming && (
        <div className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="dialog" aria-label="确认操作">
          <p>{question}</p>
          <div className="mt-2 flex gap-2">
            <Button size="sm" variant={confirming.kind === "delete-selected" ? "danger" : "primary"} disabled={busy} onClick={() => run(confirming)}>
              {busy ? "正在处理…" : confirming.kind === "delete-selected" ? "确认删除" : "确认发布"}
            </Button>
            <Button size="sm" variant="secondary" disabled={busy} onClick={() => setConfirming(null)}>
              取消
            </Button>
          </div>
        </div>
      )}
      <div className="overflow-x-auto">
        <table className="min-w-full text-sm [&_th]:whitespace-nowrap" data-testid="roster-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2">
                <input
                  {...selectAllProps}
                  aria-label="选择本页全部草稿"
                />
              </th>
              <th className="px-2 py-2">证书编号</th>
              <th className="px-2 py-2">姓名</th>
              <th className="px-2 py-2">证件号码</th>
              <th className="px-2 py-2">工作单位</th>
              <th className="px-2 py-2">资格名称</th>
              <th className="px-2 py-2">评审通过时间</th>
              <th className="px-2 py-2">状态</th>
              <th className="px-2 py-2">操作</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 && (
              <tr>
                <td colSpan={9} className="px-3 py-6 text-left text-slate-500 sm:text-center">
                  {/* On a phone the table scrolls sideways: keep the message within the visible part. */}
                  <span className="sticky left-3 inline-block max-w-[calc(100vw-6rem)] sm:static sm:max-w-none">{emptyText}</span>
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="px-2 py-2">
                  {r.status === "draft" && <input type="checkbox" aria-label={`选择 ${r.name}`} checked={selected.has(r.id)} onChange={() => toggle(r.id)} />}
                </td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs">{r.certNo}</td>
                <td className="whitespace-nowrap px-2 py-2">{r.name}</td>
                <td className="whitespace-nowrap px-2 py-2 font-mono text-xs" title={ID_TYPE_LABELS[r.idType as IdType]}>
                  {r.idNumberMasked}
                </td>
                <td className="px-2 py-2">{r.workUnit}</td>
                <td className="px-2 py-2">
                  {r.qualificationName}
                  <span className="ml-1 whitespace-nowrap text-xs text-slate-500">{TITLE_LEVEL_LABELS[r.level as TitleLevel]}</span>
                </td>
                <td className="whitespace-nowrap px-2 py-2">{r.passDate}</td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Badge tone={recordStatusInfo(r.status, Number(r.passDate.slice(0, 4))).tone}>{recordStatusInfo(r.status, Number(r.passDate.slice(0, 4))).label}</Badge>
                </td>
                <td className="whitespace-nowrap px-2 py-2">
                  <Link href={`${recordBase}/${r.id}`} className="text-brand-700 hover:underline">
                    {r.status === "draft" ? "编辑" : "查看"}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
