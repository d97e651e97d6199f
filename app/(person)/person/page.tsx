import { AreaHome } from "@/app/_area/area-home";
import { ExpertInvitations } from "@/app/_expert-pool/invitations";
import { PersonNotificationsList } from "@/app/_notifications/notifications-list";
import { getDb } from "@/db/client";
import { getPersonProfile } from "@/lib/accounts/queries";
import { requireRolePage } from "@/lib/auth/session";
import { listFilerDisputes } from "@/lib/disputes/queries";
import type { SearchParams } from "@/lib/http/search-params";
import { personPendingItems } from "@/lib/workspace/pending-items";

export default async function PersonHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const [profile, pending, disputes] = await Promise.all([getPersonProfile(db, user.id), personPendingItems(db, user), listFilerDisputes(db, user.id)]);
  return (
    <div className="space-y-6">
      {/* 证件号码占用申诉 (docs/domain.md §11): the filer's account holds no ID until a dispute is upheld. */}
      {disputes.map((d) => (
        <p key={d.id} data-testid="dispute-banner" className="rounded border border-amber-200 bg-amber-50 p-3 text-sm">
          证件号码占用申诉（{d.idLabel}）：<strong>{d.statusLabel}</strong>
          {d.decisionReason ? `。审核意见：${d.decisionReason}` : ""}
        </p>
      ))}
      <AreaHome
        user={user}
        pending={pending}
        extra={
          profile && (
            <dl className="mt-4 grid gap-3 border-t border-slate-100 pt-4 text-sm sm:grid-cols-3">
              <div>
                <dt className="text-slate-500">证件</dt>
                <dd data-testid="masked-id">
                  {profile.idTypeLabel} {profile.maskedIdNumber}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">出生日期 / 性别</dt>
                <dd>
                  {profile.birthDate ?? "—"} {profile.genderLabel}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">手机号码</dt>
                <dd>{profile.maskedPhone}</dd>
              </div>
            </dl>
          )
        }
      />
      <ExpertInvitations userId={user.id} />
      <PersonNotificationsList userId={user.id} searchParams={await searchParams} />
    </div>
  );
}
