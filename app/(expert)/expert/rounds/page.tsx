import Link from "next/link";
import { RoundStateBadge } from "@/app/_review-rounds/round-badge";
import { Badge, Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listRoundsForExpert } from "@/lib/review-rounds/queries";

/** 线上评审: the rounds I sit in under the active expert grant (one grant per pool: 切换身份 for another). */
export default async function Page() {
  const user = await requireRolePage(["expert"]);
  const rows = await listRoundsForExpert(await getDb(), user);
  const expertGrants = user.grants.filter((g) => g.role === "expert").length;
  return (
    <Card title="线上评审">
      {expertGrants > 1 && (
        <p className="mb-3 text-sm text-slate-600">
          当前身份：评审专家 · {user.orgName}。参加其他单位组织的评审，请通过页头“切换身份”选择对应专家库的身份。
        </p>
      )}
      {rows.length === 0 ? (
        <Notice>暂无需要参加的评审会议。</Notice>
      ) : (
        <div className="scroll-shadow-x">
          <table className="min-w-full text-sm" data-testid="expert-rounds">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                <th>评审会议</th>
                <th>评委会</th>
                <th>会议日期</th>
                <th>评议组</th>
                <th>承诺书</th>
                <th>状态</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                  <td className="min-w-48">
                    <Link className="text-brand-700 hover:underline" href={`/expert/rounds/${r.id}`}>
                      {r.name}
                    </Link>
                  </td>
                  <td className="min-w-48">{r.committeeName}</td>
                  <td className="whitespace-nowrap">{r.meetingDate}</td>
                  <td className="whitespace-nowrap">
                    {r.panelName ?? "—"}
                    {r.isLeader && (
                      <span className="ml-1">
                        <Badge tone="blue">组长</Badge>
                      </span>
                    )}
                  </td>
                  <td>{r.pledgeSigned ? <Badge tone="green">已签署</Badge> : <Badge tone="amber">待签署</Badge>}</td>
                  <td className="whitespace-nowrap">
                    <RoundStateBadge state={r.state} />
                    {r.voted && <span className="ml-1 text-xs text-slate-500">已投票</span>}
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
