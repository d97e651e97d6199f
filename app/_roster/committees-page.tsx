import Link from "next/link";
import { COMMITTEE_AREAS, type CommitteeArea } from "@/app/_area/committee-page";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { listOwnedCommittees } from "@/lib/roster/access";
import { ROSTER_STATUS_INFO, TITLE_LEVEL_LABELS } from "@/lib/roster/constants";
import { countRosterByCommittee } from "@/lib/roster/queries";

/** 证书补录（评委会）: the committees the user's organisation formed, with their roster counts. */
export async function RosterCommitteesPage({ area }: { area: CommitteeArea }) {
  const { role, rosterBase: base } = COMMITTEE_AREAS[area];
  const user = await requireRolePage([role]);
  const db = await getDb();
  const committees = await listOwnedCommittees(db, user);
  const counts = await countRosterByCommittee(db, committees.map((c) => c.id));
  return (
    <Card title="证书补录（评委会）">
      <p className="mb-4 text-sm text-slate-600">
        作为评委会组建单位，您可以为本单位组建的评委会录入或导入评审通过人员名册，发布后专业技术人员即可查看并上传照片。
      </p>
      {committees.length === 0 ? (
        <Notice tone="info">贵单位尚未组建评委会，没有需要补录的名册。</Notice>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {committees.map((c) => {
            const n = counts.get(c.id) ?? {};
            const total = Object.values(n).reduce((a, b) => a + (b ?? 0), 0);
            return (
              <li key={c.id} className="rounded-md border border-slate-200 p-4">
                <Link href={`${base}/${c.id}`} className="font-medium text-brand-700 hover:underline" data-testid={`committee-${c.code}`}>
                  {c.name}
                </Link>
                <p className="mt-1 text-xs text-slate-500">
                  代码 {c.code} · {c.series}系列 · {TITLE_LEVEL_LABELS[c.levelFrom]}
                  {c.levelFrom !== c.levelTo && `至${TITLE_LEVEL_LABELS[c.levelTo]}`}
                </p>
                <p className="mt-2 text-sm text-slate-700">
                  名册共 {total} 条
                  {total > 0 &&
                    `（${Object.entries(n)
                      .map(([s, k]) => `${ROSTER_STATUS_INFO[s as keyof typeof ROSTER_STATUS_INFO].label} ${k}`)
                      .join("，")}）`}
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
