import Link from "next/link";
import { RoundStateBadge } from "@/app/_review-rounds/round-badge";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listRoundsForChair } from "@/lib/review-rounds/queries";

/** The rounds of the 主任's committee term. A 组长's grant lists none here: panel work is in the expert area. */
export default async function Page() {
  const user = await requireRolePage(["committee_member"]);
  const rows = await listRoundsForChair(await getDb(), user);
  return (
    <Card title="评审会议">
      {rows.length === 0 ? (
        <Notice>当前身份没有可主持的评审会议。评议组组长请在“专家工作台 · 线上评审”中填写评议组意见。</Notice>
      ) : (
        <div className="scroll-shadow-x">
          <table className="min-w-full text-sm" data-testid="chair-rounds">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                <th>会议名称</th>
                <th>评委会</th>
                <th>会议日期</th>
                <th>申报人</th>
                <th>参会委员</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                  <td className="min-w-48">
                    <Link className="text-brand-700 hover:underline" href={`/committee/rounds/${r.id}`}>
                      {r.name}
                    </Link>
                  </td>
                  <td className="min-w-48">{r.committeeName}</td>
                  <td className="whitespace-nowrap">{r.meetingDate}</td>
                  <td>{r.candidates}</td>
                  <td>{r.members}</td>
                  <td className="whitespace-nowrap">
                    <RoundStateBadge state={r.state} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
