"use client";

import { useActionRunner } from "@/components/ui/action-runner";
import { Button } from "@/components/ui/button";
import { markOrgNotificationsReadAction, markPersonNotificationsReadAction } from "./actions";

export function MarkReadButton({ owner }: { owner: "person" | "org" }) {
  const { busy, run, outcome } = useActionRunner();
  return (
    <span className="flex items-center gap-2">
      {outcome && !outcome.ok && <span className="text-xs text-red-600">{outcome.text}</span>}
      <Button size="sm" variant="secondary" disabled={busy} onClick={() => run(() => (owner === "person" ? markPersonNotificationsReadAction({}) : markOrgNotificationsReadAction({})))}>
        全部标为已读
      </Button>
    </span>
  );
}
