"use client";

import { useSyncExternalStore } from "react";
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

/** One bar group: its label and one value per series (keys of `series`). */
export type ChartDatum = { label: string } & Record<string, number | string>;
export type ChartSeries = { key: string; name: string; color: string };

const AXIS = { fontSize: 12, fill: "#475569" };
/** Narrower than Tailwind's `sm` (a phone): the categories of an upright chart are slanted to stay apart. */
const NARROW = "(max-width: 639px)";
const subscribeNarrow = (onChange: () => void) => {
  const q = window.matchMedia(NARROW);
  q.addEventListener("change", onChange);
  return () => q.removeEventListener("change", onChange);
};
function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches, () => false);
}

const number = (v: unknown) => (typeof v === "number" ? v.toLocaleString("zh-CN") : typeof v === "string" ? v : "");

/**
 * A bar chart of figures the page also lists in a table beside it (the table is the accessible form:
 * the chart is hidden from assistive technology and takes no focus). `horizontal`: categories down the side, for long labels.
 */
export function BarFigure({ data, series, horizontal = false, height, labels = false }: { data: ChartDatum[]; series: ChartSeries[]; horizontal?: boolean; height: number; labels?: boolean }) {
  const narrow = useNarrow();
  const category = horizontal ? (
    <YAxis type="category" dataKey="label" width={104} tick={AXIS} tickLine={false} axisLine={false} interval={0} />
  ) : (
    // On a phone twelve months or ten 市州 side by side overlap: slant them (the table beside lists them too).
    <XAxis type="category" dataKey="label" tick={AXIS} tickLine={false} interval={0} {...(narrow ? { angle: -45, textAnchor: "end", height: 56 } : {})} />
  );
  const value = horizontal ? (
    <XAxis type="number" tick={AXIS} tickFormatter={number} allowDecimals={false} />
  ) : (
    <YAxis type="number" tick={AXIS} tickFormatter={number} allowDecimals={false} width={narrow ? 40 : 64} />
  );
  return (
    <div aria-hidden="true" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart accessibilityLayer={false} data={data} layout={horizontal ? "vertical" : "horizontal"} margin={{ top: 16, right: horizontal ? 56 : 8, bottom: 0, left: 0 }} barCategoryGap="22%">
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" horizontal={!horizontal} vertical={horizontal} />
          {category}
          {value}
          <Tooltip formatter={number} cursor={{ fill: "#f1f5f9" }} />
          {series.length > 1 && <Legend itemSorter={null} wrapperStyle={{ fontSize: 12 }} />}
          {series.map((s) => (
            <Bar key={s.key} dataKey={s.key} name={s.name} fill={s.color} maxBarSize={56} radius={horizontal ? [0, 3, 3, 0] : [3, 3, 0, 0]} isAnimationActive={false}>
              {labels && <LabelList dataKey={s.key} position={horizontal ? "right" : "top"} formatter={number} style={{ fontSize: 11, fill: "#334155" }} />}
            </Bar>
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
