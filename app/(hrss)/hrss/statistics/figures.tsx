import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";

export const fmt = (n: number) => n.toLocaleString("zh-CN");

/**
 * A chart and the table of the same figures, under one heading (the figure's caption): side by side, or
 * `stacked` (the chart above a full-width table) when the table has many columns.
 */
export function Figure({ id, title, note, chart, stacked = false, children }: { id: string; title: string; note?: ReactNode; chart?: ReactNode; stacked?: boolean; children: ReactNode }) {
  const grid = chart && !stacked;
  return (
    <Card title={<span id={`${id}-title`}>{title}</span>}>
      <figure aria-labelledby={`${id}-title`} className={grid ? "grid items-start gap-6 lg:grid-cols-5" : "space-y-5"} data-testid={`figure-${id}`}>
        {chart && <div className={grid ? "min-w-0 lg:col-span-3" : "min-w-0"}>{chart}</div>}
        <div className={grid ? "min-w-0 lg:col-span-2" : "min-w-0"}>{children}</div>
        {note && <figcaption className="text-xs text-slate-500 lg:col-span-5">{note}</figcaption>}
      </figure>
    </Card>
  );
}

export type Column = { header: string; numeric?: boolean };

/** A compact figure table; the last row may be a total (`total`), printed bold. */
export function FigureTable({ caption, columns, rows, total, testId }: { caption: string; columns: Column[]; rows: ReactNode[][]; total?: ReactNode[]; testId: string }) {
  const cell = (c: Column, extra = "") => `whitespace-nowrap px-3 py-1 ${c.numeric ? "text-right tabular-nums" : "text-left"} ${extra}`;
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table className="min-w-full text-sm" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="bg-slate-50 text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" className={cell(c, "font-medium")}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i} className="border-t border-slate-100">
              {r.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className={cell(columns[j], "font-normal")}>
                    {v}
                  </th>
                ) : (
                  <td key={j} className={cell(columns[j])}>
                    {v}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {total && (
          <tfoot className="border-t border-slate-300 bg-slate-50 font-medium">
            <tr>
              {total.map((v, j) =>
                j === 0 ? (
                  <th key={j} scope="row" className={cell(columns[j])}>
                    {v}
                  </th>
                ) : (
                  <td key={j} className={cell(columns[j])}>
                    {v}
                  </td>
                ),
              )}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

/** A headline figure. */
export function Kpi({ label, value, hint, testId }: { label: string; value: ReactNode; hint?: ReactNode; testId: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-5 py-4 shadow-sm">
      <div className="text-sm text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-brand-700" data-testid={testId}>
        {value}
      </div>
      {hint && <div className="mt-1 text-xs text-slate-500">{hint}</div>}
    </div>
  );
}
