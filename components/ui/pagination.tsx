import Link from "next/link";

/** Server-rendered pager that keeps the current query string; `pageParam` names it when a page has two lists. */
export function Pagination({ page, pageSize, total, basePath, params, pageParam = "page", label = "分页" }: {
  page: number;
  pageSize: number;
  total: number;
  basePath: string;
  params: Record<string, string | undefined>;
  pageParam?: string;
  label?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    q.set(pageParam, String(p));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>
        共 {total} 条，第 {Math.min(page, pages)} / {pages} 页
      </span>
      <span className="flex gap-2">
        {page > 1 ? (
          <Link className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50" href={href(page - 1)}>
            上一页
          </Link>
        ) : (
          <span className="rounded border border-slate-200 bg-slate-50 px-3 py-1 text-slate-500">上一页</span>
        )}
        {page < pages ? (
          <Link className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-50" href={href(page + 1)}>
            下一页
          </Link>
        ) : (
          <span className="rounded border border-slate-200 bg-slate-50 px-3 py-1 text-slate-500">下一页</span>
        )}
      </span>
    </nav>
  );
}

export function parsePage(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n > 0 && n < 100000 ? n : 1;
}

/**
 * Pager of a keyset list (lib/keyset.ts): 首页 / 上一页 / 下一页 carry an opaque cursor (`?after=` /
 * `?before=`) instead of a page number, so deep pages stay as fast as the first. `summary` is shown
 * on the left (e.g. "共 N 条" when the list can count cheaply).
 */
export function KeysetPagination({ basePath, params, nextCursor, prevCursor, summary }: {
  basePath: string;
  params: Record<string, string | undefined>;
  nextCursor?: string;
  prevCursor?: string;
  summary?: string;
}) {
  const href = (extra?: Record<string, string>) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    for (const [k, v] of Object.entries(extra ?? {})) q.set(k, v);
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  const link = "rounded border border-slate-300 px-3 py-1 hover:bg-slate-50";
  const off = "rounded border border-slate-200 bg-slate-50 px-3 py-1 text-slate-500";
  return (
    <nav aria-label="分页" className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>{summary}</span>
      <span className="flex gap-2">
        {prevCursor ? (
          <Link className={link} href={href()}>
            首页
          </Link>
        ) : (
          <span className={off}>首页</span>
        )}
        {prevCursor ? (
          <Link className={link} href={href({ before: prevCursor })} rel="prev">
            上一页
          </Link>
        ) : (
          <span className={off}>上一页</span>
        )}
        {nextCursor ? (
          <Link className={link} href={href({ after: nextCursor })} rel="next">
            下一页
          </Link>
        ) : (
          <span className={off}>下一页</span>
        )}
      </span>
    </nav>
  );
}
