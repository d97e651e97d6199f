import { RoundStateBadge } from "@/app/_review-rounds/round-badge";
import { RoundsTable } from "@/app/_review-rounds/rounds-table";
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
        <RoundsTable
          testId="expert-rounds"
          rows={rows}
          href={(id) => `/expert/rounds/${id}`}
          nameHeader="评审会议"
          columns={[
            {
              header: "评议组",
              className: "whitespace-nowrap",
              cell: (r) => (
                <>
                  {r.panelName ?? "—"}
                  {r.isLeader && (
                    <span className="ml-1">
                      <Badge tone="blue">组长</Badge>
                    </span>
                  )}
                </>
              ),
            },
            { header: "承诺书", cell: (r) => (r.pledgeSigned ? <Badge tone="green">已签署</Badge> : <Badge tone="amber">待签署</Badge>) },
            {
              header: "状态",
              className: "whitespace-nowrap",
              cell: (r) => (
                <>
                  <RoundStateBadge state={r.state} />
                  {r.voted && <span className="ml-1 text-xs text-slate-500">已投票</span>}
                </>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
