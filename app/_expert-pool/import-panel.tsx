"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import type { PoolImportIssue } from "@/lib/experts/pool-import";

type Result = { ok: true; message: string } | { ok: false; message: string; issues?: PoolImportIssue[] };

/** 批量导入: posts the workbook to /api/expert-pool/import and shows the row/column/reason report of a refused file. */
export function PoolImportPanel() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      const res = await fetch("/api/expert-pool/import", { method: "POST", body: file, headers: { "Content-Type": "application/octet-stream" } });
      const body = (await res.json()) as { ok: boolean; message?: string; invited?: number; issues?: PoolImportIssue[] };
      setResult(body.ok ? { ok: true, message: `已导入${body.invited}条专家库邀请` } : { ok: false, message: body.message ?? "导入失败", issues: body.issues });
      if (body.ok) router.refresh();
    } catch {
      setResult({ ok: false, message: "上传失败，请检查网络后重试" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="space-y-3 text-sm">
      <p>
        <a className="text-brand-700 underline" href="/api/expert-pool/template">
          下载专家库导入模板
        </a>
        （姓名、证件类型、证件号码、手机号码、系列、专业、资格名称、级别、工作单位；有一行出错则整个文件不导入）
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor="pool-file" className="sr-only">
          选择文件
        </label>
        <input id="pool-file" type="file" accept=".xlsx" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        <Button size="sm" disabled={!file || busy} onClick={upload}>
          {busy ? "导入中…" : "上传并导入"}
        </Button>
      </div>
      {result && <Notice tone={result.ok ? "success" : "error"}>{result.message}</Notice>}
      {result && !result.ok && result.issues && result.issues.length > 0 && (
        <table className="min-w-full text-sm" data-testid="import-issues">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">行</th>
              <th className="px-3 py-2">列</th>
              <th className="px-3 py-2">原因</th>
            </tr>
          </thead>
          <tbody>
            {result.issues.map((i, n) => (
              <tr key={n} className="border-t border-slate-100">
                <td className="px-3 py-2">第{i.row}行</td>
                <td className="px-3 py-2">{i.column}</td>
                <td className="px-3 py-2">{i.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
