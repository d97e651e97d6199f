import Link from "next/link";
import { notFound } from "next/navigation";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { Card, Notice } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { requireRolePage } from "@/lib/auth/session";
import { isUuid } from "@/lib/roster/access";
import { getBallotSheet } from "@/lib/review-rounds/queries";
import { BallotForm } from "./ballot-form";

/** 表决票 (无记名): one sheet for all my candidates; afterwards only my receipt, never my choices. */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const user = await requireRolePage(["expert"]);
  const { roundId } = await params;
  if (!isUuid(roundId)) notFound();
  const sheet = await orNotFound(getBallotSheet(await getDb(), user, roundId));
  const back = `/expert/rounds/${roundId}`;
  return (
    <Card title="表决票（无记名投票）">
      <p className="mb-3 text-sm">
        <Link className="text-brand-700 hover:underline" href={back}>
          ← 返回评审会议
        </Link>
      </p>
      {sheet.voted ? (
        <div className="space-y-3">
          <Notice tone="success">
            您的表决票已提交。回执码：<strong className="font-mono text-base" data-testid="receipt">{sheet.receipt}</strong>
          </Notice>
          <p className="text-sm text-slate-600">
            回执码不含表决内容，可在
            <Link className="text-brand-700 hover:underline" href={`${back}/board`}>
              投票回执公示
            </Link>
            中核对。
          </p>
        </div>
      ) : !sheet.mayVote ? (
        <Notice tone="warning">{sheet.reason ?? "当前不能投票"}</Notice>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">
            请对下列全部申报人逐一表决（同意、不同意或弃权），一次提交。通过须同意票不少于应参加表决人数的三分之二，弃权和未投票均不计为同意。表决票不记录投票人。
          </p>
          <BallotForm roundId={roundId} rows={sheet.candidates} />
        </>
      )}
    </Card>
  );
}
