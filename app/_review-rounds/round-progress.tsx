import { Card } from "@/components/ui/card";
import type { RoundDetail } from "@/lib/review-rounds/queries";
import { RoundStateBadge } from "./round-badge";

const fmt = (d: Date | null) => (d ? d.toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }) : "—");

function Stat({ label, value, testId }: { label: string; value: React.ReactNode; testId?: string }) {
  return (
    <div className="rounded-md border border-slate-200 px-3 py-2">
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-base font-semibold text-slate-800" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}

/** The round's header: committee, term, date, state, and the hashes once signed. */
export function RoundHeader({ detail, actions }: { detail: RoundDetail; actions?: React.ReactNode }) {
  const r = detail.round;
  return (
    <Card
      title={
        <span className="flex flex-wrap items-center gap-2">
          {r.name} <RoundStateBadge state={r.state} />
        </span>
      }
      actions={actions}
    >
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
        {(
          [
            ["评委会", r.committeeName],
            ["本届任期", `${r.termStart} 至 ${r.termEnd}`],
            ["会议日期", r.meetingDate],
            ["参会委员", r.memberCount === null ? `${detail.members.seated}人（分发材料时确定）` : `${r.memberCount}人`],
            ...(r.signedAt ? [["签署时间", fmt(r.signedAt)] as [string, string]] : []),
            ...(r.cancelReason ? [["取消原因", r.cancelReason] as [string, string]] : []),
          ] as [string, string][]
        ).map(([k, v]) => (
          <div key={k} className="flex gap-2">
            <dt className="w-20 shrink-0 text-slate-500">{k}</dt>
            <dd className="min-w-0 break-words text-slate-800">{v}</dd>
          </div>
        ))}
        {r.closingHash && (
          <div className="flex gap-2 sm:col-span-2">
            <dt className="w-20 shrink-0 text-slate-500">结束哈希</dt>
            <dd className="min-w-0 break-all font-mono text-xs text-slate-700" data-testid="closing-hash">
              {r.closingHash}
            </dd>
          </div>
        )}
      </dl>
    </Card>
  );
}

/**
 * Progress without counts (counts are the 统票's, after the close): opinions per panel, attendance against the
 * quorum, pledges, and during the ballot only how many sheets are in.
 */
export function RoundProgress({ detail }: { detail: RoundDetail }) {
  const m = detail.members;
  return (
    <Card title="评审进度">
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        <Stat label="申报人" value={`${detail.candidates}人`} />
        <Stat label="未分组申报人" value={`${detail.unassigned}人`} />
        <Stat label="已签署承诺书" value={`${m.pledged} / ${m.seated}`} />
        <Stat
          label="出席委员"
          testId="attendance"
          value={
            <>
              {m.present} / {m.seated}
              {detail.quorumNeeded !== null && <span className="ml-1 text-xs font-normal text-slate-500">（法定人数 {detail.quorumNeeded}）</span>}
            </>
          }
        />
      </div>
      {m.notSeated > 0 && <p className="mt-2 text-xs text-slate-500">另有{m.notSeated}名委员因本人有在途申报，不参加本次评审。</p>}
      {detail.ballot && (
        <p className="mt-3 text-sm" data-testid="ballot-participation">
          {detail.round.state === "ballot_open" ? "投票进行中：" : "投票情况："}已提交表决票 {detail.ballot.participation} / {detail.ballot.eligibleVoters} 人
          {detail.round.state === "ballot_open" && <span className="ml-1 text-slate-500">（投票结束前不显示票数）</span>}
        </p>
      )}
      <h3 className="mb-2 mt-5 text-sm font-semibold text-slate-700">评议组</h3>
      {detail.panels.length === 0 ? (
        <p className="text-sm text-slate-500">尚未组建评议组。</p>
      ) : (
        <div className="scroll-shadow-x">
          <table className="min-w-full text-sm" data-testid="panel-progress">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr className="[&_th]:whitespace-nowrap [&_th]:px-2 [&_th]:py-2">
                <th>评议组</th>
                <th>组长</th>
                <th>成员</th>
                <th>申报人</th>
                <th>评议意见</th>
                <th>组长意见</th>
              </tr>
            </thead>
            <tbody>
              {detail.panels.map((p) => (
                <tr key={p.panelId} className="border-t border-slate-100 [&_td]:px-2 [&_td]:py-2">
                  <td className="whitespace-nowrap">{p.name}</td>
                  <td className="whitespace-nowrap">{p.leaderName ?? "—"}</td>
                  <td>{p.members}人</td>
                  <td>{p.candidates}人</td>
                  <td className="whitespace-nowrap">
                    {p.opinionsWritten} / {p.opinionsExpected}
                  </td>
                  <td className="whitespace-nowrap">
                    {p.summariesWritten} / {p.candidates}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
