import { AreaHome } from "@/app/_area/area-home";
import { PersonNotificationsList } from "@/app/_notifications/notifications-list";
import { getDb } from "@/db/client";
import { getPersonProfile } from "@/lib/accounts/queries";
import { requireRolePage } from "@/lib/auth/session";
import type { SearchParams } from "@/lib/http/search-params";
import { personPendingItems } from "@/lib/workspace/pending-items";

export default async function PersonHome({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const user = await requireRolePage(["person"]);
  const db = await getDb();
  const [profile, pending] = await Promise.all([getPersonProfile(db, user.id), personPendingItems(db, user)]);
  return (
    <div className="space-y-6">
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
      <PersonNotificationsList userId={user.id} searchParams={await searchParams} />
    </div>
  );
}
