import type { HolderLookup } from "@/lib/certificates/holder";

const dateTime = new Intl.DateTimeFormat("zh-CN", { timeZone: "Asia/Shanghai", dateStyle: "short", timeStyle: "medium" });

/** 谁查询过我的证书: time and channel only. */
export function LookupList({ lookups, showCertNo }: { lookups: HolderLookup[]; showCertNo: boolean }) {
  if (lookups.length === 0) return <p className="text-sm text-slate-500">暂无查询记录。</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="lookup-list">
      <thead className="border-b border-slate-200 text-slate-500">
        <tr>
          <th className="py-2 pr-4 font-medium">查询时间</th>
          <th className="py-2 pr-4 font-medium">查询方式</th>
          {showCertNo && <th className="py-2 font-medium">证书编号</th>}
        </tr>
      </thead>
      <tbody>
        {lookups.map((l, i) => (
          <tr key={i} className="border-b border-slate-100">
            <td className="py-2 pr-4 tabular-nums">{dateTime.format(l.at)}</td>
            <td className="py-2 pr-4">{l.channel}</td>
            {showCertNo && <td className="py-2 tabular-nums">{l.certNo}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
