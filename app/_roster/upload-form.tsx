"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";

const MAX_BYTES = 10 * 1024 * 1024;

/**
 * Uploads the workbook to the route handler with XMLHttpRequest (fetch reports no upload progress),
 * then opens the preview page, which follows the server-side parse.
 */
export function RosterUploadForm({ committeeId, previewBase }: { committeeId: string; previewBase: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);

  const upload = () => {
    setError(null);
    const file = input.current?.files?.[0];
    if (!file) return setError("请选择要导入的 .xlsx 文件");
    if (!/\.xlsx$/i.test(file.name)) return setError("只支持 .xlsx 格式的工作簿；旧版 .xls 请先在 Excel / WPS 中另存为 .xlsx");
    if (file.size > MAX_BYTES) return setError("文件超过10 MB，请拆分后分批导入");

    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/roster/imports?committeeId=${encodeURIComponent(committeeId)}`);
    xhr.setRequestHeader("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setPercent(Math.round((e.loaded / e.total) * 100));
    };
    xhr.onload = () => {
      const body = xhr.response as { ok?: boolean; importId?: string; message?: string } | null;
      if (xhr.status === 202 && body?.importId) {
        router.push(`${previewBase}/${body.importId}`);
        return;
      }
      setPercent(null);
      setError(body?.message ?? `上传失败（${xhr.status}），请稍后重试`);
    };
    xhr.onerror = () => {
      setPercent(null);
      setError("网络连接中断，上传失败，请重试");
    };
    setPercent(0);
    xhr.send(file);
  };

  return (
    <div className="space-y-3">
      {error && <Notice tone="error">{error}</Notice>}
      <div className="flex flex-wrap items-center gap-3">
        <label htmlFor="roster-file" className="text-sm font-medium text-slate-700">
          选择文件
        </label>
        <input
          ref={input}
          id="roster-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="text-sm"
          disabled={percent !== null}
        />
        <Button type="button" onClick={upload} disabled={percent !== null}>
          {percent === null ? "上传并预览" : "正在上传…"}
        </Button>
      </div>
      {percent !== null && (
        <div aria-live="polite">
          <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-100" role="progressbar" aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-label="上传进度">
            <div className="h-2 bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-500">{percent < 100 ? `正在上传 ${percent}%` : "上传完成，正在检查文件…"}</p>
        </div>
      )}
    </div>
  );
}
