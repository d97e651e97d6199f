import { Card } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { listInvitationsForUser } from "@/lib/experts/pool-queries";
import { formatTime } from "@/lib/format";
import { InvitationButtons } from "./invitation-buttons";

/** 专家库邀请 addressed to this account (same ID and name), on the person's and the expert's home. Nothing when none. */
export async function ExpertInvitations({ userId }: { userId: string }) {
  const invitations = await listInvitationsForUser(await getDb(), userId);
  if (invitations.length === 0) return null;
  return (
    <Card title="专家库邀请">
      <ul className="divide-y divide-slate-100 text-sm" data-testid="expert-invitations">
        {invitations.map((i) => (
          <li key={i.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div>
              <p className="font-medium">{i.orgName} 邀请您加入专家库</p>
              <p className="text-slate-500">
                {i.series} · {i.specialty} · {i.title} · 邀请时间 {formatTime(i.invitedAt)}
              </p>
            </div>
            <InvitationButtons memberId={i.id} orgName={i.orgName} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
