import { AreaHome } from "@/app/_area/area-home";
import { MemberTable } from "@/app/_terms/term-page";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { getCommitteeMemberView } from "@/lib/terms/queries";

/** 评委会成员: the committee, term and members of the active grant (docs/domain.md §14). */
export default async function Home() {
  const user = await requireRolePage(["committee_member"]);
  const view = await getCommitteeMemberView(await getDb(), user);
  return (
    <div className="space-y-6">
      <AreaHome user={user} pending={[]} />
      <Card title={view ? `${view.committee.name}（${view.committee.code}）` : "所在评委会"}>
        {!view ? (
          <p className="text-sm text-slate-500">当前身份未绑定评委会。</p>
        ) : (
          <div className="space-y-3 text-sm">
            <p>
              组建单位：{view.committee.formingOrgName} · 本人职务：{view.position ?? "—"}
              {view.term && ` · 本届任期：${view.term.startDate} 至 ${view.term.endDate}`}
            </p>
            <MemberTable members={view.members} />
          </div>
        )}
      </Card>
    </div>
  );
}
