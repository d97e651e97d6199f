import { Card, Notice } from "@/components/ui/card";
import { quorumNeeded } from "@/lib/review-rounds/arithmetic";
import { MIN_REVIEWERS } from "@/lib/review-rounds/constants";
import { closeBallotAction, openBallotAction } from "../../actions";
import { ConsoleTabs } from "../../console-tabs";
import { loadChairConsole } from "../../console-page";
import { StepButton } from "../../step-button";
import { AttendanceForm } from "./attendance-form";

/**
 * The 主任's console, step 4: attendance, then the ballot. The ballot opens only with the quorum
 * (3 × 出席 ≥ 2 × 参会委员) and every candidate's opinions and 组长 summary; "present" is frozen then.
 */
export default async function Page({ params }: { params: Promise<{ roundId: string }> }) {
  const { data } = await loadChairConsole((await params).roundId);
  const { detail, members, candidates } = data;
  const r = detail.round;
  const seated = members.filter((m) => m.seated);
  const memberCount = r.memberCount ?? seated.length;
  const needed = detail.quorumNeeded ?? quorumNeeded(memberCount);
  const present = seated.filter((m) => m.present).length;
  const short = present < needed;
  const lacking = candidates.filter((c) => c.opinions < MIN_REVIEWERS || !c.hasSummary);
  const attendanceOpen = r.state === "distributed" || r.state === "panel_review";
  return (
    <div className="space-y-6">
      <ConsoleTabs roundId={r.id} current="meeting" />
      <Card title="出席情况">
        <AttendanceForm
          roundId={r.id}
          quorumNeeded={needed}
          editable={attendanceOpen}
          members={seated.map((m) => ({ userId: m.userId, name: m.name, present: m.present }))}
        />
        {!attendanceOpen && r.state !== "draft" && <p className="mt-2 text-xs text-slate-500">投票开启后出席情况已确定，不能修改。</p>}
      </Card>
      <Card title="表决（无记名投票）">
        {r.state === "panel_review" && (
          <div className="space-y-3">
            {short && (
              <Notice tone="error">
                出席委员{present}人，不足法定人数{needed}人（参会委员{memberCount}人的三分之二），不能开启投票。
              </Notice>
            )}
            {lacking.length > 0 && (
              <Notice tone="warning">
                尚有{lacking.length}名申报人的评议意见不足{MIN_REVIEWERS}份或组长尚未填写评议组意见：{lacking.slice(0, 10).map((c) => c.personName).join("、")}
                {lacking.length > 10 ? " 等" : ""}。
              </Notice>
            )}
            <StepButton
              roundId={r.id}
              version={r.version}
              label="开启投票"
              action={openBallotAction}
              disabled={short}
              question={`出席委员${present}人（法定人数${needed}人）。开启投票后出席情况确定，出席且无需回避的委员在专家工作台对全部申报人一次性提交表决票。`}
            />
          </div>
        )}
        {r.state === "ballot_open" && (
          <div className="space-y-3">
            <p className="text-sm" data-testid="ballot-status">
              投票进行中：已提交表决票 {detail.ballot?.participation ?? 0} / {detail.ballot?.eligibleVoters ?? present} 人。票数在投票结束后统计。
            </p>
            <StepButton
              roundId={r.id}
              version={r.version}
              label="结束投票"
              danger
              action={closeBallotAction}
              question="结束投票后不再接受任何表决票（不得补投、不得代投），随后进行统票。"
            />
          </div>
        )}
        {(r.state === "draft" || r.state === "distributed") && <p className="text-sm text-slate-500">评议开始后方可开启投票。</p>}
        {["closed", "signed", "publicity", "confirmed"].includes(r.state) && <p className="text-sm text-slate-600">投票已结束，请在“统票与签署”中查看结果。</p>}
      </Card>
    </div>
  );
}
