import { Badge } from "@/components/ui/card";
import { BATCH_STATUS_INFO } from "@/lib/batch-submission/constants";
import type { BatchHeader } from "@/lib/confirmation/batch-queries";
import { formatTime } from "@/lib/format";

export function BatchHeaderView({ header }: { header: BatchHeader }) {
  const rows: [string, string][] = [
    ["批次号", header.batchNo],
    ["评委会", `${header.committeeName}（${header.committeeCode}）`],
    ["组建单位", header.formingOrgName],
    ["提交时间", formatTime(header.submittedAt)],
    ["提交人", header.submitterName],
    ["记录数", String(header.recordCount)],
  ];
  if (header.status === "confirmed") {
    rows.push(
      ["确认时间", formatTime(header.confirmedAt)],
      // The 专技处's confirmation number and date; the certificates carry the roster's 批准文号/发证日期.
      ["确认文号", header.approvalNo ?? "—"],
      ["确认日期", header.issueDate ?? "—"],
      ["确认结果", `确认 ${header.confirmedCount} 条，退回 ${header.returnedCount} 条`],
    );
  }
  return (
    <div>
      <Badge tone={BATCH_STATUS_INFO[header.status].tone}>{BATCH_STATUS_INFO[header.status].label}</Badge>
      <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3" data-testid="batch-header">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt className="text-slate-500">{k}</dt>
            <dd className="font-medium">{v}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
