"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";

/** Follows the server-side parse of a large workbook (rows read so far), then shows the preview. */
export function ImportProgress({ importId, initialRows }: { importId: string; initialRows: number }) {
  const router = useRouter();
  const [rows, setRows] = useState(initialRows);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const res = await fetch(`/api/roster/imports/${importId}`, { cache: "no-store" });
        const body = (await res.json()) as { ok: boolean; status?: string; rowsRead?: number; message?: string };
        if (stopped) return;
        if (!body.ok) return setError(body.message ?? "无法获取读取进度");
        setRows(body.rowsRead ?? 0);
        if (body.status !== "parsing") return router.refresh();
      } catch {
        if (stopped) return;
      }
      timer = setTimeout(() => void poll(), 700);
    };
    timer = setTimeout(() => void poll(), 300);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [importId, router]);

  if (error) return <p className="text-sm text-red-700">{error}</p>;
  return (
    <div aria-live="polite" className="space-y-2" data-testid="import-progress">
      <div className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-100">
        <div className="h-2 w-1/3 animate-pulse rounded bg-brand-600" />
      </div>
      <p className="text-sm text-slate-700">正在读取并校验文件，已读取 {rows.toLocaleString("zh-CN")} 行…</p>
      <p className="text-xs text-slate-500">大文件需要十几秒，请勿关闭页面。此时名册尚未发生任何变化。</p>
    </div>
  );
}
