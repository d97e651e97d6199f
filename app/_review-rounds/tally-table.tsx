import { Badge } from "@/components/ui/card";
import { CONFIRMER_KIND_LABELS, REQUIRED_SCRUTINEER_CONFIRMATIONS, REQUIRED_STAFF_CONFIRMATIONS, TALLY_RESULT_LABELS } from "@/lib/review-rounds/constants";
import type { TallyPreview } from "@/lib/review-rounds/tally";

const fmt = (d: Date) => d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });

/** 统票表: per candidate the eligible members present, 同意/不同意/弃权 and the result (integer ⅔ rule). */
export function TallyTable({ tally }: { tally: TallyPreview }) {
  const staff = tally.confirmations.filter((c) => c.kind === "staff" && c.current).length;
  const scrutineers = tally.confirmations.filter((c) => c.kind === "scrutineer" && c.current).length;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        参会委员 {tally.members} 人，出席 {tally.present} 人，提交表决票 {tally.voters} 人。通过须同意票不少于该申报人应参加表决人数的三分之二（弃权及未投票均不计为同意）。
      </p>
      <div className="scroll-shadow-x">
        <table className="min-w-full text-sm" data-testid="tally-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
              <th>序号</th>
              <th>申报人</th>
              <th>回避</th>
              <th>应参加表决</th>
              <th>同意</th>
              <th>不同意</th>
              <th>弃权</th>
              <th>结果</th>
            </tr>
          </thead>
          <tbody>
            {tally.lines.map((l) => (
              <tr key={l.candidateId} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2" data-testid="tally-row">
                <td>{l.position}</td>
                <td className="whitespace-nowrap">{l.personName}</td>
                <td>{l.blocked}</td>
                <td>{l.eligiblePresent}</td>
                <td>{l.yes}</td>
                <td>{l.no}</td>
                <td>{l.abstain}</td>
                <td className="whitespace-nowrap">
                  <Badge tone={TALLY_RESULT_LABELS[l.result].tone}>{TALLY_RESULT_LABELS[l.result].label}</Badge>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="text-sm text-slate-700" data-testid="tally-confirmations">
        <p>
          统票确认：工作人员 {staff} / {REQUIRED_STAFF_CONFIRMATIONS}，监票人 {scrutineers} / {REQUIRED_SCRUTINEER_CONFIRMATIONS}
        </p>
        {tally.confirmations.length > 0 && (
          <ul className="mt-1 list-disc pl-5 text-slate-600">
            {tally.confirmations.map((c) => (
              <li key={c.userId}>
                {CONFIRMER_KIND_LABELS[c.kind]} {c.name}　{fmt(c.confirmedAt)}
                {!c.current && <span className="ml-1 text-amber-700">（确认后结果有变化，需重新确认）</span>}
              </li>
            ))}
          </ul>
        )}
        <p className="mt-1 break-all font-mono text-xs text-slate-500">统票摘要：{tally.digest}</p>
      </div>
    </div>
  );
}
