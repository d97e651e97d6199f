"use client";

import { OutcomeNotice, useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { respondInvitationAction } from "./actions";

export function InvitationButtons({ memberId, orgName }: { memberId: string; orgName: string }) {
  const { outcome, busy, run } = useActionRunner();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button size="sm" disabled={busy} onClick={() => run(() => respondInvitationAction({ memberId, accept: true }))}>
        接受
      </Button>
      <Button
        size="sm"
        variant="secondary"
        disabled={busy}
        onClick={() => window.confirm(`确定谢绝${orgName}的专家库邀请？`) && run(() => respondInvitationAction({ memberId, accept: false }))}
      >
        谢绝
      </Button>
      <OutcomeNotice outcome={outcome} />
    </div>
  );
}
