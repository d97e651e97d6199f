import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { ReceiptBoard } from "@/app/_review-rounds/receipt-board";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { getBallotSheet, getReceiptBoard } from "@/lib/review-rounds/queries";

/** The round's receipt board, my own receipt highlighted. */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const user = await requireRolePage(["expert"]);
  const { roundId } = await params;
  if (!isUuid(roundId)) notFound();
  const db = await getDb();
  const board = await orNotFound(getReceiptBoard(db, user, roundId));
  const mine = await getBallotSheet(db, user, roundId).then((s) => s.receipt, () => null);
  return (
    <div className="space-y-4">
      <p className="text-sm">
        <Link className="text-brand-700 hover:underline" href={`/expert/rounds/${roundId}`}>
          ← 返回评审会议
        </Link>
      </p>
      {mine && (
        <p className="text-sm">
          我的回执码：<strong className="font-mono">{mine}</strong>
        </p>
      )}
      <ReceiptBoard board={board} highlight={mine} />
    </div>
  );
}
