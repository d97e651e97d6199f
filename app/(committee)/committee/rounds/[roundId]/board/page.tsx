import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { ReceiptBoard } from "@/app/_review-rounds/receipt-board";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { getReceiptBoard } from "@/lib/review-rounds/queries";
import { ConsoleTabs } from "../../console-tabs";

export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const user = await requireRolePage(["committee_member"]);
  const { roundId } = await params;
  if (!isUuid(roundId)) notFound();
  const board = await orNotFound(getReceiptBoard(await getDb(), user, roundId));
  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={roundId} current="tally" />
      <ReceiptBoard board={board} />
    </div>
  );
}
