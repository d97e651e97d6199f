import Link from "next/link";
import type { ReactNode } from "react";
import type { RoundState } from "@/db/schema/enums";
import type { RoundListRow } from "@/lib/review-rounds/queries";
import { RoundStateBadge } from "./round-badge";

/** What every "my rounds" list shows of a round before its own columns. */
export type RoundListBase = { id: string; name: string; committeeName: string; meetingDate: string; state: RoundState };

export type RoundColumn<R> = { header: string; className?: string; cell: (r: R) => ReactNode };

/** 申报人, 参会委员, 状态: the columns of the organiser's and the 主任's lists. */
export const STAFF_ROUND_COLUMNS: RoundColumn<RoundListRow>[] = [
  { header: "申报人", cell: (r) => r.candidates },
  { header: "参会委员", cell: (r) => r.members },
  { header: "状态", className: "whitespace-nowrap", cell: (r) => <RoundStateBadge state={r.state} /> },
];

/**
 * The rounds lists (the organiser's 线上评审管理, the 主任's 评审会议, the expert's 线上评审): the round's name
 * linking to `href(id)`, its committee and meeting date, then `columns`.
 */
export function RoundsTable<R extends RoundListBase>({
  testId,
  rows,
  href,
  nameHeader = "会议名称",
  columns,
}: {
  testId: string;
  rows: readonly R[];
  href: (id: string) => string;
  nameHeader?: string;
  columns: readonly RoundColumn<R>[];
}) {
  return (
    <div className="scroll-shadow-x">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
            <th>{nameHeader}</th>
            <th>评委会</th>
            <th>会议日期</th>
            {columns.map((c) => (
              <th key={c.header}>{c.header}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
              <td className="min-w-48">
                <Link className="text-brand-700 hover:underline" href={href(r.id)}>
                  {r.name}
                </Link>
              </td>
              <td className="min-w-48">{r.committeeName}</td>
              <td className="whitespace-nowrap">{r.meetingDate}</td>
              {columns.map((c) => (
                <td key={c.header} className={c.className}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
