import { AreaHome } from "@/app/_area/area-home";
import { ExpertInvitations } from "@/app/_expert-pool/invitations";
import { Badge, Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listPoolsOfExpert } from "@/lib/experts/pool-queries";

export default async function Home() {
  const user = await requireRolePage(["expert"]);
  const pools = await listPoolsOfExpert(await getDb(), user.id);
  return (
    <div className="space-y-6">
      <AreaHome user={user} pending={[]} />
      <ExpertInvitations userId={user.id} />
      <Card title="我所在的专家库">
        {pools.length === 0 ? (
          <p className="text-sm text-slate-500">暂未加入任何专家库</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm" data-testid="my-pools">
            {pools.map((p) => (
              <li key={p.id} className="flex items-center justify-between py-2">
                <span>{p.orgName}</span>
                <Badge tone={p.statusInfo.tone}>{p.statusInfo.label}</Badge>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
