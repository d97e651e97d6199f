import Link from "next/link";
import { COMMITTEE_AREAS, type CommitteeArea } from "@/app/_area/committee-page";
import { OrgNotificationsList } from "@/app/_notifications/notifications-list";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import type { RosterStatus } from "@/db/schema/enums";
import { requireRolePage } from "@/lib/auth/session";
import { countCommitteeWork } from "@/lib/batch-submission/queries";
import type { SearchParams } from "@/lib/http/search-params";
import { ROSTER_STATUS_INFO, TITLE_LEVEL_LABELS } from "@/lib/roster/constants";

const SHOWN = ["awaiting_photo", "photo_submitted", "photo_approved", "returned", "submitted", "confirmed"] as const satisfies readonly RosterStatus[];

/** 照片审核与提交: the committees the user's organisation formed, with the work waiting in each, and its messages. */
export async function ReviewIndexPage({ area, searchParams }: { area: CommitteeArea; searchParams: SearchParams }) {
  const { role, reviewBase: base } = COMMITTEE_AREAS[area];
  const user = await requireRolePage([role]);
  const work = await countCommitteeWork(await getDb(), user);
  return (
    <div className="space-y-6">
      <Card title="照片审核与提交">
        <p className="mb-4 text-sm text-slate-600">
          审核专业技术人员上传的照片，跟踪未上传照片的人员，并将照片审核通过的记录一次性提交省人社厅专技处确认。
        </p>
        {work.committees.length === 0 ? (
          <Notice tone="info">贵单位尚未组建评委会，没有需要审核的照片。</Notice>
        ) : (
          <ul className="grid gap-4 sm:grid-cols-2">
            {work.committees.map((c) => {
              const n = work.perCommittee.get(c.id) ?? {};
              return (
                <li key={c.id} className="rounded-md border border-slate-200 p-4">
                  <Link href={`${base}/${c.id}`} className="font-medium text-brand-700 hover:underline" data-testid={`review-committee-${c.code}`}>
                    {c.name}
                  </Link>
                  <p className="mt-1 text-xs text-slate-500">
                    代码 {c.code} · {c.series}系列 · {TITLE_LEVEL_LABELS[c.levelFrom]}
                    {c.levelFrom !== c.levelTo && `至${TITLE_LEVEL_LABELS[c.levelTo]}`}
                  </p>
                  <dl className="mt-3 grid grid-cols-3 gap-2 text-center text-xs">
                    {SHOWN.map((s) => (
                      <div key={s} className="rounded bg-slate-50 p-2">
                        <dt className="text-slate-500">{ROSTER_STATUS_INFO[s].label}</dt>
                        <dd className="text-lg font-semibold text-slate-800">{n[s] ?? 0}</dd>
                      </div>
                    ))}
                  </dl>
                  <div className="mt-3 flex gap-3 text-sm">
                    <Link href={`${base}/${c.id}/photos`} className="text-brand-700 hover:underline">
                      审核照片{n.photo_submitted ? `（${n.photo_submitted}）` : ""}
                    </Link>
                    <Link href={`${base}/${c.id}/returned`} className="text-brand-700 hover:underline">
                      退回处理{n.returned ? `（${n.returned}）` : ""}
                    </Link>
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </Card>
      {user.orgId && <OrgNotificationsList orgId={user.orgId} searchParams={searchParams} basePath={base} />}
    </div>
  );
}
