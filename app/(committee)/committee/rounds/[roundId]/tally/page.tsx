import Link from "next/link";
import { orNotFound } from "@/app/_review-rounds/page-guard";
import { TallyTable } from "@/app/_review-rounds/tally-table";
import { buttonClass } from "@/components/ui/button";
import { Card, Notice } from "@/components/ui/card";
import { REQUIRED_SCRUTINEER_CONFIRMATIONS, REQUIRED_STAFF_CONFIRMATIONS } from "@/lib/review-rounds/constants";
import { computeTally } from "@/lib/review-rounds/tally";
import { ConsoleTabs } from "../../console-tabs";
import { loadChairConsole } from "../../console-page";
import { SignForm } from "./sign-form";

const SIGNED = ["signed", "publicity", "confirmed"];

/**
 * The 主任's console, step 5: 统票 (counts appear only once the ballot is closed), the confirmations of two
 * staff members and one 监票人, the signature with the password, and the minutes.
 */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const { user, db, data } = await loadChairConsole((await params).roundId);
  const r = data.detail.round;
  const signed = SIGNED.includes(r.state);
  const tally = r.state === "closed" || signed ? await orNotFound(computeTally(db, user, r.id)) : null;
  const staff = tally?.confirmations.filter((c) => c.kind === "staff" && c.current).length ?? 0;
  const scrutineers = tally?.confirmations.filter((c) => c.kind === "scrutineer" && c.current).length ?? 0;
  const ready = staff >= REQUIRED_STAFF_CONFIRMATIONS && scrutineers >= REQUIRED_SCRUTINEER_CONFIRMATIONS;
  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={r.id} current="tally" />
      {!tally ? (
        <Card title="统票">
          <p className="text-sm text-slate-500">投票结束后方可统票；投票结束前不显示任何票数。</p>
        </Card>
      ) : (
        <Card
          title={signed ? "统票结果（已签署）" : "统票结果"}
          actions={
            <div className="flex flex-wrap gap-2">
              <Link className={buttonClass("secondary", "sm")} href={`/committee/rounds/${r.id}/board`}>
                投票回执公示
              </Link>
              {signed && (
                <a className={buttonClass("primary", "sm")} href={`/api/review-rounds/${r.id}/minutes`} data-testid="download-minutes">
                  下载会议纪要（PDF）
                </a>
              )}
            </div>
          }
        >
          <TallyTable tally={tally} />
          {r.state === "closed" && (
            <div className="mt-4 space-y-3 border-t border-slate-100 pt-4">
              {!ready && (
                <Notice tone="warning">
                  签署前须由组建单位{REQUIRED_STAFF_CONFIRMATIONS}名工作人员和{REQUIRED_SCRUTINEER_CONFIRMATIONS}名监票人（出席的委员）确认统票结果。
                </Notice>
              )}
              <SignForm roundId={r.id} version={r.version} ready={ready} />
            </div>
          )}
          {signed && r.closingHash && (
            <p className="mt-4 break-all text-sm text-slate-700">
              结束哈希：<span className="font-mono text-xs" data-testid="closing-hash">{r.closingHash}</span>
            </p>
          )}
        </Card>
      )}
    </div>
  );
}
